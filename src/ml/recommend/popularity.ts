/**
 * Popularity scorers. `decayedPopularity`: Σ over an item's events of 2^(−age / halfLife), age measured back
 * from a reference time (recency-aware popularity). `TimelinePopularity`: the same kernel centred on any
 * time — "what was popular when this user was last active" — over events sorted by time, touching only the
 * events within `span` half-lives of it. `mostPopular` ranks raw counts (optionally since a time): the
 * evaluation's baselines.
 */
const DAY = 86_400_000;

export function decayedPopularity(times: ArrayLike<number>, items: ArrayLike<number>, itemCount: number, referenceTime: number, halfLifeDays: number): Float64Array {
  const out = new Float64Array(itemCount);
  const h = halfLifeDays * DAY;
  for (let e = 0; e < times.length; e++) out[items[e]] += Math.pow(2, -Math.max(0, referenceTime - times[e]) / h);
  return out;
}

export class TimelinePopularity {
  constructor(
    /** Event times, ascending. */
    readonly times: Float64Array,
    /** Event items, aligned with `times`. */
    readonly items: Int32Array,
  ) {}

  static fromEvents(events: ReadonlyArray<{ time: number; item: number }>): TimelinePopularity {
    const sorted = [...events].sort((a, b) => a.time - b.time);
    return new TimelinePopularity(Float64Array.from(sorted, (e) => e.time), Int32Array.from(sorted, (e) => e.item));
  }

  private lowerBound(t: number): number {
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.times[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Adds Σ 2^(−|t − centre| / h) per item into `out`, with h = `beforeDays` for events before `centre` and
   * `afterDays` for events after it (0 leaves that side out); only events within `span` half-lives are read.
   */
  scoreAround(centre: number, beforeDays: number, afterDays: number, out: Float64Array, span = 6): void {
    const ln2 = Math.LN2;
    if (beforeDays > 0) {
      const h = beforeDays * DAY;
      const to = this.lowerBound(centre);
      for (let e = this.lowerBound(centre - span * h); e < to; e++) out[this.items[e]] += Math.exp((ln2 * (this.times[e] - centre)) / h);
    }
    if (afterDays > 0) {
      const h = afterDays * DAY;
      const to = this.lowerBound(centre + span * h);
      for (let e = this.lowerBound(centre); e < to; e++) out[this.items[e]] += Math.exp((ln2 * (centre - this.times[e])) / h);
    }
  }
}

/** Item ids by descending count of events (at or after `since` when given), ties by id. */
export function mostPopular(events: ReadonlyArray<{ itemId: string; time: number }>, since = -Infinity): string[] {
  const counts = new Map<string, number>();
  for (const e of events) if (e.time >= since) counts.set(e.itemId, (counts.get(e.itemId) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([id]) => id);
}
