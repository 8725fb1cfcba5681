import type { Database, Row } from "../../db/database";
import { chunks } from "../../graphql/batch";
import type { Loaders } from "../../graphql/loaders";
import { Where } from "../../graphql/pagination";
import type { ConnectionArgs, ConnectionValue } from "../../graphql/relay";
import type { Logger } from "../../lib/logger";
import type { FeatureRow } from "../../ml/types";
import { interestScores } from "../interests/interest-scores";
import type { InterestService } from "../interests/interest.service";
import type { ModelVersion } from "../models/model-version.entity";
import type { ModelSpec } from "../models/model-specs";
import type { ModelService } from "../models/model.service";
import type { FeatureStore } from "../predictions/feature-store";
import type { User, UserAttributes } from "../users/user.entity";
import { interestWeightSql } from "../interests/interest-scores";
import type { UserService } from "../users/user.service";
import { hourOfDaySql } from "../sentiment/sentiment.series";
import { describeSegment, profileOf, type MemberFacts } from "./segment-profile";
import { Segment, SegmentMembership } from "./segment.entity";

/** The model spec whose active version defines the segments. */
export const segmentsModelName = "segments";

/** The interaction types a segment's busiest hours count: its actions (as `actionMix`), not views or purchases. */
const activeHourTypes = new Set(["LIKE", "COMMENT", "SHARE", "CLICK"]);

const num = (row: FeatureRow, name: string): number => {
  const v = row[name];
  return typeof v === "number" && Number.isFinite(v) ? v : 0;
};

/**
 * Audience segments: when a version of the "segments" clustering model becomes active, every person
 * in its table is assigned to a cluster, and each cluster gets a profile (size, mean behaviour, action
 * mix, busiest hours, top topics and hashtags, comment sentiment, conversion rate) and a generated
 * name and description. Queries read the active version's segments.
 */
export class SegmentService {
  private materialising: Promise<void> = Promise.resolve();
  /** Materialisations queued and not finished: reads wait for them (see `settled`). */
  private pending = 0;

  constructor(
    private readonly db: Database,
    private readonly models: ModelService,
    private readonly features: FeatureStore,
    private readonly interests: InterestService,
    private readonly users: UserService,
    private readonly logger: Logger,
  ) {}

  /** Queues the materialisation of the active version (after a promotion or an activation). */
  activeVersionChanged(): Promise<void> {
    this.pending++;
    this.materialising = this.materialising
      .then(async () => {
        const active = await this.models.activeVersion(segmentsModelName);
        if (active) await this.materialise(active.id);
      })
      .catch((err) => this.logger.error({ err }, "segments could not be materialised"))
      .finally(() => this.pending--);
    return this.materialising;
  }

  /**
   * Waits for a queued materialisation, if any: right after an activation the new version has no segments
   * yet (or, rolled back to, its old members), and `segments` answered an empty list for those seconds.
   * Reads of the active version's segments call this first; with nothing queued it costs nothing.
   */
  private async settled(): Promise<void> {
    while (this.pending > 0) await this.materialising;
  }

  /**
   * Re-profiles the active version once if its stored profiles predate busiest hours counted over actions
   * (they lack `hoursOf`: their `activeHours` and "most active around" counted every interaction, views
   * included). Queued like an activation; resolves true when it re-profiled.
   */
  refreshStaleProfiles(): Promise<boolean> {
    let refreshed = false;
    this.materialising = this.materialising
      .then(async () => {
        const active = await this.models.activeVersion(segmentsModelName);
        if (!active) return;
        const rows = await this.db.query<Row>(`SELECT "profile" FROM "segments" WHERE "modelVersionId" = ?`, [active.id]);
        const stale = rows.some((r) => {
          const profile = (typeof r.profile === "string" ? JSON.parse(r.profile) : r.profile) as { hoursOf?: string } | null;
          return profile?.hoursOf !== "actions";
        });
        if (!stale) return;
        await this.materialise(active.id);
        refreshed = true;
        this.logger.info({ versionId: active.id }, "segments re-profiled: their busiest hours now count actions, not views");
      })
      .catch((err) => this.logger.error({ err }, "segments could not be re-profiled"));
    return this.materialising.then(() => refreshed);
  }

  /** Waits for queued materialisations (tests, shutdown). */
  idle(): Promise<void> {
    return this.materialising;
  }

