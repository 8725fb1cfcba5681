import { Arg, Field, Float, ID, Int, ObjectType, Query, Resolver } from "type-graphql";
import type { Database, Row } from "../../db/database";
import { BadUserInputError, NotFoundError } from "../../graphql/errors";
import { decodeGlobalId } from "../../graphql/relay";
import { hourOfDaySql } from "../sentiment/sentiment.series";

/**
 * Best time to post, from history: for each weekday × hour a post was published in, the engagements
 * (likes, comments, shares) it drew — from everyone, or from one segment's members — per post. A slot
 * needs `minPosts` posts of the scope to count as evidence; otherwise the whole audience's figure for
 * that slot stands in (and says so). Means are shrunk toward the scope's overall mean by `prior` posts,
 * so a slot with three lucky posts does not top the list.
 */

export const bestTimeDefaults = { minPosts: 3, prior: 3 };
const weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

export interface SlotStat {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  hour: number;
  posts: number;
  engagements: number;
}

export interface RankedSlot {
  weekday: number;
  hour: number;
  /** The slot's engagements per post over the scope's (or, in a fallback, the audience's) overall mean. */
  lift: number;
  /** On the scope's scale: its shrunk mean, or the audience's lift times the scope's mean. */
  expectedEngagements: number;
  posts: number;
  basis: "scope" | "audience";
}

/**
 * Pure ranking of slots by lift: a slot's shrunk mean over its scope's overall mean. Where the scope lacks
 * evidence the audience's lift for that slot stands in, applied to the scope's mean, so that both kinds of
 * slot are on the scope's scale (an account-and-segment scope draws far fewer engagements per post than
 * the whole audience; ranking raw audience figures among the scope's own put every fallback slot first).
 * A scope with no engagement at all has lift 1 everywhere: the audience's pattern decides the order; a scope
 * with no posts at all (a new account) is given the audience's figures as they are.
 */
