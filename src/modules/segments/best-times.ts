import { Arg, Field, Float, ID, Int, ObjectType, Query, Resolver } from "type-graphql";
import type { Database, Row } from "../../db/database";
import { BadUserInputError, NotFoundError } from "../../graphql/errors";
import { decodeGlobalId } from "../../graphql/relay";
import { hourOfDaySql } from "../sentiment/sentiment.series";
import { dataAsOf, maturityCutoff } from "../predictions/feature-store";

/**
 * Best time to post, from history: for each weekday × hour a post was published in, the engagements
 * (likes, comments, shares) each post drew — from everyone, or from one segment's members.
 *
 * Engagement counts are heavy-tailed (one paid video drew 246 where its slot's other five posts drew 0–27),
 * so slots are compared on log(1 + engagements), where one post cannot carry a slot: a slot's lift is exp of
 * its posts' mean log(1 + engagements) minus the scope's, the ratio of its typical post to the scope's.
 * Those differences are shrunk (empirical Bayes, see `priorStrengths`): the whole audience's toward 0 (its
 * mean) as if by `shrink` more posts at the mean; a scope's own posts in a slot toward the whole audience's
 * shrunk figure for that slot, which counts as `weight` posts. So an account's one or two posts in a slot
 * count, weighed against what everyone's posts then did, and a slot where it has none takes the audience's.
 * `expectedEngagements` is the scope's own average per post times the lift (the audience's average for a
 * scope with no posts at all, and the reason says so).
 */

export const bestTimeDefaults = { minPosts: 3, minPrior: 3, maxPrior: 100 };
const weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

export interface SlotStat {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  hour: number;
  /** How many of the slot's posts drew each engagement count: [engagements, posts] pairs. */
  counts: ReadonlyArray<readonly [number, number]>;
}

/** A slot from its posts' engagement counts, one per post (for tests and small callers). */
export function slotOf(weekday: number, hour: number, engagements: readonly number[]): SlotStat {
  const n = new Map<number, number>();
  for (const e of engagements) n.set(e, (n.get(e) ?? 0) + 1);
  return { weekday, hour, counts: [...n.entries()] };
}

interface Summary {
  posts: number;
  /** Sum of engagements. */
  sum: number;
  /** Sum and sum of squares of log(1 + engagements). */
  logSum: number;
  logSquares: number;
  median: number;
}

function summarise(counts: SlotStat["counts"]): Summary {
  let posts = 0;
  let sum = 0;
  let logSum = 0;
  let logSquares = 0;
  for (const [e, n] of counts) {
    const y = Math.log1p(e);
    posts += n;
    sum += e * n;
    logSum += y * n;
    logSquares += y * y * n;
  }
  // The median: the middle post (the mean of the two middle ones for an even count).
  const sorted = [...counts].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const at = (i: number) => {
    for (const [e, n] of sorted) {
      if (i < n) return e;
      i -= n;
    }
    return 0;
  };
  const median = posts === 0 ? 0 : posts % 2 ? at((posts - 1) / 2) : (at(posts / 2 - 1) + at(posts / 2)) / 2;
  return { posts, sum, logSum, logSquares, median };
}

/**
 * The variance of a post's log(1 + engagements) around its slot's mean (`within`, pooled over slots; null
 * without a slot of two posts) and the variance of the slots' true means around the overall one (`between`,
 * by the one-way ANOVA method of moments for unbalanced slots; null without two slots and `within`; it can
 * come out at or below 0 when slots differ no more than chance makes them).
 */
export function varianceComponents(slots: readonly SlotStat[]): { within: number | null; between: number | null } {
  const s = slots.map((x) => summarise(x.counts)).filter((x) => x.posts > 0);
  const n = s.reduce((a, x) => a + x.posts, 0);
  const k = s.length;
  if (n - k < 1) return { within: null, between: null };
  const within = Math.max(0, s.reduce((a, x) => a + x.logSquares - (x.logSum * x.logSum) / x.posts, 0) / (n - k));
  if (k < 2) return { within, between: null };
  const mean = s.reduce((a, x) => a + x.logSum, 0) / n;
  const meanSquareBetween = s.reduce((a, x) => a + x.posts * (x.logSum / x.posts - mean) ** 2, 0) / (k - 1);
  const n0 = (n - s.reduce((a, x) => a + x.posts * x.posts, 0) / n) / (k - 1);
  return { within, between: (meanSquareBetween - within) / n0 };
}

