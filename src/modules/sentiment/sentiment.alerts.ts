import { createHash } from "node:crypto";
import type { PubSub } from "type-graphql";
import type { Database } from "../../db/database";
import { BadUserInputError } from "../../graphql/errors";
import { defaultPageSize, maxPageSize } from "../../graphql/relay";
import type { Logger } from "../../lib/logger";
import { bucketCounts, bucketStart, checkFilter, negativeDrivers, nextBucket, type Granularity, type SentimentFilterValue, type SentimentGroupBy } from "./sentiment.series";
import { checkSpikeOptions, defaultSpikeOptions, detectSpikes, type BucketCounts, type SpikeOptions } from "./spike-detector";

export const alertTopic = "SENTIMENT_ALERT";

/** An alert as resolvers see it: the spike, where it happened, and how to find its drivers. */
export interface AlertValue {
  id: string;
  bucket: Date;
  bucketEnd: Date;
  granularity: Granularity;
  groupBy: SentimentGroupBy;
  groupKey: string;
  groupLabel: string;
  rawKey: string;
  count: number;
  negativeCount: number;
  negativeShare: number;
  expectedShare: number;
  zScore: number;
  baselineCount: number;
  baselineBuckets: number;
  summary: string;
  filter: SentimentFilterValue;
}

export interface AlertArgs {
  filter?: SentimentFilterValue | null;
  granularity: Granularity;
  groupBy: SentimentGroupBy;
  options: SpikeOptions;
  first?: number | null;
}

