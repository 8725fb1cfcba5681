import type { Database, Row } from "../../db/database";
import { readSeriesCursor, seriesCursor } from "../../graphql/series-cursor";
import { BadUserInputError, filterText, NotFoundError } from "../../graphql/errors";
import { Where } from "../../graphql/pagination";
import { decodeGlobalId, defaultPageSize, largestPageSize, maxPageSize, toGlobalId } from "../../graphql/relay";
import type { Platform } from "../users/platform";
import { normalizeHashtag, normalizeTopic } from "../../nlp/text";

export type Granularity = "HOUR" | "DAY" | "WEEK" | "MONTH";
export type SentimentGroupBy = "NONE" | "TOPIC" | "HASHTAG" | "AUTHOR" | "ACCOUNT" | "SEGMENT" | "PLATFORM";
export type TextKind = "POST" | "COMMENT";

export interface SentimentFilterValue {
  from?: Date | null;
  to?: Date | null;
  accountId?: string | null;
  authorId?: string | null;
  postId?: string | null;
  platform?: Platform | null;
  topic?: string | null;
  hashtag?: string | null;
  segmentId?: string | null;
  kinds?: TextKind[] | null;
  labels?: string[] | null;
}

/** One aggregated row: a time bucket × a group. */
export interface SeriesRow {
  bucket: Date;
  groupKey: string;
  groupLabel: string;
  count: number;
  meanScore: number;
  positive: number;
  neutral: number;
  negative: number;
}

/** The time bucket of `"s"."occurredAt"` as text `YYYY-MM-DDTHH:MM:SS` (UTC; weeks start on Monday). */
export function bucketSql(dialect: "sqlite" | "postgres", granularity: Granularity, column = `"s"."occurredAt"`): string {
  if (dialect === "postgres") {
    const unit = { HOUR: "hour", DAY: "day", WEEK: "week", MONTH: "month" }[granularity];
    return `to_char(date_trunc('${unit}', ${column}), 'YYYY-MM-DD"T"HH24:MI:SS')`;
  }
  switch (granularity) {
    case "HOUR":
      return `strftime('%Y-%m-%dT%H:00:00', ${column})`;
    case "DAY":
      return `strftime('%Y-%m-%dT00:00:00', ${column})`;
    case "WEEK":
      return `strftime('%Y-%m-%dT00:00:00', ${column}, '-' || ((CAST(strftime('%w', ${column}) AS INTEGER) + 6) % 7) || ' days')`;
    case "MONTH":
      return `strftime('%Y-%m-01T00:00:00', ${column})`;
  }
}

/** The UTC hour of day (0–23) of a timestamp column, as an integer. */
export function hourOfDaySql(dialect: "sqlite" | "postgres", column: string): string {
  return dialect === "postgres" ? `CAST(EXTRACT(HOUR FROM ${column}) AS INTEGER)` : `CAST(strftime('%H', ${column}) AS INTEGER)`;
}

/** The start of the bucket holding `t` (the same rule as `bucketSql`), and the next bucket's start. */
export function bucketStart(t: Date, granularity: Granularity): Date {
  const d = new Date(t.getTime());
  d.setUTCMinutes(0, 0, 0);
  if (granularity === "HOUR") return d;
  d.setUTCHours(0);
  if (granularity === "DAY") return d;
  if (granularity === "WEEK") {
    d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
    return d;
  }
  d.setUTCDate(1);
  return d;
}

export function nextBucket(t: Date, granularity: Granularity, count = 1): Date {
  const d = new Date(t.getTime());
  if (granularity === "HOUR") d.setUTCHours(d.getUTCHours() + count);
  else if (granularity === "DAY") d.setUTCDate(d.getUTCDate() + count);
  else if (granularity === "WEEK") d.setUTCDate(d.getUTCDate() + 7 * count);
  else d.setUTCMonth(d.getUTCMonth() + count);
  return d;
}

/**
 * A series page's rows in two tries. A page of `rows` rows (bucket × group, in bucket order) that starts in the bucket
 * at `start` lies within `rows` buckets of it, so the first try aggregates only the texts before the start of the
 * bucket `rows` buckets on (whole buckets: the end is a bucket's start) and, when that yields `rows` rows, they are
 * the page. Only a sparse stretch (fewer rows than that in the window) pays for the second try, over everything
 * after `start`. Without a known start (a first page without `from`), or with a `to` inside the window, there is
 * one try. `query(end)` must answer the page's rows, in page order, from the texts before `end` (all of them for null).
 */