  /** Assigns, profiles and names the clusters of one version; idempotent (replaces that version's segments). */
  async materialise(versionId: number): Promise<number> {
    const version = await this.models.versionById(versionId);
    if (!version) throw new Error(`no model version ${versionId}`);
    const spec = version.spec as unknown as ModelSpec;
    const built = await this.features.tableFor(spec);
    const model = await this.models.model(versionId);
    const clusters = model.predict(built.table.rows);
    const ids = built.ids;
    const facts = await this.memberFacts(ids, built.table.rows);
    const byCluster = new Map<number, MemberFacts[]>();
    clusters.forEach((c, i) => {
      if (!byCluster.has(c)) byCluster.set(c, []);
      byCluster.get(c)!.push(facts[i]);
    });
    const audience = profileOf(facts, facts.length);
    const keys = [...byCluster.keys()].sort((a, b) => byCluster.get(b)!.length - byCluster.get(a)!.length || a - b);
    const used = new Set<string>();
    const segments = keys.map((key) => {
      const profile = profileOf(byCluster.get(key)!, facts.length);
      let { name, description } = describeSegment(profile, audience);
      // Two clusters can read alike: the second topic, then a number, tells them apart.
      if (used.has(name) && profile.topTopics[1]) name = `${name} & ${profile.topTopics[1].key}`;
      for (let n = 2; used.has(name); n++) name = `${name.replace(/ \(\d+\)$/, "")} (${n})`;
      used.add(name);
      return { key, profile, name: name.slice(0, 120), description };
    });
    const now = new Date();
    await this.db.write(async (tx) => {
      const old = (await tx.query<{ id: number; key: number }>(`SELECT "id", "key" FROM "segments" WHERE "modelVersionId" = ?`, [versionId])).map((r) => ({ id: Number(r.id), key: Number(r.key) }));
      for (const slice of chunks(old.map((r) => r.id), 500)) {
        await tx.execute(`DELETE FROM "segment_memberships" WHERE "segmentId" IN (${slice.map(() => "?").join(", ")})`, slice);
      }
      // A cluster keeps its row (and so its global ID) across re-materialisations of its version: a rollback
      // to this version, or people added since, re-profile it in place. Only a cluster left without members goes.
      const kept = new Set(segments.map((s) => s.key));
      const gone = old.filter((r) => !kept.has(r.key)).map((r) => r.id);
      for (const slice of chunks(gone, 500)) {
        await tx.execute(`DELETE FROM "segments" WHERE "id" IN (${slice.map(() => "?").join(", ")})`, slice);
      }
      const rows = await this.db.insertMany(
        tx,
        "segments",
        Segment,
        ["modelVersionId", "key", "name", "description", "size", "profile", "createdAt"],
        segments.map((s) => ({ modelVersionId: versionId, key: s.key, name: s.name, description: s.description, size: s.profile.size, profile: s.profile as unknown as Record<string, unknown>, createdAt: now })),
        `ON CONFLICT ("modelVersionId", "key") DO UPDATE SET "name" = excluded."name", "description" = excluded."description", "size" = excluded."size", "profile" = excluded."profile" RETURNING "id", "key"`,
      );
      const idByKey = new Map(rows.map((r) => [Number(r.key), Number(r.id)]));
      await this.db.insertMany(
        tx,
        "segment_memberships",
        SegmentMembership,
        ["segmentId", "userId", "distance", "assignedAt"],
        ids.map((userId, i) => ({ segmentId: idByKey.get(clusters[i])!, userId, distance: null, assignedAt: now })),
      );
    });
    this.logger.info({ versionId, segments: segments.length, people: ids.length }, "segments materialised");
    return segments.length;
  }