/**
 * How many posts a slot's shrinkage adds: the noise variance of one post over the variance of the slots' true
 * effects, rounded and kept within [minPrior, maxPrior]. For the prior's (the whole audience's) own slots
 * both come from the prior (`shrink`); for a scope's posts weighed against the prior's figure (`weight`), the
 * noise is the scope's own (an account's posts vary less than everyone's) and the effects' spread the
 * prior's (how far a slot's effect can stray from the audience's is taken to be how far slots differ there).
 * Without the variances to estimate from: `minPrior`; without evidence that slots differ at all: `maxPrior`.
 */
export function priorStrengths(prior: readonly SlotStat[], scope: readonly SlotStat[] | null, options: { minPrior: number; maxPrior: number } = bestTimeDefaults): { shrink: number; weight: number } {
  const p = varianceComponents(prior);
  const ratio = (within: number | null) => {
    if (within === null || p.between === null) return options.minPrior;
    if (!(p.between > 0)) return options.maxPrior;
    return Math.min(options.maxPrior, Math.max(options.minPrior, Math.round(within / p.between)));
  };
  const own = scope === null ? null : varianceComponents(scope).within;
  return { shrink: ratio(p.within), weight: ratio(own ?? p.within) };
}

export interface RankedSlot {
  weekday: number;
  hour: number;
  /**
   * exp of the slot's shrunk mean log(1 + engagements) minus its scope's: how many times the scope's
   * typical post a post published then is expected to draw. Slots are ranked by it.
   */
  lift: number;
  /** `average` × `lift`. */
  expectedEngagements: number;
  /** The average per post `lift` multiplies: the scope's own, or the prior's for a scope with no posts. */
  average: number;
  /** The scope's own posts in the slot ("scope"), or the prior's ("audience"). */
  posts: number;
  /** The median engagements of those posts. */
  median: number;
  /** The prior's (whole audience's) posts in the slot, and its own lift there (shrunk toward 1). */
  priorPosts: number;
  priorLift: number;
  /** Posts at the prior's mean added to its slot (see `priorStrengths`). */
  priorShrink: number;
  /** How many posts the prior's lift counts as, against the scope's own posts in the slot (see `priorStrengths`). */
  priorWeight: number;
  /** "scope": the scope's own posts in the slot count (with the prior); "audience": the prior's alone. */
  basis: "scope" | "audience";
}

/**
 * Pure ranking of slots. `prior` is the whole audience's slots; `scope` the slots of what was asked about,
 * or null when that is the whole audience itself. A slot is listed when the prior has `minPosts` posts in
 * it. Where the scope has no posts, its lift is the prior's, shrunk toward 1; where it has some, their log
 * deviations from the scope's mean, each counting once, and the prior's log lift, counting `weight` times,
 * are averaged. `expectedEngagements` is
 * on the scope's scale (its own average per post times the lift: an account's posts draw far fewer
 * engagements from one segment than from everyone); a scope with no posts at all has no scale of its own
 * and gets the prior's.
 */