export async function seriesPageRows<R>(
  range: { start: Date | null; to: Date | null },
  granularity: Granularity,
  rows: number,
  query: (end: Date | null) => Promise<R[]>,
): Promise<R[]> {
  if (range.start === null) return query(null);
  const end = nextBucket(bucketStart(range.start, granularity), granularity, rows);
  if (range.to !== null && range.to <= end) return query(null);
  const windowed = await query(end);
  return windowed.length >= rows ? windowed : query(null);
}

interface GroupSql {
  key: string;
  label: string;
  joins: string;
}

/** How each grouping names its groups: keys are stable ids (global IDs for people), labels are for people to read. */
function groupSql(groupBy: SentimentGroupBy): GroupSql {
  switch (groupBy) {
    case "NONE":
      return { key: `'all'`, label: `'all'`, joins: "" };
    case "TOPIC":
      return { key: `COALESCE("p"."category", '')`, label: `COALESCE("p"."category", '(no topic)')`, joins: `JOIN "posts" "p" ON "p"."id" = "s"."postId"` };
    case "HASHTAG":
      return { key: `"h"."tag"`, label: `'#' || "h"."tag"`, joins: `JOIN "post_hashtags" "h" ON "h"."postId" = "s"."postId"` };
    case "AUTHOR":
      return { key: `"s"."userId"`, label: personLabel, joins: `JOIN "users" "u" ON "u"."id" = "s"."userId"` };
    case "ACCOUNT":
      return { key: `"s"."accountId"`, label: personLabel, joins: `JOIN "users" "u" ON "u"."id" = "s"."accountId"` };
    case "PLATFORM":
      return { key: `"p"."platform"`, label: `"p"."platform"`, joins: `JOIN "posts" "p" ON "p"."id" = "s"."postId"` };
    case "SEGMENT":
      return { key: `"g"."id"`, label: `"g"."name"`, joins: `JOIN "segment_memberships" "sm" ON "sm"."userId" = "s"."userId" ${activeSegmentJoin("sm", "g", "mv")}` };
  }
}

/**
 * The texts a grouping leaves out, as a condition on "s": a text on a post without a hashtag has no HASHTAG group, and
 * one whose author is in no segment of the active segmentation (a brand, someone with no activity then) no SEGMENT
 * group. Every other grouping places every text (TOPIC has its "(no topic)" group).
 */
function ungroupedSql(groupBy: SentimentGroupBy): string | null {
  if (groupBy === "HASHTAG") return `NOT EXISTS (SELECT 1 FROM "post_hashtags" "uh" WHERE "uh"."postId" = "s"."postId")`;
  if (groupBy === "SEGMENT") return `NOT EXISTS (SELECT 1 FROM "segment_memberships" "usm" ${activeSegmentJoin("usm", "ug", "umv")} WHERE "usm"."userId" = "s"."userId")`;
  return null;
}

/** From a membership row (`membership`), its segment (`segment`) when that belongs to the active segments version. */
function activeSegmentJoin(membership: string, segment: string, version: string): string {
  return (
    `JOIN "segments" "${segment}" ON "${segment}"."id" = "${membership}"."segmentId" ` +
    `JOIN "model_versions" "${version}" ON "${version}"."id" = "${segment}"."modelVersionId" AND "${version}"."status" = 'active'`
  );
}

/** A person's group label: handles are unique per platform only, so the platform is named ("@kestrel · instagram"). */
const personLabel = `'@' || "u"."handle" || ' · ' || LOWER("u"."platform")`;

/** A group key as the API shows it: people and segments as global IDs, everything else as is. */
function publicKey(groupBy: SentimentGroupBy, raw: unknown): string {
  if (groupBy === "AUTHOR" || groupBy === "ACCOUNT") return toGlobalId("User", String(raw));
  if (groupBy === "SEGMENT") return toGlobalId("Segment", String(raw));
  return String(raw ?? "");
}

/**
 * Checks a filter before any rollup: `to` after `from`, and every ID names something that exists
 * (a BAD_USER_INPUT or NOT_FOUND naming `filter.<field>`, as everywhere else in the API).
 */
