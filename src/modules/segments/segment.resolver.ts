import { Arg, Args, Ctx, Field, FieldResolver, Float, ID, Int, ObjectType, Query, Resolver, Root } from "type-graphql";
import type { Database, Row } from "../../db/database";
import type { Context } from "../../graphql/context";
import { readSeriesCursor, seriesCursor } from "../../graphql/series-cursor";
import { Where } from "../../graphql/pagination";
import { BadUserInputError, NotFoundError } from "../../graphql/errors";
import type { Loaders } from "../../graphql/loaders";
import { ConnectionArgs, decodeGlobalId, largestPageSize, Node, PageInfo, toGlobalId } from "../../graphql/relay";
import { UserConnection } from "../users/user.resolver";
import { User } from "../users/user.entity";
import { bucketSql, seriesPageRows, type Granularity } from "../sentiment/sentiment.series";
import { GranularityEnum } from "../sentiment/sentiment.types";
import { withLiveSize, type SegmentProfile } from "./segment-profile";
import { ModelVersion } from "../models/model-version.entity";
import { Segment } from "./segment.entity";
import { segmentsModelName, type SegmentService } from "./segment.service";

@ObjectType({ simpleResolvers: true, description: "A name (an action, topic or hashtag) with its share." })
export class NamedShare {
  @Field({ description: "The action (likes, comments, shares or clicks), the topic, or the hashtag (without #)." })
  key: string;

  @Field(() => Float, { description: "Its share, 0–1." })
  share: number;
}

@ObjectType({ simpleResolvers: true, description: "One behaviour figure of a segment: its members' mean." })
export class FeatureMean {
  @Field({ description: "views, likes, comments, shares, clicks, conversions, activeDays (days with activity) or recencyDays (days from the last interaction to the newest one stored)." })
  feature: string;

  @Field(() => Float, { description: "The members' mean of it." })
  value: number;
}

@ObjectType({ simpleResolvers: true, description: "The sentiment of the members' comments, as of when its version became active." })
export class SegmentSentiment {
  @Field(() => Int, { description: "Comments by members." })
  comments: number;

  @Field(() => Float, { nullable: true, description: "Mean score of those comments, from -1 to 1; null without comments." })
  meanScore: number | null;

  @Field(() => Float, { nullable: true, description: "Share of those comments labelled POSITIVE (0–1); null without comments." })
  positive: number | null;

  @Field(() => Float, { nullable: true, description: "Share of those comments labelled NEGATIVE (0–1); null without comments." })
  negative: number | null;
}

@ObjectType("Segment", { implements: Node, simpleResolvers: true, description: "A group of people who behave alike, found by the active segments (k-means) version, with a generated name." })
export class SegmentType {
  @Field(() => ID, { description: "Opaque global ID (use with `node(id)`)." })
  id: string;

  @Field(() => Int, { description: "The cluster's index in its model version." })
  key: number;

  @Field({ description: "Generated from the profile when its version became active (e.g. “Evening sharers — fitness”), unique within the version." })
  name: string;

  @Field({ description: "The profile in one sentence; its size and share are current, its other figures as of when its version became active." })
  description: string;

  @Field(() => Int, { description: "Members now (an erasure removes one)." })
  size: number;

  @Field(() => Float, { description: "Of the people segmented (0–1)." })
  share: number;

  @Field(() => [FeatureMean], { description: "Mean behaviour per member, as of when its version became active (like the other profile figures below; activating a version again refreshes them)." })
  means: FeatureMean[];

  @Field(() => [NamedShare], { description: "Shares of likes, comments, shares and clicks in the members' actions." })
  actionMix: NamedShare[];

  @Field(() => [Int], {
    description:
      "Up to three hours of day (UTC) in which members liked, commented, shared and clicked most, busiest first (views do not count: people can view most at hours they do not engage in); as of when its version became active. The hours they act in, not the hours to publish at: bestTimesToPost(segmentId) ranks publication times by the engagement their posts drew from the members.",
  })
  activeHours: number[];

  @Field(() => [NamedShare], { description: "The members' three strongest topics (post categories) by interest score, strongest first, each with its share of their topic interest; as of when its version became active." })
  topTopics: NamedShare[];

  @Field(() => [NamedShare], { description: "The members' three strongest hashtags by interest score, strongest first, each with its share of their hashtag interest; as of when its version became active." })
  topHashtags: NamedShare[];

  @Field(() => SegmentSentiment, { description: "Of the members' comments." })
  sentiment: SegmentSentiment;

  @Field(() => Float, { description: "Share of members who bought." })
  conversionRate: number;

  /** The row id (members). */
  dbId: number;

  /** The row id of its segments version. */
  modelVersionDbId: number | null;

