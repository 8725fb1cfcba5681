/**
 * The negative-spike rule, pure: over consecutive time buckets of one group (every bucket present,
 * empty ones with count 0), a bucket is a spike when its share of negative texts is improbably high
 * against the pooled share of the buckets before it.
 *
 * For bucket t with n texts of which k are negative, and the previous `baselineBuckets` buckets holding
 * N texts of which K are negative:
 *   p0 = (K + 1) / (N + 2)                      (the baseline share, smoothed so that 0 of N is not 0)
 *   z  = (k − n·p0) / √(n·p0·(1 − p0))          (binomial z-score of this bucket's negatives)
 * The first `baselineBuckets` buckets never fire: a baseline must span its whole window (a partial one
 * from a few quiet days made false alarms in the noise test). It fires when n ≥ minCount, N ≥ minCount
 * (enough evidence on both sides), z ≥ sensitivity, and
 * k/n − p0 ≥ minLift (a large bucket can be significant without mattering). After a spike, the next
 * `cooldownBuckets` buckets do not fire again: one incident, one alert. Buckets may be given sparsely with
 * their `ordinal` (an empty bucket never fires), so a long quiet stretch costs nothing.
 */

export interface BucketCounts {
  start: Date;
  count: number;
  negative: number;
  /**
   * The bucket's ordinal on its time axis (consecutive buckets differ by 1), so that empty buckets can be left
   * out; when absent, buckets are taken as consecutive and the position in the list is the ordinal.
   */
  ordinal?: number;
}

export interface SpikeOptions {
  /** Buckets before the current one that form its baseline. */
  baselineBuckets: number;
  /** Minimum z-score: 3 lets through roughly 0.1–0.5% of ordinary buckets (the binomial tail is heavier than the normal one at small n). */
  sensitivity: number;
  /** Buckets after a spike in which no new alert fires. */
  cooldownBuckets: number;
  /** Minimum texts in the bucket, and in its baseline. */
  minCount: number;
  /** Minimum rise of the negative share over the baseline (0.1 = ten points). */
  minLift: number;
}

export const defaultSpikeOptions: SpikeOptions = { baselineBuckets: 14, sensitivity: 3, cooldownBuckets: 3, minCount: 10, minLift: 0.1 };

export interface Spike {
  /** Index of the bucket in the input. */
  index: number;
  start: Date;
  count: number;
  negative: number;
  share: number;
  expectedShare: number;
  zScore: number;
  baselineCount: number;
}

/** Checks options once, naming the offending one. */
export function checkSpikeOptions(o: SpikeOptions): string | null {
  if (!Number.isInteger(o.baselineBuckets) || o.baselineBuckets < 1 || o.baselineBuckets > 1000) return `baselineBuckets: expected a whole number 1–1000, found ${o.baselineBuckets}`;
  if (!Number.isFinite(o.sensitivity) || o.sensitivity <= 0 || o.sensitivity > 20) return `sensitivity: expected a z-score in (0, 20], found ${o.sensitivity}`;
  if (!Number.isInteger(o.cooldownBuckets) || o.cooldownBuckets < 0 || o.cooldownBuckets > 1000) return `cooldownBuckets: expected a whole number 0–1000, found ${o.cooldownBuckets}`;
  if (!Number.isInteger(o.minCount) || o.minCount < 1) return `minCount: expected a whole number ≥ 1, found ${o.minCount}`;
  if (!Number.isFinite(o.minLift) || o.minLift < 0 || o.minLift >= 1) return `minLift: expected a share in [0, 1), found ${o.minLift}`;
  return null;
}

export function detectSpikes(buckets: readonly BucketCounts[], options: SpikeOptions = defaultSpikeOptions): Spike[] {
  const spikes: Spike[] = [];
  const at = (t: number) => buckets[t].ordinal ?? t;
  const first = buckets.length ? at(0) : 0;
  // Running sums of the buckets [lo, t): the ones within `baselineBuckets` before bucket t.
  let lo = 0;
  let windowCount = 0;
  let windowNegative = 0;
  let lastSpike = -Infinity;
  for (let t = 0; t < buckets.length; t++) {
    const ordinal = at(t);
    if (t > 0) {
      windowCount += buckets[t - 1].count;
      windowNegative += buckets[t - 1].negative;
    }
    while (lo < t && at(lo) < ordinal - options.baselineBuckets) {
      windowCount -= buckets[lo].count;
      windowNegative -= buckets[lo].negative;
      lo++;
    }
    const { count: n, negative: k } = buckets[t];
    if (ordinal - first < options.baselineBuckets || n < options.minCount || windowCount < options.minCount) continue;
    if (ordinal - lastSpike <= options.cooldownBuckets) continue;
    const p0 = (windowNegative + 1) / (windowCount + 2);
    const z = (k - n * p0) / Math.sqrt(n * p0 * (1 - p0));
    const share = k / n;
    if (z >= options.sensitivity && share - p0 >= options.minLift) {
      spikes.push({ index: t, start: buckets[t].start, count: n, negative: k, share, expectedShare: p0, zScore: z, baselineCount: windowCount });
      lastSpike = ordinal;
    }
  }
  return spikes;
}
