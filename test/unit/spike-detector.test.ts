import { createRng } from "../../src/ml/random";
import { detectSpikes, checkSpikeOptions, type BucketCounts } from "../../src/modules/sentiment/spike-detector";

const day = (i: number) => new Date(Date.UTC(2026, 0, 1 + i));
const series = (pairs: Array<[number, number]>): BucketCounts[] => pairs.map(([count, negative], i) => ({ start: day(i), count, negative }));
const opts = { baselineBuckets: 3, sensitivity: 3, cooldownBuckets: 0, minCount: 10, minLift: 0.1 };

describe("detectSpikes", () => {
  it("scores a bucket against the smoothed pooled share of its baseline (hand-checked)", () => {
    // Baseline: 3 of 30 negative → p0 = (3 + 1) / (30 + 2) = 0.125; bucket: 6 of 10.
    // z = (6 − 10·0.125) / √(10·0.125·0.875) = 4.75 / √1.09375 = 4.75 / 1.0458250 = 4.54187.
    const spikes = detectSpikes(series([[10, 1], [10, 1], [10, 1], [10, 6]]), opts);
    expect(spikes).toHaveLength(1);
    expect(spikes[0]).toMatchObject({ index: 3, count: 10, negative: 6, share: 0.6, expectedShare: 0.125, baselineCount: 30 });
    expect(spikes[0].zScore).toBeCloseTo(4.54187, 4);
  });

  it("slides the baseline window: buckets older than baselineBuckets leave it", () => {
    // Window of 2 for the last bucket: 2 of 20 → p0 = 3/22; z = (6 − 10·3/22) / √(10·(3/22)·(19/22)) = 4.63636 / 1.08521 = 4.27232.
    // The first bucket (9 of 10 negative) has left the window; with it, p0 would be 11/32 and z 1.68.
    const spikes = detectSpikes(series([[10, 9], [10, 1], [10, 1], [10, 6]]), { ...opts, baselineBuckets: 2 });
    expect(spikes.map((s) => s.index)).toEqual([3]);
    expect(spikes[0].expectedShare).toBeCloseTo(3 / 22, 12);
    expect(spikes[0].zScore).toBeCloseTo(4.27232, 4);
    expect(detectSpikes(series([[10, 9], [10, 1], [10, 1], [10, 6]]), { ...opts, baselineBuckets: 3 })).toEqual([]);
  });

  it("needs enough texts in the bucket and in its baseline, and a real rise", () => {
    expect(detectSpikes(series([[10, 1], [10, 1], [10, 1], [5, 5]]), opts)).toEqual([]);
    expect(detectSpikes(series([[3, 0], [3, 0], [3, 0], [10, 8]]), opts)).toEqual([]);
    // 10,000 texts at 13% against 10%: z ≈ 9.6, but a 3-point rise is below minLift.
    expect(detectSpikes(series([[10_000, 1_000], [10_000, 1_000], [10_000, 1_000], [10_000, 1_300]]), opts)).toEqual([]);
    expect(detectSpikes(series([[10_000, 1_000], [10_000, 1_000], [10_000, 1_000], [10_000, 1_300]]), { ...opts, minLift: 0.02 })).toHaveLength(1);
  });

  it("stays quiet during the cooldown after a spike", () => {
    // Second spike: window (1, 1, 6 of 30) → p0 = 9/32; z = (9 − 2.8125) / √(10·0.28125·0.71875) = 4.352 → fires without cooldown.
    const data = series([[10, 1], [10, 1], [10, 1], [10, 6], [10, 9]]);
    expect(detectSpikes(data, opts).map((s) => s.index)).toEqual([3, 4]);
    expect(detectSpikes(data, { ...opts, cooldownBuckets: 1 }).map((s) => s.index)).toEqual([3]);
  });

  it("raises nothing on ordinary noise and finds a planted spike in it", () => {
    const rng = createRng(7);
    const noise: Array<[number, number]> = [];
    for (let i = 0; i < 90; i++) {
      const n = 30 + rng.int(20);
      let k = 0;
      for (let j = 0; j < n; j++) if (rng.next() < 0.1) k++;
      noise.push([n, k]);
    }
    const options = { baselineBuckets: 14, sensitivity: 3, cooldownBuckets: 3, minCount: 10, minLift: 0.1 };
    expect(detectSpikes(series(noise), options)).toEqual([]);
    const planted = noise.map((p, i): [number, number] => (i === 60 ? [40, 18] : p));
    expect(detectSpikes(series(planted), options).map((s) => s.index)).toEqual([60]);
  });

  it("gives the same answer on sparse buckets (empty ones left out, with their ordinals) as on dense ones", () => {
    const rng = createRng(11);
    const dense: Array<[number, number]> = [];
    for (let i = 0; i < 200; i++) {
      // Quiet stretches (empty buckets), ordinary days, and a few bad ones.
      const n = i % 37 < 6 ? 0 : 20 + rng.int(20);
      let k = 0;
      for (let j = 0; j < n; j++) if (rng.next() < (i % 23 === 0 ? 0.6 : 0.1)) k++;
      dense.push([n, k]);
    }
    const options = { baselineBuckets: 7, sensitivity: 2.5, cooldownBuckets: 2, minCount: 10, minLift: 0.1 };
    const all = series(dense);
    const expected = detectSpikes(all, options);
    expect(expected.length).toBeGreaterThan(2);
    const sparse = all.map((b, i) => ({ ...b, ordinal: 1000 + i })).filter((b) => b.count > 0);
    const got = detectSpikes(sparse, options);
    expect(got.map((s) => [s.start, s.count, s.negative, s.zScore, s.baselineCount])).toEqual(expected.map((s) => [s.start, s.count, s.negative, s.zScore, s.baselineCount]));
  });

  it("names a bad option", () => {
    expect(checkSpikeOptions({ ...opts, sensitivity: 0 })).toMatch(/^sensitivity/);
    expect(checkSpikeOptions({ ...opts, baselineBuckets: 0 })).toMatch(/^baselineBuckets/);
    expect(checkSpikeOptions({ ...opts, minLift: 1 })).toMatch(/^minLift/);
    expect(checkSpikeOptions(opts)).toBeNull();
  });
});