export async function checkFilter(db: Database, filter: SentimentFilterValue | null | undefined): Promise<void> {
  if (!filter) return;
  if (filter.from && filter.to && filter.from >= filter.to) throw new BadUserInputError("filter.to", `expected \`to\` after \`from\`, found ${filter.to.toISOString()} ≤ ${filter.from.toISOString()}`);
  const refs: Array<[keyof SentimentFilterValue, string, string]> = [
    ["accountId", "User", "users"],
    ["authorId", "User", "users"],
    ["postId", "Post", "posts"],
    ["segmentId", "Segment", "segments"],
  ];
  for (const [field, type, table] of refs) {
    const value = filter[field] as string | null | undefined;
    if (!value) continue;
    const { id } = decodeGlobalId(value, `filter.${field}`, type);
    if ((await db.query(`SELECT 1 AS "x" FROM "${table}" WHERE "id" = ?`, [id])).length === 0) throw new NotFoundError(type, value, `filter.${field}`);
  }
}

/**
 * The WHERE of a filter over `"s"` (sentiment_scores), with the joins it needs beyond the grouping's.
 * Malformed IDs are a BAD_USER_INPUT naming `filter.<field>`; the entry points run `checkFilter` first (range, existence).
 */
function filterSql(db: Database, given: SentimentFilterValue | null | undefined, groupJoins: string): { where: Where; joins: string } {
  const filter = given ?? {};
  const where = new Where();
  let joins = "";
  const needPost = !groupJoins.includes(`"posts" "p"`);
  const joinPost = () => {
    if (needPost && !joins.includes(`"posts" "p"`)) joins += ` JOIN "posts" "p" ON "p"."id" = "s"."postId"`;
  };
  if (filter.from) where.add(`"s"."occurredAt" >= ?`, db.param(filter.from));
  if (filter.to) where.add(`"s"."occurredAt" < ?`, db.param(filter.to));
  if (filter.accountId) where.add(`"s"."accountId" = ?`, decodeGlobalId(filter.accountId, "filter.accountId", "User").id);
  if (filter.authorId) where.add(`"s"."userId" = ?`, decodeGlobalId(filter.authorId, "filter.authorId", "User").id);
  if (filter.postId) where.add(`"s"."postId" = ?`, decodeGlobalId(filter.postId, "filter.postId", "Post").id);
  if (filter.platform) {
    joinPost();
    where.add(`"p"."platform" = ?`, filter.platform);
  }
  const topic = filterText(filter.topic, "filter.topic", normalizeTopic);
  if (topic !== null) {
    joinPost();
    where.add(`"p"."category" = ?`, topic);
  }
  const hashtag = filterText(filter.hashtag, "filter.hashtag", normalizeHashtag);
  if (hashtag !== null) where.add(`EXISTS (SELECT 1 FROM "post_hashtags" "fh" WHERE "fh"."postId" = "s"."postId" AND "fh"."tag" = ?)`, hashtag);
  if (filter.segmentId) {
    const { id } = decodeGlobalId(filter.segmentId, "filter.segmentId", "Segment");
    where.add(`EXISTS (SELECT 1 FROM "segment_memberships" "fm" WHERE "fm"."userId" = "s"."userId" AND "fm"."segmentId" = ?)`, id);
  }
  if (filter.kinds && filter.kinds.length === 0) throw new BadUserInputError("filter.kinds", "expected at least one kind of text (leave kinds out for both), found none");
  if (filter.kinds?.length) where.in(`"s"."targetType"`, filter.kinds.map((k) => (k === "COMMENT" ? "INTERACTION" : "POST")));
  if (filter.labels?.length) where.in(`"s"."label"`, filter.labels);
  return { where, joins };
}

export interface SeriesPage {
  rows: Array<SeriesRow & { cursor: string }>;
  hasNextPage: boolean;
}