  /** `total`: the people the segment's version holds now, so that shares follow sizes after an erasure. */
  static of(s: Segment, total: number): SegmentType {
    const p = s.profile as unknown as SegmentProfile;
    const share = total > 0 ? s.size / total : p.share;
    return Object.assign(new SegmentType(), {
      id: toGlobalId("Segment", String(s.id)),
      dbId: s.id,
      modelVersionDbId: s.modelVersionId,
      key: s.key,
      name: s.name,
      description: withLiveSize(s.description, s.size, share),
      size: s.size,
      share,
      means: Object.entries(p.means).map(([feature, value]) => ({ feature, value })),
      actionMix: Object.entries(p.actionMix).map(([key, share]) => ({ key, share })),
      activeHours: p.activeHours,
      topTopics: p.topTopics,
      topHashtags: p.topHashtags,
      sentiment: p.sentiment,
      conversionRate: p.conversionRate,
    });
  }

  /** A segment with its live share (of the people its version holds now). */
  static async live(service: SegmentService, loaders: Loaders, s: Segment): Promise<SegmentType> {
    return SegmentType.of(s, s.modelVersionId === null ? 0 : await service.versionSize(loaders, s.modelVersionId));
  }

  /** One segment by row id with its live share, or undefined. */
  static async byId(service: SegmentService, loaders: Loaders, id: number): Promise<SegmentType | undefined> {
    const s = await service.byId(id);
    return s ? SegmentType.live(service, loaders, s) : undefined;
  }
}

@ObjectType({ simpleResolvers: true, description: "Activity of one segment in one time bucket." })
export class SegmentSeriesRow {
  @Field({ description: "Start of the bucket (UTC)." })
  bucket: Date;

  @Field(() => ID, { description: "The segment's global ID." })
  segmentId: string;

  @Field({ description: "The segment's name." })
  segmentName: string;

  @Field(() => Int, { description: "Interactions of any type by members." })
  interactions: number;

  @Field(() => Int, { description: "Members who interacted." })
  people: number;

  @Field(() => Int, { description: "Likes + comments + shares by members." })
  engagements: number;

  @Field(() => Int, { description: "Purchases (CONVERSION interactions) by members." })
  conversions: number;
}

@ObjectType({ simpleResolvers: true, description: "One row of a segmentSeries page, with its cursor." })
export class SegmentSeriesEdge {
  @Field({ description: "The row's position, for `after` (in a query of the same granularity)." })
  cursor: string;

  @Field(() => SegmentSeriesRow, { description: "The row." })
  node: SegmentSeriesRow;
}

@ObjectType({ simpleResolvers: true, description: "Flat rows for BI connectors, ordered by bucket, then by segment in a stable internal order (key a row by bucket and segmentId)." })
export class SegmentSeriesConnection {
  @Field(() => [SegmentSeriesEdge], { description: "The page's rows with their cursors." })
  edges: SegmentSeriesEdge[];

  @Field(() => [SegmentSeriesRow], { description: "The rows of the edges, for clients that need no cursors." })
  nodes: SegmentSeriesRow[];

  @Field(() => PageInfo, { description: "Cursors of the page's ends and whether more rows follow." })
  pageInfo: PageInfo;
}

function segmentIdOf(globalId: string, field: string): number {
  return decodeGlobalId(globalId, field, "Segment").id;
}

@Resolver(() => SegmentType)
export class SegmentResolver {
  constructor(
    private readonly db: Database,
    private readonly segmentService: SegmentService,
  ) {}

  @Query(() => [SegmentType], { description: "The segments of the active segments version (train it with trainModel(name: \"segments\")), largest first." })
  async segments() {
    const list = await this.segmentService.list();
    const total = list.reduce((n, s) => n + s.size, 0);
    return list.map((s) => SegmentType.of(s, total));
  }

  @Query(() => SegmentType, { description: "A segment by ID (NOT_FOUND if unknown)." })
  async segment(@Arg("id", () => ID, { description: "A Segment's global ID (segments { id })." }) id: string, @Ctx() ctx: Context) {
    const s = await SegmentType.byId(this.segmentService, ctx.loaders, segmentIdOf(id, "id"));
    if (!s) throw new NotFoundError("Segment", id);
    return s;
  }

  @FieldResolver(() => Boolean, {
    description: "Whether its version is the active segments version. A segment of an earlier version still answers by its ID, with that version's members and figures; `segments` lists only the active one's.",
  })
  async active(@Root() segment: SegmentType): Promise<boolean> {
    return this.segmentService.isActive(segment.modelVersionDbId);
  }

  @FieldResolver(() => ModelVersion, { nullable: true, description: "The segments model version that found it." })
  async modelVersion(@Root() segment: SegmentType): Promise<ModelVersion | null> {
    return this.segmentService.version(segment.modelVersionDbId);
  }

  @FieldResolver(() => UserConnection, { description: "The segment's people." })
  members(@Root() segment: SegmentType, @Args() args: ConnectionArgs) {
    return this.segmentService.members(segment.dbId, args);
  }