  /** What the profile needs beyond the feature rows: purchases, hours, interests, comment sentiment. */
  private async memberFacts(ids: readonly number[], rows: readonly FeatureRow[]): Promise<MemberFacts[]> {
    const hourExpr = hourOfDaySql(this.db.dialect, `"occurredAt"`);
    const conversions = new Map<number, number>();
    const hours = new Map<number, number[]>();
    const sentiment = new Map<number, MemberFacts["comments_"]>();
    for (const slice of chunks([...ids], 500)) {
      const inList = `(${slice.map(() => "?").join(", ")})`;
      for (const r of await this.db.query<Row>(`SELECT "userId", ${hourExpr} AS "h", "type", COUNT(*) AS "n" FROM "interactions" WHERE "userId" IN ${inList} GROUP BY 1, 2, 3`, slice)) {
        const u = Number(r.userId);
        if (r.type === "CONVERSION") conversions.set(u, (conversions.get(u) ?? 0) + Number(r.n));
        // Busiest hours count actions (what the action mix counts), not views: people can view most at hours
        // they do not act in (on the demo data the largest segment views most at 21–23 UTC, acts most at 9–13),
        // and the hours are read as "when they engage".
        if (!activeHourTypes.has(String(r.type))) continue;
        if (!hours.has(u)) hours.set(u, Array.from({ length: 24 }, () => 0));
        hours.get(u)![Number(r.h)] += Number(r.n);
      }
      for (const r of await this.db.query<Row>(
        `SELECT "userId", COUNT(*) AS "n", SUM(CASE WHEN "label" = 'positive' THEN 1 ELSE 0 END) AS "p", SUM(CASE WHEN "label" = 'negative' THEN 1 ELSE 0 END) AS "g", SUM("score") AS "s" ` +
          `FROM "sentiment_scores" WHERE "targetType" = 'INTERACTION' AND "userId" IN ${inList} GROUP BY "userId"`,
        slice,
      )) {
        sentiment.set(Number(r.userId), { n: Number(r.n), positive: Number(r.p), negative: Number(r.g), scoreSum: Number(r.s) });
      }
    }
    const events = await this.interests.events(ids);
    const asOf = await this.features.asOf();
    return ids.map((id, i) => {
      const row = rows[i];
      const topics = new Map<string, number>();
      const hashtags = new Map<string, number>();
      for (const s of interestScores(events.get(id) ?? [], asOf)) {
        if (s.kind === "TOPIC") topics.set(s.key, s.score);
        else if (s.kind === "HASHTAG") hashtags.set(s.key, s.score);
      }
      return {
        views: num(row, "views"),
        likes: num(row, "likes"),
        comments: num(row, "comments"),
        shares: num(row, "shares"),
        clicks: num(row, "clicks"),
        conversions: conversions.get(id) ?? 0,
        activeDays: num(row, "activeDays"),
        recencyDays: typeof row.recencyDays === "number" ? row.recencyDays : null,
        hours: hours.get(id) ?? Array.from({ length: 24 }, () => 0),
        topics,
        hashtags,
        comments_: sentiment.get(id) ?? { n: 0, positive: 0, negative: 0, scoreSum: 0 },
        converted: (conversions.get(id) ?? 0) > 0,
      };
    });
  }

  /** The active version's segments, largest first. */
  async list(): Promise<Segment[]> {
    await this.settled();
    const active = await this.models.activeVersion(segmentsModelName);
    if (!active) return [];
    const m = this.db.mapper(Segment);
    return m.hydrateAll(await this.db.query<Row>(`SELECT ${m.select("s")} FROM "segments" "s" WHERE "s"."modelVersionId" = ? ORDER BY "s"."size" DESC, "s"."key"`, [active.id]));
  }

  /** People a version's segments hold now (erasure keeps the sizes current), batched per request. */
  versionSize(loaders: Loaders, versionId: number): Promise<number> {
    return loaders
      .get<number, number>("Segment.versionSize", async (ids) => {
        const rows = await this.db.query<{ v: number | string; n: number | string }>(
          `SELECT "modelVersionId" AS "v", SUM("size") AS "n" FROM "segments" WHERE "modelVersionId" IN (${ids.map(() => "?").join(", ")}) GROUP BY "modelVersionId"`,
          [...ids],
        );
        const byVersion = new Map(rows.map((r) => [Number(r.v), Number(r.n)]));
        return ids.map((id) => byVersion.get(id) ?? 0);
      })
      .load(versionId);
  }

  /** The segments version of this id (a segment's), or null. */
  async version(modelVersionId: number | null): Promise<ModelVersion | null> {
    return modelVersionId === null ? null : ((await this.models.versionById(modelVersionId)) ?? null);
  }

  /** Whether this is the segments version serving now. */
  async isActive(modelVersionId: number | null): Promise<boolean> {
    return modelVersionId !== null && (await this.models.activeVersion(segmentsModelName))?.id === modelVersionId;
  }

  async byId(id: number): Promise<Segment | undefined> {
    await this.settled();
    const m = this.db.mapper(Segment);
    return m.hydrateAll(await this.db.query<Row>(`SELECT ${m.select("s")} FROM "segments" "s" WHERE "s"."id" = ?`, [id]))[0];
  }

