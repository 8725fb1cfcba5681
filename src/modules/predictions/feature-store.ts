import type { Database, Row } from "../../db/database";
import { chunks } from "../../graphql/batch";
import { BadUserInputError } from "../../graphql/errors";
import type { FeatureRow, FeatureSpec, Table } from "../../ml/types";
import type { ModelSpec } from "../models/model-specs";
import type { UserAttributes } from "../users/user.entity";
import { buildPostRow, type PostFacts } from "./post-features";
import { buildUserRow, topicFeature, type UserFacts } from "./user-features";
import { interestWeightSql } from "../interests/interest-scores";

const day = 86_400_000;

/** Posts younger than this at the as-of time are still gathering engagement: they are not training rows. */
export const maturityDays = 2;
/** The time the data reaches: the latest interaction, or now without any (demo and imported data lie in the past). */
export async function dataAsOf(db: Database): Promise<Date> {
  const [r] = await db.query<{ t: unknown }>(`SELECT MAX("occurredAt") AS t FROM "interactions"`);
  return db.toDate(r?.t) ?? new Date();
}

/** Posts published after this have not gathered their engagement yet (`maturityDays` before the data's time). */
export function maturityCutoff(asOf: Date): Date {
  return new Date(asOf.getTime() - maturityDays * day);
}

/** Churn looks this many days past a cutoff. */
export const churnWindowDays = 30;
/** Fewest people on either side of churn's target (stayed, went quiet) to learn from. */
const minChurnClassRows = 5;

/**
 * Targets whose behavioural features leave purchases out. The conversion target is "has bought": a
 * CONVERSION event is the outcome itself, so counting it as activity (active days, recency, tenure,
 * frequency, topic shares) would feed the label into the inputs — one purchase made a month-quiet
 * person look active today. Every other event still counts, for buyers and non-buyers alike, up to
 * the same as-of time, so the features of a row never depend on its label and a person's training row
 * is the row they are scored with. (Churn needs nothing: its features stop at a cutoff and its target
 * starts there, so a purchase before the cutoff is legitimate activity.)
 */
export function excludesPurchases(target: string | undefined): boolean {
  return target === "converted";
}

/** A training table built from the database, with the ids of its rows and what it was built from. */
export interface EntityTable {
  table: Table;
  ids: number[];
  stats: Record<string, unknown>;
}

/**
 * Builds feature rows and training tables from the entities with the named feature builders, for
 * training (whole tables), serving (rows of given ids) and drafts (facts given by the caller).
 */
export class FeatureStore {
  constructor(private readonly db: Database) {}

  /** The time the data reaches: the latest interaction (demo and imported data lie in the past). */
  asOf(): Promise<Date> {
    return dataAsOf(this.db);
  }

  // ------------------------------------------------------------------ posts

  private async postFacts(where: string, params: unknown[]): Promise<Array<{ id: number; facts: PostFacts; counters: Record<string, number> }>> {
    const rows = await this.db.query<Row>(
      `SELECT "p"."id", "p"."text", "p"."mediaType", "p"."category", "p"."paid", "p"."platform", "p"."publishedAt", "p"."hashtags", "p"."mentions", ` +
        `"p"."likes", "p"."comments", "p"."shares", "p"."impressions", "p"."clicks", "u"."followers" AS "authorFollowers" ` +
        `FROM "posts" "p" JOIN "users" "u" ON "u"."id" = "p"."authorId" ${where} ORDER BY "p"."id"`,
      params,
    );
    return rows.map((r) => ({
      id: Number(r.id),
      isBrand: Boolean(r.isBrand), // 0/1 on SQLite
      facts: {
        text: String(r.text),
        mediaType: String(r.mediaType),
        category: (r.category as string | null) ?? null,
        paid: Boolean(r.paid),
        platform: String(r.platform),
        publishedAt: this.db.toDate(r.publishedAt)!,
        hashtags: typeof r.hashtags === "string" ? (JSON.parse(r.hashtags) as string[]) : ((r.hashtags as string[]) ?? []),
        mentions: typeof r.mentions === "string" ? (JSON.parse(r.mentions) as string[]) : ((r.mentions as string[]) ?? []),
        authorFollowers: Number(r.authorFollowers),
      },
      counters: {
        likes: Number(r.likes),
        comments: Number(r.comments),
        shares: Number(r.shares),
        impressions: Number(r.impressions),
        clicks: Number(r.clicks),
      },
    }));
  }