  @Query(() => SegmentSeriesConnection, { description: "Interactions, people, engagements and purchases per segment of the active version per time bucket; flat, cursor-paginated." })
  async segmentSeries(
    @Arg("granularity", () => GranularityEnum, { defaultValue: GranularityEnum.DAY, description: "Bucket size (UTC; weeks start on Monday)." }) granularity: GranularityEnum,
    @Arg("from", () => Date, { nullable: true, description: "Interactions at or after this time (inclusive); a time inside a bucket makes that first bucket partial." }) from: Date | null,
    @Arg("to", () => Date, { nullable: true, description: "Interactions before this time (exclusive); a time inside a bucket makes that last bucket partial." }) to: Date | null,
    @Arg("first", () => Int, { nullable: true, description: "1–1000 (default 100)." }) first: number | null,
    @Arg("after", () => String, { nullable: true, description: "An endCursor of this query (same granularity) to continue after." }) after: string | null,
  ): Promise<SegmentSeriesConnection> {
    const limit = first ?? 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > largestPageSize) throw new BadUserInputError("first", `expected \`first\` between 1 and ${largestPageSize}, found ${limit}`);
    if (from && to && from >= to) throw new BadUserInputError("to", "expected `to` after `from`");
    const shape = [granularity];
    const c = after != null ? readSeriesCursor(after, "segmentSeries", shape, "number") : null;
    const bucket = bucketSql(this.db.dialect, granularity as Granularity, `"i"."occurredAt"`);
    const cursorBucket = c ? new Date(`${c.bucket}Z`) : null;
    const range = new Where();
    if (from) range.add(`"i"."occurredAt" >= ?`, this.db.param(from));
    if (to) range.add(`"i"."occurredAt" < ?`, this.db.param(to));
    // Interactions before the cursor's bucket cannot be on this page: left out before aggregating.
    if (cursorBucket) range.add(`"i"."occurredAt" >= ?`, this.db.param(cursorBucket));
    const page = c ? `WHERE "t"."bucket" > ? OR ("t"."bucket" = ? AND "t"."sid" > ?)` : "";
    const pageParams = c ? [c.bucket, c.bucket, c.key] : [];
    const rows = await seriesPageRows({ start: cursorBucket ?? from ?? null, to: to ?? null }, granularity as Granularity, limit + 1, (end) => {
      const windowed = end ? range.clone().add(`"i"."occurredAt" < ?`, this.db.param(end)) : range;
      const conditions = windowed.clauses.map((clause) => ` AND ${clause}`).join("");
      return this.db.query<Row>(
        `SELECT * FROM (SELECT ${bucket} AS "bucket", "g"."id" AS "sid", "g"."name" AS "name", COUNT(*) AS "n", COUNT(DISTINCT "i"."userId") AS "people", ` +
          `SUM(CASE WHEN "i"."type" IN ('LIKE', 'COMMENT', 'SHARE') THEN 1 ELSE 0 END) AS "eng", SUM(CASE WHEN "i"."type" = 'CONVERSION' THEN 1 ELSE 0 END) AS "conv" ` +
          `FROM "interactions" "i" JOIN "segment_memberships" "sm" ON "sm"."userId" = "i"."userId" JOIN "segments" "g" ON "g"."id" = "sm"."segmentId" ` +
          `JOIN "model_versions" "mv" ON "mv"."id" = "g"."modelVersionId" AND "mv"."status" = 'active' AND "mv"."modelName" = ? WHERE 1 = 1${conditions} GROUP BY 1, 2, 3) "t" ${page} ` +
          `ORDER BY "t"."bucket", "t"."sid" LIMIT ${limit + 1}`,
        [segmentsModelName, ...windowed.params, ...pageParams],
      );
    });
    const edges = rows.slice(0, limit).map((r) => ({
      cursor: seriesCursor("segmentSeries", shape, String(r.bucket), Number(r.sid)),
      node: {
        bucket: new Date(`${String(r.bucket)}Z`),
        segmentId: toGlobalId("Segment", String(r.sid)),
        segmentName: String(r.name),
        interactions: Number(r.n),
        people: Number(r.people),
        engagements: Number(r.eng),
        conversions: Number(r.conv),
      },
    }));
    return {
      edges,
      nodes: edges.map((e) => e.node),
      pageInfo: { hasNextPage: rows.length > limit, hasPreviousPage: Boolean(after), startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }
}

@Resolver(() => User)
export class UserSegmentResolver {
  constructor(private readonly segments: SegmentService) {}

  @FieldResolver(() => SegmentType, { nullable: true, description: "The person's segment in the active segments version (null before one is trained, or for people without activity)." })
  async segment(@Root() user: User, @Ctx() ctx: Context) {
    const s = await this.segments.ofUser(ctx.loaders, user.id);
    return s ? SegmentType.live(this.segments, ctx.loaders, s) : null;
  }
}