/** Flat, cursor-paginated rows of (bucket, group) aggregates, ordered by bucket then by the group's raw key as text (stable, internal). */
export async function sentimentSeries(
  db: Database,
  args: { filter?: SentimentFilterValue | null; granularity: Granularity; groupBy: SentimentGroupBy; first?: number | null; after?: string | null },
): Promise<SeriesPage> {
  const first = args.first ?? defaultPageSize * 5;
  if (!Number.isInteger(first) || first < 1 || first > largestPageSize) throw new BadUserInputError("first", `expected \`first\` between 1 and ${largestPageSize}, found ${first}`);
  await checkFilter(db, args.filter);
  const group = groupSql(args.groupBy);
  const { where, joins } = filterSql(db, args.filter, group.joins);
  const bucket = bucketSql(db.dialect, args.granularity);
  const keyText = `CAST(${group.key} AS TEXT)`;
  const shape = [args.granularity, args.groupBy];
  const c = args.after != null ? readSeriesCursor(args.after, "sentimentSeries", shape, "string") : null;
  const cursorBucket = c ? new Date(`${c.bucket}Z`) : null;
  // Texts before the cursor's bucket cannot be on this page: left out before aggregating (every page aggregated them all).
  if (cursorBucket) where.add(`"s"."occurredAt" >= ?`, db.param(cursorBucket));
  const page = c ? `WHERE "t"."bucket" > ? OR ("t"."bucket" = ? AND "t"."grp" > ?)` : "";
  const pageParams = c ? [c.bucket, c.bucket, c.key] : [];
  const rows = await seriesPageRows({ start: cursorBucket ?? args.filter?.from ?? null, to: args.filter?.to ?? null }, args.granularity, first + 1, (end) => {
    const windowed = end ? where.clone().add(`"s"."occurredAt" < ?`, db.param(end)) : where;
    const params = [...windowed.params, ...pageParams];
    const sql =
      `SELECT * FROM (SELECT ${bucket} AS "bucket", ${keyText} AS "grp", ${group.label} AS "label", COUNT(*) AS "n", AVG("s"."score") AS "mean", ` +
      `SUM(CASE WHEN "s"."label" = 'positive' THEN 1 ELSE 0 END) AS "pos", SUM(CASE WHEN "s"."label" = 'negative' THEN 1 ELSE 0 END) AS "neg" ` +
      `FROM "sentiment_scores" "s" ${group.joins}${joins} ${windowed.sql()} GROUP BY 1, 2, 3) "t" ${page} ORDER BY "t"."bucket", "t"."grp" LIMIT ${first + 1}`;
    return db.query<Row>(sql, params);
  });
  const hasNextPage = rows.length > first;
  return {
    hasNextPage,
    rows: rows.slice(0, first).map((r) => {
      const n = Number(r.n);
      const pos = Number(r.pos);
      const neg = Number(r.neg);
      return {
        cursor: seriesCursor("sentimentSeries", shape, String(r.bucket), String(r.grp)),
        bucket: new Date(`${String(r.bucket)}Z`),
        groupKey: publicKey(args.groupBy, r.grp),
        groupLabel: String(r.label ?? ""),
        count: n,
        meanScore: Number(r.mean),
        positive: pos / n,
        neutral: (n - pos - neg) / n,
        negative: neg / n,
      };
    }),
  };
}

export interface VoiceRow {
  groupKey: string;
  groupLabel: string;
  count: number;
  share: number;
  meanScore: number;
  positive: number;
  negative: number;
  netSentiment: number;
}

