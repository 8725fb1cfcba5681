import type { Database, Row } from "../../db/database";
import { chunks } from "../../graphql/batch";
import type { Loaders } from "../../graphql/loaders";
import type { InteractionType } from "../interactions/interaction.entity";
import type { FeatureStore } from "../predictions/feature-store";
import { interestScores, type InterestEvent, type InterestScore } from "./interest-scores";

/**
 * People's interests from their interactions, computed when asked (batched over the people of a
 * request), with time decay relative to the newest interaction stored (the data's "now", so that an
 * imported or demo history decays the same whatever the clock says).
 */
export class InterestService {
  constructor(
    private readonly db: Database,
    private readonly features: FeatureStore,
  ) {}

  /** The time interests decay from: the newest interaction stored. */
  private asOf(loaders: Loaders): Promise<Date> {
    return loaders
      .get<number, Date>("Interests.asOf", async (keys) => {
        const t = await this.features.asOf();
        return keys.map(() => t);
      })
      .load(0);
  }

  forUser(loaders: Loaders, userId: number): Promise<InterestScore[]> {
    return loaders
      .get<number, InterestScore[]>("Interests.byUser", async (ids) => {
        const asOf = await this.asOf(loaders);
        const events = await this.events(ids);
        return ids.map((id) => interestScores(events.get(id) ?? [], asOf));
      })
      .load(userId);
  }

  /** The interactions of these people, with each post's topic, hashtags and author. */
  async events(userIds: readonly number[]): Promise<Map<number, InterestEvent[]>> {
    const rows: Row[] = [];
    for (const slice of chunks([...new Set(userIds)], 300)) {
      rows.push(
        ...(await this.db.query<Row>(
          `SELECT "i"."userId", "i"."type", "i"."occurredAt", "p"."id" AS "postId", "p"."category", "p"."authorId" ` +
            `FROM "interactions" "i" JOIN "posts" "p" ON "p"."id" = "i"."postId" WHERE "i"."userId" IN (${slice.map(() => "?").join(", ")})`,
          slice,
        )),
      );
    }
    const tags = new Map<number, string[]>();
    for (const slice of chunks([...new Set(rows.map((r) => Number(r.postId)))], 500)) {
      const found = await this.db.query<{ postId: number; tag: string }>(`SELECT "postId", "tag" FROM "post_hashtags" WHERE "postId" IN (${slice.map(() => "?").join(", ")})`, slice);
      for (const t of found) {
        const id = Number(t.postId);
        if (!tags.has(id)) tags.set(id, []);
        tags.get(id)!.push(t.tag);
      }
    }
    const out = new Map<number, InterestEvent[]>();
    for (const r of rows) {
      const userId = Number(r.userId);
      if (!out.has(userId)) out.set(userId, []);
      out.get(userId)!.push({
        type: r.type as InteractionType,
        occurredAt: this.db.toDate(r.occurredAt)!,
        topic: (r.category as string | null) ?? null,
        hashtags: tags.get(Number(r.postId)) ?? [],
        accountId: Number(r.authorId),
      });
    }
    return out;
  }
}