  private static postTarget(target: string, c: Record<string, number>): number {
    switch (target) {
      case "engagements":
        return c.likes + c.comments + c.shares;
      case "impressions":
      case "shares":
      case "clicks":
        return c[target];
      default:
        throw new Error(`no post target "${target}"`);
    }
  }

  /** Every mature post as a training row (brand posts old enough to have gathered their engagement). */
  async postTable(spec: ModelSpec): Promise<EntityTable> {
    const asOf = await this.asOf();
    const cutoff = maturityCutoff(asOf);
    const facts = await this.postFacts(`WHERE "p"."publishedAt" <= ?`, [cutoff]);
    const names = spec.features.map((f) => f.name);
    const rows = facts.map((f) => buildPostRow(f.facts, names));
    let target: number[] | undefined;
    const stats: Record<string, unknown> = { asOf: asOf.toISOString(), publishedBefore: cutoff.toISOString(), entity: "post" };
    if (spec.task === "clustering") {
      target = undefined;
    } else if (spec.target === "viral") {
      // Viral: shares in the top 10% of the training posts (the threshold is part of the version).
      const shares = facts.map((f) => f.counters.shares).sort((a, b) => a - b);
      const threshold = shares.length ? shares[Math.min(shares.length - 1, Math.floor(shares.length * 0.9))] : 0;
      target = facts.map((f) => (f.counters.shares >= threshold && threshold > 0 ? 1 : 0));
      stats.viralThreshold = threshold;
    } else {
      target = facts.map((f) => FeatureStore.postTarget(spec.target, f.counters));
    }
    return { table: { features: spec.features, rows, target }, ids: facts.map((f) => f.id), stats };
  }

  /** Feature rows of existing posts, in the order of `ids` (missing posts: undefined). */
  async postRows(features: readonly FeatureSpec[], ids: readonly number[]): Promise<Array<FeatureRow | undefined>> {
    const names = features.map((f) => f.name);
    const byId = new Map<number, FeatureRow>();
    for (const slice of chunks([...new Set(ids)], 500)) {
      for (const f of await this.postFacts(`WHERE "p"."id" IN (${slice.map(() => "?").join(", ")})`, slice)) byId.set(f.id, buildPostRow(f.facts, names));
    }
    return ids.map((id) => byId.get(id));
  }

  draftRow(features: readonly FeatureSpec[], draft: PostFacts): FeatureRow {
    return buildPostRow(draft, features.map((f) => f.name));
  }

  // ------------------------------------------------------------------ users

  private dayExpr(): string {
    return this.db.dialect === "postgres" ? `CAST("i"."occurredAt" AS date)` : `substr("i"."occurredAt", 1, 10)`;
  }

  /** `topic.*` → one `topic.<category>` feature per category of the posts, in name order. */
  private async expandTopics(features: readonly FeatureSpec[]): Promise<FeatureSpec[]> {
    if (!features.some((f) => f.name === "topic.*")) return [...features];
    const rows = await this.db.query<{ c: string }>(`SELECT DISTINCT "category" AS "c" FROM "posts" WHERE "category" IS NOT NULL ORDER BY "category"`);
    return features.flatMap((f) => (f.name === "topic.*" ? rows.map((r) => ({ name: `topic.${r.c}`, kind: "numeric" as const })) : [f]));
  }

  /** Per person, the share of their type-weighted interactions before `cutoff` on each topic. */
  private async topicShares(cutoff: Date, ids?: readonly number[], withoutPurchases = false): Promise<Map<number, Record<string, number>>> {
    const select =
      `SELECT "i"."userId", "p"."category", SUM(${interestWeightSql}) AS "w" FROM "interactions" "i" JOIN "posts" "p" ON "p"."id" = "i"."postId" WHERE "i"."occurredAt" < ? AND "p"."category" IS NOT NULL` +
      (withoutPurchases ? ` AND "i"."type" <> 'CONVERSION'` : "");
    const rows: Row[] = [];
    if (ids) {
      for (const slice of chunks([...new Set(ids)], 500)) rows.push(...(await this.db.query<Row>(`${select} AND "i"."userId" IN (${slice.map(() => "?").join(", ")}) GROUP BY 1, 2`, [cutoff, ...slice])));
    } else rows.push(...(await this.db.query<Row>(`${select} GROUP BY 1, 2`, [cutoff])));
    const sums = new Map<number, Record<string, number>>();
    for (const r of rows) {
      const u = Number(r.userId);
      if (!sums.has(u)) sums.set(u, {});
      sums.get(u)![String(r.category)] = Number(r.w);
    }
    for (const shares of sums.values()) {
      const total = Object.values(shares).reduce((a, b) => a + b, 0);
      for (const k of Object.keys(shares)) shares[k] = total > 0 ? shares[k] / total : 0;
    }
    return sums;
  }