  /** A person's segment in the active version (batched per request), or null. */
  ofUser(loaders: Loaders, userId: number): Promise<Segment | null> {
    return loaders
      .get<number, Segment | null>("Segment.ofUser", async (userIds) => {
        await this.settled();
        const active = await this.models.activeVersion(segmentsModelName);
        if (!active) return userIds.map(() => null);
        const m = this.db.mapper(Segment);
        const found = new Map<number, Segment>();
        for (const slice of chunks(userIds, 500)) {
          const rows = await this.db.query<Row>(
            `SELECT "sm"."userId" AS "memberId", ${m.select("s")} FROM "segment_memberships" "sm" JOIN "segments" "s" ON "s"."id" = "sm"."segmentId" ` +
              `WHERE "s"."modelVersionId" = ? AND "sm"."userId" IN (${slice.map(() => "?").join(", ")})`,
            [active.id, ...slice],
          );
          for (const r of rows) found.set(Number(r.memberId), m.hydrate(r));
        }
        return userIds.map((id) => found.get(id) ?? null);
      })
      .load(userId);
  }

  /** A segment's members, newest accounts first (a Relay connection). */
  members(segmentId: number, args: ConnectionArgs): Promise<ConnectionValue<User>> {
    const where = new Where().add(`EXISTS (SELECT 1 FROM "segment_memberships" "sm" WHERE "sm"."userId" = "u"."id" AND "sm"."segmentId" = ?)`, segmentId);
    return this.users.listWhere(args, where);
  }

  private lookalikes: { versionId: number; members: Array<{ segmentId: number; a: UserAttributes }> } | null = null;

  /**
   * The segment of the people most like someone by CRM attributes (job counts 2, age within 5 years,
   * gender and country 1 each): the majority among the 50 best-matching members, if at least 5 match on
   * something. For people with no behaviour to cluster yet.
   */
  async segmentByAttributes(attributes: UserAttributes | null): Promise<Segment | null> {
    if (!attributes) return null;
    await this.settled();
    const active = await this.models.activeVersion(segmentsModelName);
    if (!active) return null;
    if (this.lookalikes?.versionId !== active.id) {
      const rows = await this.db.query<Row>(
        `SELECT "sm"."segmentId", "u"."attributes" FROM "segment_memberships" "sm" JOIN "segments" "s" ON "s"."id" = "sm"."segmentId" JOIN "users" "u" ON "u"."id" = "sm"."userId" ` +
          `WHERE "s"."modelVersionId" = ? AND "u"."attributes" IS NOT NULL`,
        [active.id],
      );
      this.lookalikes = {
        versionId: active.id,
        members: rows.map((r) => ({ segmentId: Number(r.segmentId), a: (typeof r.attributes === "string" ? JSON.parse(r.attributes) : r.attributes) as UserAttributes })),
      };
    }
    const score = (a: UserAttributes) =>
      (attributes.job && a.job === attributes.job ? 2 : 0) +
      (attributes.age != null && a.age != null && Math.abs(a.age - attributes.age) <= 5 ? 1 : 0) +
      (attributes.gender && a.gender === attributes.gender ? 1 : 0) +
      (attributes.country && a.country === attributes.country ? 1 : 0);
    const ranked = this.lookalikes.members
      .map((m) => ({ segmentId: m.segmentId, s: score(m.a) }))
      .filter((m) => m.s > 0)
      .sort((x, y) => y.s - x.s)
      .slice(0, 50);
    if (ranked.length < 5) return null;
    const votes = new Map<number, number>();
    for (const m of ranked) votes.set(m.segmentId, (votes.get(m.segmentId) ?? 0) + m.s);
    const [best] = [...votes.entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0]);
    return (await this.byId(best[0])) ?? null;
  }

  private popularCache = new Map<number, { at: number; posts: number[] }>();

  /** The posts a segment's members engaged with most over the last 30 days of data (type-weighted), cached a minute. */
  async popularIn(segmentId: number, limit: number): Promise<number[]> {
    const hit = this.popularCache.get(segmentId);
    if (hit && Date.now() - hit.at < 60_000 && hit.posts.length >= limit) return hit.posts.slice(0, limit);
    const since = new Date((await this.features.asOf()).getTime() - 30 * 86_400_000);
    const rows = await this.db.query<{ postId: number }>(
      `SELECT "i"."postId", SUM(${interestWeightSql}) AS "w" FROM "interactions" "i" JOIN "segment_memberships" "sm" ON "sm"."userId" = "i"."userId" ` +
        `WHERE "sm"."segmentId" = ? AND "i"."occurredAt" >= ? GROUP BY "i"."postId" ORDER BY 2 DESC, 1 LIMIT ${Math.max(limit, 101)}`,
      [segmentId, this.db.param(since)],
    );
    const posts = rows.map((r) => Number(r.postId));
    this.popularCache.set(segmentId, { at: Date.now(), posts });
    return posts.slice(0, limit);
  }

}