export function rankSlots(scope: readonly SlotStat[], audience: readonly SlotStat[], options = bestTimeDefaults): RankedSlot[] {
  const shrunk = (stats: readonly SlotStat[]) => {
    const posts = stats.reduce((s, x) => s + x.posts, 0);
    const mean = posts ? stats.reduce((s, x) => s + x.engagements, 0) / posts : 0;
    const slots = new Map(stats.map((x) => [`${x.weekday}:${x.hour}`, { ...x, value: (x.engagements + options.prior * mean) / (x.posts + options.prior) }]));
    return { mean, posts, slots, lift: (value: number) => (mean > 0 ? value / mean : 1) };
  };
  const own = shrunk(scope);
  const all = shrunk(audience);
  // A scope with no posts at all has no scale of its own: the audience's is the only one there is.
  const scale = own.posts > 0 ? own.mean : all.mean;
  const keys = new Set([...own.slots.keys(), ...all.slots.keys()]);
  const out: RankedSlot[] = [];
  for (const key of keys) {
    const o = own.slots.get(key);
    const a = all.slots.get(key);
    if (o && o.posts >= options.minPosts) out.push({ weekday: o.weekday, hour: o.hour, lift: own.lift(o.value), expectedEngagements: o.value, posts: o.posts, basis: "scope" });
    else if (a && a.posts >= options.minPosts) {
      const lift = all.lift(a.value);
      out.push({ weekday: a.weekday, hour: a.hour, lift, expectedEngagements: lift * scale, posts: a.posts, basis: "audience" });
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

  @Field(() => Float, { description: "Engagements a post published then drew, on average (shrunk toward the overall mean); for an AUDIENCE fallback, the audience's lift at this time applied to the scope's average." })
  expectedEngagements: number;

  @Field(() => Float, { description: "The slot's engagements per post over its basis's average (1.2 = 20% above); slots are ranked by it." })
  lift: number;

  @Field(() => Int, { description: "Posts behind the figure." })
  posts: number;

  @Field({ description: "ACCOUNT, SEGMENT, ACCOUNT_SEGMENT (the scope asked for), or AUDIENCE when the scope had too few posts in this slot (SEGMENT for an account with no posts yet, asked about a segment)." })
  basis: string;

  @Field({ description: "Why, in one sentence: the posts and engagements behind the figure, or the fallback used." })
  reason: string;
}

@Resolver()
export class BestTimesResolver {
  constructor(private readonly db: Database) {}

  private async slots(accountId: number | null, segmentId: number | null): Promise<SlotStat[]> {
    const pg = this.db.dialect === "postgres";
    const dow = pg ? `CAST(EXTRACT(ISODOW FROM "p"."publishedAt") AS INTEGER)` : `((CAST(strftime('%w', "p"."publishedAt") AS INTEGER) + 6) % 7 + 1)`;
    const hour = hourOfDaySql(this.db.dialect, `"p"."publishedAt"`);
    const params: unknown[] = [];
    let member = "";
    if (segmentId !== null) {
      member = ` AND EXISTS (SELECT 1 FROM "segment_memberships" "sm" WHERE "sm"."userId" = "i"."userId" AND "sm"."segmentId" = ?)`;
      params.push(segmentId);
    }
    let where = "";
    if (accountId !== null) {
      where = `WHERE "p"."authorId" = ?`;
      params.push(accountId);
    }
    const rows = await this.db.query<Row>(
      `SELECT ${dow} AS "d", ${hour} AS "h", COUNT(DISTINCT "p"."id") AS "posts", COUNT("i"."id") AS "eng" FROM "posts" "p" ` +
        `LEFT JOIN "interactions" "i" ON "i"."postId" = "p"."id" AND "i"."type" IN ('LIKE', 'COMMENT', 'SHARE')${member} ${where} GROUP BY 1, 2`,
      params,
    );
    return rows.map((r) => ({ weekday: Number(r.d), hour: Number(r.h), posts: Number(r.posts), engagements: Number(r.eng) }));
  }

  @Query(() => [PostingTime], {
    description: "When to publish, best first: weekday × hour slots ranked by the engagements posts published then drew, over the scope's average — for an account's posts, from a segment's members, or both; slots with fewer than 3 posts of that scope use the whole audience's lift at that time.",
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
    const audience = await this.slots(null, null);
    const scope = scopeName === "AUDIENCE" ? audience : await this.slots(account, segment);
    const whose = scopeName === "ACCOUNT" || scopeName === "ACCOUNT_SEGMENT" ? "of this account's posts" : "posts";
    const from = scopeName === "SEGMENT" || scopeName === "ACCOUNT_SEGMENT" ? " from this segment" : "";
    const scopePosts = scope.reduce((n, x) => n + x.posts, 0);
    // An account with no posts yet, asked about a segment, falls back on that segment's engagement with
    // everyone's posts (its own scale), not on the whole audience's.
    const bySegment = scopeName === "ACCOUNT_SEGMENT" && scopePosts === 0;
    const fallbackSlots = bySegment ? await this.slots(null, segment) : audience;
    const fallbackBasis = bySegment ? "SEGMENT" : "AUDIENCE";
    const fallbackWhose = bySegment ? "this segment's engagements with everyone's" : "the whole audience's";
    const fallback = (x: RankedSlot) =>
      scopePosts === 0
        ? `this account has no posts yet: ${fallbackWhose} ${x.posts} posts published ${weekdays[x.weekday - 1]}s at ${x.hour}:00 drew ${x.lift.toFixed(2)}× its average per post, ${x.expectedEngagements.toFixed(1)} engagements${from} per post`
        : `too few ${whose} at this time: the whole audience's ${x.posts} posts published ${weekdays[x.weekday - 1]}s at ${x.hour}:00 drew ${x.lift.toFixed(2)}× the audience's average per post, so ${x.expectedEngagements.toFixed(1)} engagements${from} expected per post`;
    return rankSlots(scope, fallbackSlots)
      .slice(0, first)
      .map((s) => ({
        weekday: s.weekday,
        weekdayName: weekdays[s.weekday - 1],
        hour: s.hour,
        expectedEngagements: s.expectedEngagements,
        lift: s.lift,
        posts: s.posts,
        basis: s.basis === "scope" ? scopeName : fallbackBasis,
        reason:
          s.basis === "scope"
            ? `${s.posts} ${whose} published ${weekdays[s.weekday - 1]}s at ${s.hour}:00: ${s.expectedEngagements.toFixed(1)} engagements${from} expected per post (their average, shrunk toward the overall one)`
            : fallback(s),
      }));
  }
}