  /**
   * Behaviour of people up to `cutoff` (exclusive), optionally of some ids only (else every person who
   * is not a brand). With `withoutPurchases`, CONVERSION events are left out of every behavioural fact
   * (they are no activity, and `conversions` is 0): see `excludesPurchases`.
   */
  private async userFacts(cutoff: Date, ids?: readonly number[], withTopics = false, withoutPurchases = false): Promise<Array<{ id: number; isBrand: boolean; facts: UserFacts }>> {
    const count = (type: string) => `SUM(CASE WHEN "i"."type" = '${type}' THEN 1 ELSE 0 END)`;
    const events = withoutPurchases ? `AND "i"."type" <> 'CONVERSION' ` : "";
    const select =
      `SELECT "u"."id", "u"."isBrand", "u"."followers", "u"."platform", "u"."attributes", ${count("VIEW")} AS "views", ${count("LIKE")} AS "likes", ` +
      `${count("COMMENT")} AS "comments", ${count("SHARE")} AS "shares", ${count("CLICK")} AS "clicks", ${count("CONVERSION")} AS "conversions", ` +
      `COUNT(DISTINCT ${this.dayExpr()}) AS "activeDays", MIN("i"."occurredAt") AS "firstAt", MAX("i"."occurredAt") AS "lastAt" ` +
      `FROM "users" "u" LEFT JOIN "interactions" "i" ON "i"."userId" = "u"."id" AND "i"."occurredAt" < ? ${events}`;
    const group = ` GROUP BY "u"."id", "u"."isBrand", "u"."followers", "u"."platform", "u"."attributes" ORDER BY "u"."id"`;
    const rows: Row[] = [];
    if (ids) {
      for (const slice of chunks([...new Set(ids)], 500)) {
        rows.push(...(await this.db.query<Row>(`${select} WHERE "u"."id" IN (${slice.map(() => "?").join(", ")})${group}`, [cutoff, ...slice])));
      }
    } else {
      rows.push(...(await this.db.query<Row>(`${select} WHERE "u"."isBrand" = ?${group}`, [cutoff, false])));
    }
    const days = (t: unknown) => {
      const d = this.db.toDate(t);
      return d ? Math.max(0, (cutoff.getTime() - d.getTime()) / day) : null;
    };
    const topics = withTopics ? await this.topicShares(cutoff, ids, withoutPurchases) : undefined;
    return rows.map((r) => ({
      id: Number(r.id),
      isBrand: Boolean(r.isBrand), // 0/1 on SQLite
      facts: {
        topicShares: topics?.get(Number(r.id)) ?? (topics ? {} : undefined),
        views: Number(r.views ?? 0),
        likes: Number(r.likes ?? 0),
        comments: Number(r.comments ?? 0),
        shares: Number(r.shares ?? 0),
        clicks: Number(r.clicks ?? 0),
        conversions: Number(r.conversions ?? 0),
        activeDays: Number(r.activeDays ?? 0),
        recencyDays: days(r.lastAt),
        tenureDays: days(r.firstAt),
        followers: Number(r.followers),
        platform: String(r.platform),
        attributes: typeof r.attributes === "string" ? (JSON.parse(r.attributes) as UserAttributes) : ((r.attributes as UserAttributes | null) ?? null),
      },
    }));
  }

  /** People who bought: a CONVERSION interaction, or a CRM outcome (`attributes.extra.converted`). */
  private async converted(): Promise<Set<number>> {
    const rows = await this.db.query<{ userId: number }>(`SELECT DISTINCT "userId" FROM "interactions" WHERE "type" = 'CONVERSION'`);
    return new Set(rows.map((r) => Number(r.userId)));
  }

  private static crmConverted(facts: UserFacts): boolean {
    const v = facts.attributes?.extra?.converted;
    return v === true || v === "yes" || v === 1;
  }