/** A bucket's position on its time axis: consecutive buckets differ by 1. */
export function bucketOrdinal(start: Date, granularity: Granularity): number {
  const t = start.getTime();
  switch (granularity) {
    case "HOUR":
      return Math.round(t / 3_600_000);
    case "DAY":
      return Math.round(t / 86_400_000);
    case "WEEK":
      // 1970-01-05 was a Monday, the first week start after the epoch.
      return Math.round((t - 4 * 86_400_000) / (7 * 86_400_000));
    case "MONTH":
      return start.getUTCFullYear() * 12 + start.getUTCMonth();
  }
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const unitOf: Record<Granularity, string> = { HOUR: "hour", DAY: "day", WEEK: "week", MONTH: "month" };

/** Live checks after ingest: the default rule, by day, for everything and per topic. */
const liveChecks: Array<{ granularity: Granularity; groupBy: SentimentGroupBy }> = [
  { granularity: "DAY", groupBy: "NONE" },
  { granularity: "DAY", groupBy: "TOPIC" },
];
/** Ingest batches arriving within this many ms are checked together. */
const liveDelayMs = 250;

/**
 * Negative-spike alerts over the stored scores: computed on demand with the caller's rule (a baseline
 * window, a sensitivity and a cooldown), and checked live after ingest with the default rule, new
 * alerts going to subscribers.
 */
export class SentimentAlerts {
  private readonly published = new Set<string>();
  private pendingFrom: Date | null = null;
  private pendingTo: Date | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly db: Database,
    private readonly pubSub: PubSub,
    private readonly logger: Logger,
  ) {}

  async detect(args: AlertArgs): Promise<AlertValue[]> {
    const problem = checkSpikeOptions(args.options);
    if (problem) throw new BadUserInputError(problem.slice(0, problem.indexOf(":")), problem.slice(problem.indexOf(":") + 2));
    const first = args.first ?? defaultPageSize;
    if (!Number.isInteger(first) || first < 1 || first > maxPageSize) throw new BadUserInputError("first", `expected \`first\` between 1 and ${maxPageSize}, found ${first}`);
    await checkFilter(this.db, args.filter);
    const filter = args.filter ?? {};
    const { granularity } = args;
    // Every alert is judged on the group's whole history, `from` only choosing which ones are listed: an
    // alert just before `from` still starts its cooldown, and the same bucket gets the same answer from every
    // query and from the live checks. Empty buckets are left out (the detector takes ordinals), so a long or
    // early range costs what its texts cost.
    const rows = await bucketCounts(this.db, { filter: { ...filter, from: null }, granularity, groupBy: args.groupBy });
    const listedFrom = filter.from ? bucketStart(filter.from, granularity) : null;
    const groups = new Map<string, typeof rows>();
    for (const r of rows) {
      if (!groups.has(r.rawKey)) groups.set(r.rawKey, []);
      groups.get(r.rawKey)!.push(r);
    }
    // What the alert's numbers depend on, so that its ID (Apollo Client's cache key) differs when they differ.
    const scope = Object.entries(filter).filter(([k, v]) => k !== "from" && k !== "to" && v != null);
    const rule = JSON.stringify([args.options, scope.sort(([a], [b]) => a.localeCompare(b))]);
    const alerts: AlertValue[] = [];
    for (const [rawKey, list] of groups) {
      const buckets: BucketCounts[] = list.map((r) => ({ start: r.bucket, count: r.count, negative: r.negative, ordinal: bucketOrdinal(r.bucket, granularity) }));
      for (const s of detectSpikes(buckets, args.options)) {
        if (listedFrom && s.start < listedFrom) continue;
        const end = nextBucket(s.start, granularity);
        const { groupKey, groupLabel } = list[0];
        const where = args.groupBy === "NONE" ? "all texts" : groupLabel;
        alerts.push({
          id: Buffer.from(JSON.stringify(["alert", granularity, args.groupBy, rawKey, s.start.toISOString()])).toString("base64url") + "." + createHash("sha1").update(rule).digest("base64url").slice(0, 12),
          bucket: s.start,
          bucketEnd: end,
          granularity,
          groupBy: args.groupBy,
          groupKey,
          groupLabel,
          rawKey,
          count: s.count,
          negativeCount: s.negative,
          negativeShare: s.share,
          expectedShare: s.expectedShare,
          zScore: s.zScore,
          baselineCount: s.baselineCount,
          baselineBuckets: args.options.baselineBuckets,
          summary:
            `Negative spike on ${where}: ${pct(s.share)} of ${s.count} texts in the ${unitOf[granularity]} from ${s.start.toISOString()} were negative, ` +
            `against ${pct(s.expectedShare)} over the previous ${args.options.baselineBuckets} ${unitOf[granularity]}s (z = ${s.zScore.toFixed(1)}).`,
          filter,
        });
      }
    }
    alerts.sort((a, b) => b.bucket.getTime() - a.bucket.getTime() || b.zScore - a.zScore);
    return alerts.slice(0, first);
  }

  /** The most negative posts and comments of an alert's bucket and group. */
  drivers(alert: AlertValue, limit: number) {
    return negativeDrivers(this.db, { filter: alert.filter, groupBy: alert.groupBy, rawKey: alert.rawKey, from: alert.bucket, to: alert.bucketEnd, limit });
  }

  /**
   * Called after texts were scored: the days they fall in are checked (together with other batches of
   * the next 250 ms) and new alerts published. Never throws into ingest.
   */
  touched(times: readonly Date[]): void {
    if (this.closed || times.length === 0) return;
    let min = times[0];
    let max = times[0];
    for (const t of times) {
      if (t < min) min = t;
      if (t > max) max = t;
    }
    if (!this.pendingFrom || min < this.pendingFrom) this.pendingFrom = min;
    if (!this.pendingTo || max > this.pendingTo) this.pendingTo = max;
    this.timer ??= setTimeout(() => {
      this.timer = null;
      const from = this.pendingFrom!;
      const to = this.pendingTo!;
      this.pendingFrom = this.pendingTo = null;
      this.running = this.running.then(() => this.checkLive(from, to)).catch((err) => this.logger.error({ err }, "live sentiment alert check failed"));
    }, liveDelayMs);
  }

  private async checkLive(from: Date, to: Date): Promise<void> {
    if (this.closed) return;
    for (const check of liveChecks) {
      const range = { from: bucketStart(from, check.granularity), to: nextBucket(bucketStart(to, check.granularity), check.granularity) };
      const alerts = await this.detect({ ...check, filter: range, options: defaultSpikeOptions, first: maxPageSize });
      for (const a of alerts) {
        if (this.published.has(a.id)) continue;
        this.published.add(a.id);
        this.pubSub.publish(alertTopic, a);
      }
    }
  }

  /** Stops live checks (server shutdown) and waits for the one running. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}