export function rankSlots(scope: readonly SlotStat[] | null, prior: readonly SlotStat[], options = bestTimeDefaults): RankedSlot[] {
  const { shrink, weight } = priorStrengths(prior, scope, options);
  const stats = (slots: readonly SlotStat[]) => {
    const bySlot = new Map(slots.map((x) => [`${x.weekday}:${x.hour}`, { weekday: x.weekday, hour: x.hour, ...summarise(x.counts) }]));
    const all = [...bySlot.values()];
    const posts = all.reduce((a, x) => a + x.posts, 0);
    return { bySlot, posts, mean: posts ? all.reduce((a, x) => a + x.sum, 0) / posts : 0, logMean: posts ? all.reduce((a, x) => a + x.logSum, 0) / posts : 0 };
  };
  const p = stats(prior);
  const s = scope === null ? null : stats(scope);
  const own = s !== null && s.posts > 0 ? s : null;
  const out: RankedSlot[] = [];
  for (const [key, a] of p.bySlot) {
    if (a.posts < options.minPosts) continue;
    // The prior's slot: its posts' log deviations from the prior's mean, with `shrink` more posts at the mean.
    const priorLog = (a.logSum - a.posts * p.logMean) / (a.posts + shrink);
    const o = own?.bySlot.get(key);
    const shared = { weekday: a.weekday, hour: a.hour, priorPosts: a.posts, priorLift: Math.exp(priorLog), priorShrink: shrink, priorWeight: weight };
    if (own && o && o.posts > 0) {
      const log = (o.logSum - o.posts * own.logMean + weight * priorLog) / (o.posts + weight);
      out.push({ ...shared, lift: Math.exp(log), expectedEngagements: own.mean * Math.exp(log), average: own.mean, posts: o.posts, median: o.median, basis: "scope" });
    } else {
      // The scope's scale when it has one (a scope with no posts at all has only the prior's).
      const average = own ? own.mean : p.mean;
      out.push({ ...shared, lift: Math.exp(priorLog), expectedEngagements: average * Math.exp(priorLog), average, posts: a.posts, median: a.median, basis: scope === null ? "scope" : "audience" });
    }
  }
  return out.sort((x, y) => y.lift - x.lift || x.weekday - y.weekday || x.hour - y.hour);
}

@ObjectType({ simpleResolvers: true, description: "A weekday and hour to publish at, with the engagement history behind it." })
export class PostingTime {
  @Field(() => Int, { description: "ISO weekday: 1 = Monday … 7 = Sunday (UTC)." })
  weekday: number;

  @Field({ description: "The weekday in English: Monday … Sunday (UTC)." })
  weekdayName: string;

  @Field(() => Int, { description: "Hour of day, UTC." })
  hour: number;

  @Field(() => Float, {
    description:
      "Engagements (likes, comments, shares; from the segment's members when one is asked about) a post published then is expected to draw: `lift` times the scope's own average per post. For an account with no posts yet, `lift` times the whole audience's average (basis AUDIENCE), or the segment's (basis SEGMENT): not a figure of this account's.",
  })
  expectedEngagements: number;

  @Field(() => Float, {
    description:
      "The slot's effect as a multiple (1.2 = 20% more), slots ranked by it: exp of its posts' mean log(1 + engagements) minus the scope's — their typical post against the scope's, so that one outlier cannot carry a slot — shrunk as the reason says (the whole audience's toward its mean; a scope's own posts toward the whole audience's figure for that slot). `expectedEngagements` is the scope's average per post times it.",
  })
  lift: number;

  @Field(() => Int, { description: "The scope's own posts in this slot; for basis AUDIENCE (or SEGMENT), the posts of the audience (or segment) whose figure stands in." })
  posts: number;

  @Field({
    description:
      "Whose posts the figure rests on: the scope asked for — AUDIENCE (no account or segment), ACCOUNT, SEGMENT or ACCOUNT_SEGMENT — whose own posts in this slot count, weighed with the whole audience's figure there; AUDIENCE when the scope has no posts in this slot (the whole audience's figure alone); SEGMENT for an account with no posts yet asked about a segment (the segment's own figures).",
  })
  basis: string;

  @Field({ description: "Why, in one sentence: the posts and engagements behind the figure, what they were weighed with, and the average it applies to." })
  reason: string;
}

@Resolver()
export class BestTimesResolver {
  constructor(private readonly db: Database) {}