/** Each group's share of the texts matching the filter, with its sentiment; largest first. */
export async function shareOfVoice(
  db: Database,
  args: { filter?: SentimentFilterValue | null; groupBy: SentimentGroupBy; first?: number | null },
): Promise<{ total: number; groupCount: number; otherCount: number; ungroupedCount: number; rows: VoiceRow[] }> {
  const first = args.first ?? defaultPageSize;
  if (!Number.isInteger(first) || first < 1 || first > maxPageSize) throw new BadUserInputError("first", `expected \`first\` between 1 and ${maxPageSize}, found ${first}`);
  await checkFilter(db, args.filter);
  const group = groupSql(args.groupBy);
  const { where, joins } = filterSql(db, args.filter, group.joins);
  const from = `FROM "sentiment_scores" "s" ${group.joins}${joins} ${where.sql()}`;
  const [{ n: totalRaw }] = await db.query<{ n: number | string }>(`SELECT COUNT(*) AS "n" ${from}`, where.params);
  const total = Number(totalRaw);
  const [{ g: groupsRaw }] = await db.query<{ g: number | string }>(`SELECT COUNT(*) AS "g" FROM (SELECT ${group.key} AS "k" ${from} GROUP BY 1) "t"`, where.params);
  const rows = await db.query<Row>(
    `SELECT CAST(${group.key} AS TEXT) AS "grp", ${group.label} AS "label", COUNT(*) AS "n", AVG("s"."score") AS "mean", ` +
      `SUM(CASE WHEN "s"."label" = 'positive' THEN 1 ELSE 0 END) AS "pos", SUM(CASE WHEN "s"."label" = 'negative' THEN 1 ELSE 0 END) AS "neg" ` +
      `${from} GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT ${first}`,
    where.params,
  );
  const listed = rows.reduce((n, r) => n + Number(r.n), 0);
  let ungroupedCount = 0;
  const ungrouped = ungroupedSql(args.groupBy);
  if (ungrouped) {
    const plain = filterSql(db, args.filter, "");
    plain.where.add(ungrouped);
    const [{ n }] = await db.query<{ n: number | string }>(`SELECT COUNT(*) AS "n" FROM "sentiment_scores" "s" ${plain.joins} ${plain.where.sql()}`, plain.where.params);
    ungroupedCount = Number(n);
  }
  return {
    total,
    groupCount: Number(groupsRaw),
    otherCount: total - listed,
    ungroupedCount,
    rows: rows.map((r) => {
      const n = Number(r.n);
      const pos = Number(r.pos) / n;
      const neg = Number(r.neg) / n;
      return { groupKey: publicKey(args.groupBy, r.grp), groupLabel: String(r.label ?? ""), count: n, share: total ? n / total : 0, meanScore: Number(r.mean), positive: pos, negative: neg, netSentiment: pos - neg };
    }),
  };
}

/** Text and negative counts per (bucket, group), raw group keys, in bucket order: what the spike rule reads. */
export async function bucketCounts(
  db: Database,
  args: { filter?: SentimentFilterValue | null; granularity: Granularity; groupBy: SentimentGroupBy },
): Promise<Array<{ bucket: Date; rawKey: string; groupKey: string; groupLabel: string; count: number; negative: number }>> {
  const group = groupSql(args.groupBy);
  const { where, joins } = filterSql(db, args.filter, group.joins);
  const rows = await db.query<Row>(
    `SELECT ${bucketSql(db.dialect, args.granularity)} AS "bucket", CAST(${group.key} AS TEXT) AS "grp", ${group.label} AS "label", COUNT(*) AS "n", ` +
      `SUM(CASE WHEN "s"."label" = 'negative' THEN 1 ELSE 0 END) AS "neg" FROM "sentiment_scores" "s" ${group.joins}${joins} ${where.sql()} GROUP BY 1, 2, 3 ORDER BY 1, 2`,
    where.params,
  );
  return rows.map((r) => ({
    bucket: new Date(`${String(r.bucket)}Z`),
    rawKey: String(r.grp),
    groupKey: publicKey(args.groupBy, r.grp),
    groupLabel: String(r.label ?? ""),
    count: Number(r.n),
    negative: Number(r.neg),
  }));
}

/** The most negative texts of one group in [from, to): what drove an alert. */
export async function negativeDrivers(
  db: Database,
  args: { filter?: SentimentFilterValue | null; groupBy: SentimentGroupBy; rawKey: string; from: Date; to: Date; limit: number },
): Promise<Array<{ targetType: string; targetId: number; postId: number; score: number }>> {
  const group = groupSql(args.groupBy);
  const { where, joins } = filterSql(db, { ...args.filter, from: args.from, to: args.to }, group.joins);
  where.add(`"s"."label" = 'negative'`);
  where.add(`CAST(${group.key} AS TEXT) = ?`, args.rawKey);
  const rows = await db.query<Row>(
    `SELECT "s"."targetType", "s"."targetId", "s"."postId", "s"."score" FROM "sentiment_scores" "s" ${group.joins}${joins} ${where.sql()} ORDER BY "s"."score", "s"."id" LIMIT ${args.limit}`,
    where.params,
  );
  return rows.map((r) => ({ targetType: String(r.targetType), targetId: Number(r.targetId), postId: Number(r.postId), score: Number(r.score) }));
}