  /** Every person as a training row; for churn, their behaviour before a cutoff 30 days before the as-of time. */
  async userTable(given: ModelSpec): Promise<EntityTable> {
    const spec = { ...given, features: await this.expandTopics(given.features) };
    const withTopics = spec.features.some((f) => topicFeature(f.name) !== undefined);
    const asOf = await this.asOf();
    const stats: Record<string, unknown> = { asOf: asOf.toISOString(), entity: "user" };
    if (spec.target === "churned") {
      const cutoff = new Date(asOf.getTime() - churnWindowDays * day);
      const before = (await this.userFacts(cutoff, undefined, withTopics)).filter((u) => u.facts.tenureDays !== null);
      const stayed = new Set(
        (await this.db.query<{ userId: number }>(`SELECT DISTINCT "userId" FROM "interactions" WHERE "occurredAt" >= ?`, [cutoff])).map((r) => Number(r.userId)),
      );
      stats.cutoff = cutoff.toISOString();
      stats.windowDays = churnWindowDays;
      const stayedCount = before.filter((u) => stayed.has(u.id)).length;
      if (before.length > 0 && Math.min(stayedCount, before.length - stayedCount) < minChurnClassRows) {
        throw new BadUserInputError(
          "name",
          `cannot train "${spec.name}": churn is learnt from the people active before the cutoff ${cutoff.toISOString()} (the newest interaction, ${asOf.toISOString()}, less ${churnWindowDays} days) ` +
            `who stayed active after it and those who went quiet; ${stayedCount} of ${before.length} stayed, at least ${minChurnClassRows} of each are needed ` +
            `(interactions recorded long after the rest move the cutoff past them)`,
        );
      }
      return {
        table: { features: spec.features, rows: before.map((u) => buildUserRow(u.facts, spec.features)), target: before.map((u) => (stayed.has(u.id) ? 0 : 1)) },
        ids: before.map((u) => u.id),
        stats,
      };
    }
    const withoutPurchases = excludesPurchases(spec.target);
    if (withoutPurchases) stats.behaviour = "CONVERSION events left out of the behavioural features (they are the target)";
    const people = await this.userFacts(new Date(asOf.getTime() + 1), undefined, withTopics, withoutPurchases);
    if (spec.task === "clustering") {
      // Segments: people with some activity (nothing to learn from someone who never interacted).
      const active = people.filter((u) => u.facts.tenureDays !== null);
      return { table: { features: spec.features, rows: active.map((u) => buildUserRow(u.facts, spec.features)) }, ids: active.map((u) => u.id), stats };
    }
    const bought = await this.converted();
    return {
      table: {
        features: spec.features,
        rows: people.map((u) => buildUserRow(u.facts, spec.features)),
        target: people.map((u) => (bought.has(u.id) || FeatureStore.crmConverted(u.facts) ? 1 : 0)),
      },
      ids: people.map((u) => u.id),
      stats,
    };
  }

  /**
   * Feature rows of people as of now (the as-of time), in the order of `ids`, built as the training
   * rows of a model with that `target` were (for "converted", without purchases); undefined for people
   * such a model never trained on (brand accounts; for "churned", people who never interacted) and, for
   * "churned", people quiet for the churn window already (they have churned: there is nothing to predict).
   */
  async userRows(features: readonly FeatureSpec[], ids: readonly number[], target?: string): Promise<Array<FeatureRow | undefined>> {
    const asOf = await this.asOf();
    const withTopics = features.some((f) => topicFeature(f.name) !== undefined);
    const facts = await this.userFacts(new Date(asOf.getTime() + 1), ids, withTopics, excludesPurchases(target));
    // Only the people a model of this target is trained on get a row: never a brand account, and for churn
    // (an active person going quiet) only someone who has been active.
    // For churn also not someone already quiet for the whole window: by the model's own definition they churned.
    const served = facts.filter(
      (u) => !u.isBrand && (target !== "churned" || (u.facts.tenureDays !== null && u.facts.recencyDays !== null && u.facts.recencyDays < churnWindowDays)),
    );
    const byId = new Map(served.map((u) => [u.id, buildUserRow(u.facts, features)]));
    return ids.map((id) => byId.get(id));
  }

  /** The training table of a spec. */
  tableFor(spec: ModelSpec): Promise<EntityTable> {
    return spec.entity === "post" ? this.postTable(spec) : this.userTable(spec);
  }
}