  /**
   * Per weekday × hour of publication, how many posts drew each engagement count; only posts published by
   * `matureBy` (`maturityCutoff`: their engagement is in, as training counts them — a scheduled post, or one out
   * minutes ago, has drawn nothing yet and would read as a flop).
   */
  private async slots(matureBy: Date, accountId: number | null, segmentId: number | null): Promise<SlotStat[]> {
    const pg = this.db.dialect === "postgres";
    const dow = pg ? `CAST(EXTRACT(ISODOW FROM "p"."publishedAt") AS INTEGER)` : `((CAST(strftime('%w', "p"."publishedAt") AS INTEGER) + 6) % 7 + 1)`;
    const hour = hourOfDaySql(this.db.dialect, `"p"."publishedAt"`);
    const params: unknown[] = [];
    let member = "";
    if (segmentId !== null) {
      member = ` AND EXISTS (SELECT 1 FROM "segment_memberships" "sm" WHERE "sm"."userId" = "i"."userId" AND "sm"."segmentId" = ?)`;
      params.push(segmentId);
    }
    let where = `WHERE "p"."publishedAt" <= ?`;
    params.push(this.db.param(matureBy));
    if (accountId !== null) {
      where += ` AND "p"."authorId" = ?`;
      params.push(accountId);
    }
    const rows = await this.db.query<Row>(
      `SELECT "d", "h", "e", COUNT(*) AS "n" FROM (SELECT ${dow} AS "d", ${hour} AS "h", COUNT("i"."id") AS "e" FROM "posts" "p" ` +
        `LEFT JOIN "interactions" "i" ON "i"."postId" = "p"."id" AND "i"."type" IN ('LIKE', 'COMMENT', 'SHARE')${member} ${where} GROUP BY "p"."id", "p"."publishedAt") "x" GROUP BY "d", "h", "e"`,
      params,
    );
    const bySlot = new Map<string, SlotStat & { counts: Array<[number, number]> }>();
    for (const r of rows) {
      const key = `${r.d}:${r.h}`;
      if (!bySlot.has(key)) bySlot.set(key, { weekday: Number(r.d), hour: Number(r.h), counts: [] });
      bySlot.get(key)!.counts.push([Number(r.e), Number(r.n)]);
    }
    return [...bySlot.values()];
  }

  @Query(() => [PostingTime], {
    description:
      "When to publish, best first: weekday × hour slots ranked by the engagements a post published then draws over the scope's typical post, on log(1 + engagements) so that one outlier cannot carry a slot — for an account's posts, from a segment's members, or both. A scope's own posts in a slot, however few, are weighed with the whole audience's figure for that slot; a slot where it has none takes the audience's. A slot needs 3 posts of the audience to be listed.",
  })
  async bestTimesToPost(
    @Arg("accountId", () => ID, { nullable: true, description: "A brand account: its own posts' engagement (null: the whole audience's)." }) accountId: string | null,
    @Arg("segmentId", () => ID, { nullable: true, description: "Only the engagement of this segment's members." }) segmentId: string | null,
    @Arg("first", () => Int, { defaultValue: 5, description: "1–50." }) first: number,
  ): Promise<PostingTime[]> {
    if (!Number.isInteger(first) || first < 1 || first > 50) throw new BadUserInputError("first", `expected \`first\` between 1 and 50, found ${first}`);
    const account = accountId != null ? decodeGlobalId(accountId, "accountId", "User").id : null;
    const segment = segmentId != null ? decodeGlobalId(segmentId, "segmentId", "Segment").id : null;
    if (account !== null && (await this.db.query(`SELECT 1 AS "x" FROM "users" WHERE "id" = ?`, [account])).length === 0) throw new NotFoundError("User", accountId!, "accountId");
    if (segment !== null && (await this.db.query(`SELECT 1 AS "x" FROM "segments" WHERE "id" = ?`, [segment])).length === 0) throw new NotFoundError("Segment", segmentId!, "segmentId");
    const scopeName = account !== null && segment !== null ? "ACCOUNT_SEGMENT" : account !== null ? "ACCOUNT" : segment !== null ? "SEGMENT" : "AUDIENCE";
    const matureBy = maturityCutoff(await dataAsOf(this.db));
    const audience = await this.slots(matureBy, null, null);
    const scope = scopeName === "AUDIENCE" ? null : await this.slots(matureBy, account, segment);
    const scopePosts = (scope ?? []).reduce((n, x) => n + x.counts.reduce((m, [, c]) => m + c, 0), 0);
    // An account with no posts yet, asked about a segment, gets that segment's own figures (its engagement
    // with everyone's posts, on its own scale, as bestTimesToPost(segmentId) gives them), not the whole audience's.
    const bySegment = scopeName === "ACCOUNT_SEGMENT" && scopePosts === 0;
    const ranked = bySegment ? rankSlots(await this.slots(matureBy, null, segment), audience) : rankSlots(scope, audience);
    return ranked.slice(0, first).map((s) => ({
      weekday: s.weekday,
      weekdayName: weekdays[s.weekday - 1],
      hour: s.hour,
      expectedEngagements: s.expectedEngagements,
      lift: s.lift,
      posts: s.posts,
      basis: bySegment ? "SEGMENT" : s.basis === "scope" ? scopeName : "AUDIENCE",
      reason: bySegment ? `this account has no posts yet, so this is this segment's figure (its engagement with everyone's posts, not this account's): ${reasonFor(s, "SEGMENT", 1)}` : reasonFor(s, scopeName, scopePosts),
    }));
  }
}

/** One decimal; two significant digits below 1, so that a small average does not read "0.0" beside its multiple. */
export const n1 = (x: number): string => {
  const small = x !== 0 && Math.abs(x) < 1 ? Number(x.toPrecision(2)) : NaN;
  return Math.abs(small) < 1 ? String(small) : x.toFixed(1);
};
const times = (x: number) => `${x.toFixed(2)}×`;
const engagementsWord = (x: number) => `${Number.isInteger(x) ? x : n1(x)} ${x === 1 ? "engagement" : "engagements"}`;

/** The reason a slot is where it is, in one sentence, with the figures behind it. */
export function reasonFor(s: RankedSlot, scopeName: string, scopePosts: number): string {
  const when = `${weekdays[s.weekday - 1]}s at ${s.hour}:00`;
  const account = scopeName === "ACCOUNT" || scopeName === "ACCOUNT_SEGMENT";
  const from = scopeName === "SEGMENT" || scopeName === "ACCOUNT_SEGMENT" ? " from this segment" : "";
  const method = `compared on log(1 + engagements) and shrunk toward 1× as if by ${s.priorShrink} more typical posts`;
  if (scopeName === "AUDIENCE")
    return `${s.posts} posts published ${when} (median ${engagementsWord(s.median)}): their typical post drew ${times(s.lift)} the audience's (${method}), so ${n1(s.expectedEngagements)} engagements expected per post, against an average of ${n1(s.average)}`;
  const whose = account ? "this account's" : "the";
  if (s.basis === "scope")
    return (
      `${s.posts} ${account ? "of this account's posts" : "posts"} published ${when} (median ${engagementsWord(s.median)}${from}), weighed with the whole audience's ${times(s.priorLift)} at that time (${s.priorPosts} posts, counted as ${s.priorWeight}): ` +
      `${times(s.lift)} ${whose} typical post, so ${n1(s.expectedEngagements)} engagements${from} expected per post, against ${whose} average of ${n1(s.average)}${from}`
    );
  if (scopePosts === 0)
    return `this account has no posts yet, so this is the whole audience's figure: its ${s.posts} posts published ${when} (median ${engagementsWord(s.median)}) drew ${times(s.lift)} its typical post (${method}), so ${n1(s.expectedEngagements)} engagements expected per post at the audience's average of ${n1(s.average)}, not this account's`;
  return (
    `no ${account ? "post of this account's" : "post"} was published ${when}: the whole audience's ${s.posts} posts then (median ${engagementsWord(s.median)}) drew ${times(s.lift)} its typical post (${method}), ` +
    `applied to ${whose} average of ${n1(s.average)}${from}: ${n1(s.expectedEngagements)} engagements${from} expected per post`
  );
}
