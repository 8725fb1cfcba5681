import { LockNamespace, lockRowsInOrder, lockStillStored, type Database, type Row } from "../../db/database";
import { BatchProblems, checkBatchSize, checkNumber, chunks } from "../../graphql/batch";
import { filterText, NotFoundError } from "../../graphql/errors";
import { checkRange } from "../../graphql/filters";
import { alignById, type Loaders } from "../../graphql/loaders";
import { countByParent, paginate, paginateByParent, Where, type ListSpec, type SortSpec } from "../../graphql/pagination";
import { decodeGlobalId, type ConnectionArgs, type ConnectionValue } from "../../graphql/relay";
import { publicationTimeProblem } from "./publication-time";
import { cleanText, normalizeHandle, normalizeHashtag, normalizeTopic, parseHashtags, parseMentions } from "../../nlp/text";
import { deleteWhereIn, type Eraser } from "../users/erasure";
import { platforms, type Platform } from "../users/platform";
import type { UpsertResult, UserService } from "../users/user.service";
import { userKey } from "../users/user.service";
import { mediaTypes, Post, PostHashtag, postCounters, type PostCounter } from "./post.entity";
import { PostOrderField, type PostFilter, type PostInput, type PostOrder, type PostsArgs } from "./post.inputs";

const sorts: Record<PostOrderField, Omit<SortSpec, "direction">> = {
  PUBLISHED_AT: { key: "publishedAt", column: `"p"."publishedAt"`, property: "publishedAt", kind: "date" },
  LIKES: { key: "likes", column: `"p"."likes"`, property: "likes", kind: "number" },
  COMMENTS: { key: "comments", column: `"p"."comments"`, property: "comments", kind: "number" },
  SHARES: { key: "shares", column: `"p"."shares"`, property: "shares", kind: "number" },
  IMPRESSIONS: { key: "impressions", column: `"p"."impressions"`, property: "impressions", kind: "number" },
};

export const postKey = (platform: string, externalId: string) => `${platform}\u0000${externalId}`;

/** Earliest and latest publication dates accepted (a year ahead allows for clock skew and scheduling). */
const maxTextLength = 10_000;

interface CleanPost {
  platform: Platform;
  externalId: string;
  authorId: number;
  text: string;
  mediaType: Post["mediaType"];
  category?: string | null;
  paid?: boolean;
  publishedAt: Date;
  hashtags: string[];
  mentions: string[];
  metrics?: Partial<Record<PostCounter, number>>;
}

export class PostService {
  /** Runs after every upsert has committed, with the ids written (sentiment scoring). */
  afterUpsert: ((ids: number[]) => Promise<void>) | null = null;

  constructor(
    private readonly db: Database,
    private readonly users: UserService,
    private readonly maxBatch: number,
  ) {}

  byId(loaders: Loaders, id: number): Promise<Post | undefined> {
    return loaders.get<number, Post | undefined>("Post.byId", (ids) => this.byIds(ids)).load(id);
  }

  async byIds(ids: readonly number[]): Promise<Array<Post | undefined>> {
    const m = this.db.mapper(Post);
    const rows: Post[] = [];
    for (const slice of chunks(ids, 500)) {
      rows.push(...m.hydrateAll(await this.db.query<Row>(`SELECT ${m.select("p")} FROM "posts" "p" WHERE "p"."id" IN (${slice.map(() => "?").join(", ")})`, slice)));
    }
    return alignById(ids, rows);
  }

  async getOrThrow(loaders: Loaders, globalId: string, field = "id"): Promise<Post> {
    const { id } = decodeGlobalId(globalId, field, "Post");
    const post = await this.byId(loaders, id);
    if (!post) throw new NotFoundError("Post", globalId, field);
    return post;
  }

  /** Ids of existing posts by (platform, externalId). */
  async idsByExternalIds(keys: ReadonlyArray<{ platform: Platform; externalId: string }>): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const byPlatform = new Map<Platform, Set<string>>();
    for (const k of keys) {
      if (!byPlatform.has(k.platform)) byPlatform.set(k.platform, new Set());
      byPlatform.get(k.platform)!.add(k.externalId);
    }
    for (const [platform, ids] of byPlatform) {
      for (const slice of chunks([...ids], 500)) {
        const rows = await this.db.query<{ id: number; externalId: string }>(
          `SELECT "id", "externalId" FROM "posts" WHERE "platform" = ? AND "externalId" IN (${slice.map(() => "?").join(", ")})`,
          [platform, ...slice],
        );
        for (const r of rows) out.set(postKey(platform, r.externalId), Number(r.id));
      }
    }
    return out;
  }

  /** When each of these posts was published (ids not found are absent). */
  async publishedAt(ids: readonly number[]): Promise<Map<number, Date>> {
    const out = new Map<number, Date>();
    for (const slice of chunks([...new Set(ids)], 500)) {
      const rows = await this.db.query<{ id: number; publishedAt: unknown }>(`SELECT "id", "publishedAt" FROM "posts" WHERE "id" IN (${slice.map(() => "?").join(", ")})`, slice);
      for (const r of rows) {
        const at = this.db.toDate(r.publishedAt);
        if (at) out.set(Number(r.id), at);
      }
    }
    return out;
  }

  /** The platform of each of these ids that exists. */
  async platformsOf(table: "posts" | "users", ids: readonly number[]): Promise<Map<number, string>> {
    const out = new Map<number, string>();
    for (const slice of chunks([...new Set(ids)], 500)) {
      const rows = await this.db.query<{ id: number; platform: string }>(`SELECT "id", "platform" FROM "${table}" WHERE "id" IN (${slice.map(() => "?").join(", ")})`, slice);
      for (const r of rows) out.set(Number(r.id), String(r.platform));
    }
    return out;
  }

  private where(given?: PostFilter | null): Where {
    const filter = given ?? {};
    const where = new Where();
    checkRange(filter.publishedAfter, filter.publishedBefore, "filter.publishedBefore", "filter.publishedAfter");
    if (filter.platform) where.add(`"p"."platform" = ?`, filter.platform);
    if (filter.authorId) where.add(`"p"."authorId" = ?`, decodeGlobalId(filter.authorId, "filter.authorId", "User").id);
    if (filter.mediaType) where.add(`"p"."mediaType" = ?`, filter.mediaType);
    const category = filterText(filter.category, "filter.category", normalizeTopic);
    if (category !== null) where.add(`"p"."category" = ?`, category);
    if (filter.paid != null) where.add(`"p"."paid" = ?`, filter.paid);
    const hashtag = filterText(filter.hashtag, "filter.hashtag", normalizeHashtag);
    if (hashtag !== null) where.add(`EXISTS (SELECT 1 FROM "post_hashtags" "h" WHERE "h"."postId" = "p"."id" AND "h"."tag" = ?)`, hashtag);
    if (filter.publishedAfter) where.add(`"p"."publishedAt" >= ?`, filter.publishedAfter);
    if (filter.publishedBefore) where.add(`"p"."publishedAt" < ?`, filter.publishedBefore);
    return where;
  }

  private spec(filter?: PostFilter | null, orderBy?: PostOrder | null): ListSpec<Post> {
    const sort = sorts[orderBy?.field ?? PostOrderField.PUBLISHED_AT];
    return { mapper: this.db.mapper(Post), from: `"posts" "p"`, alias: "p", where: this.where(filter), sort: { ...sort, direction: orderBy?.direction ?? "DESC" } };
  }

  async list(loaders: Loaders, args: PostsArgs): Promise<ConnectionValue<Post>> {
    const spec = this.spec(args.filter, args.orderBy);
    if (args.filter?.authorId) await this.users.getOrThrow(loaders, args.filter.authorId, "filter.authorId");
    return paginate(this.db, spec, args);
  }

  /** A user's posts, batched over every user of the request that asks with the same arguments. */
  async ofAuthor(loaders: Loaders, authorId: number, args: PostsArgs): Promise<ConnectionValue<Post>> {
    // An unknown ID in the filter is NOT_FOUND here too (once per request: byId is batched and cached).
    if (args.filter?.authorId) await this.users.getOrThrow(loaders, args.filter.authorId, "filter.authorId");
    const key = JSON.stringify(args);
    const spec = this.spec(args.filter, args.orderBy);
    const counts = loaders.get<number, number>(`User.posts.count:${JSON.stringify(args.filter ?? {})}`, (ids) =>
      countByParent(this.db, spec.from, spec.where, `"p"."authorId"`, ids),
    );
    return loaders
      .get<number, ConnectionValue<Post>>(`User.posts:${key}`, async (ids) => {
        const pages = await paginateByParent(this.db, spec, `"p"."authorId"`, "authorId", ids, args as ConnectionArgs, (id) => counts.load(id));
        return ids.map((id) => pages.get(id)!);
      })
      .load(authorId);
  }

  private clean(rows: readonly PostInput[], problems: BatchProblems): Array<CleanPost & { authorRef: { id?: number; handle?: string } }> {
    checkBatchSize("posts", rows, this.maxBatch);
    const out = rows.map((r, i) => {
      if (!platforms.includes(r.platform)) problems.add(i, "platform", `expected one of ${platforms.join(", ")}, found ${JSON.stringify(r.platform)}`);
      const externalId = cleanText(r.externalId ?? "");
      // An id is a key: cleaning would make "a\u0000b" the same post as "a b".
      if (/\p{Cc}/u.test(r.externalId ?? "")) problems.add(i, "externalId", "expected an id without control characters");
      else if (externalId.length < 1 || externalId.length > 128) problems.add(i, "externalId", `expected 1–128 characters, found ${externalId.length}`);
      const authorRef: { id?: number; handle?: string } = {};
      if ((r.authorId == null) === (r.authorHandle == null)) {
        problems.add(i, r.authorId == null ? "authorHandle" : "authorId", "expected exactly one of authorId and authorHandle");
      } else if (r.authorId != null) {
        try {
          authorRef.id = decodeGlobalId(r.authorId, `posts[${i}].authorId`, "User").id;
        } catch (e) {
          problems.add(i, "authorId", (e as Error).message.replace(/^[^:]*: /, ""));
        }
      } else {
        authorRef.handle = normalizeHandle(r.authorHandle!);
      }
      const text = cleanText(r.text ?? "");
      if (text.length > maxTextLength) problems.add(i, "text", `expected at most ${maxTextLength} characters (UTF-16 units: most emoji count 2), found ${text.length}`);
      if (!mediaTypes.includes(r.mediaType)) problems.add(i, "mediaType", `expected one of ${mediaTypes.join(", ")}, found ${JSON.stringify(r.mediaType)}`);
      const publishedAt = r.publishedAt;
      if (!(publishedAt instanceof Date) || Number.isNaN(publishedAt.getTime())) problems.add(i, "publishedAt", "expected a date-time");
      else {
        const problem = publicationTimeProblem(publishedAt);
        if (problem) problems.add(i, "publishedAt", problem);
      }
      let category: string | null | undefined = r.category;
      if (category != null) {
        category = normalizeTopic(category) || null;
        if (category && category.length > 64) problems.add(i, "category", `expected at most 64 characters, found ${category.length}`);
      }
      const tags = parseHashtags(text);
      for (const extra of r.hashtags ?? []) {
        const tag = normalizeHashtag(extra);
        if (!/^[\p{L}\p{N}_]{1,100}$/u.test(tag)) problems.add(i, "hashtags", `expected hashtags of letters, digits or _, found ${JSON.stringify(extra)}`);
        else if (!tags.includes(tag)) tags.push(tag);
      }
      let metrics: Partial<Record<PostCounter, number>> | undefined;
      if (r.metrics) {
        metrics = {};
        for (const c of postCounters) {
          const v = r.metrics[c];
          if (v == null) continue;
          const msg = checkNumber(v, 0, 2_000_000_000, true);
          if (msg) problems.add(i, `metrics.${c}`, msg);
          metrics[c] = v;
        }
      }
      return {
        platform: r.platform,
        externalId,
        authorId: 0,
        authorRef,
        text,
        mediaType: r.mediaType,
        category,
        paid: r.paid ?? undefined,
        publishedAt,
        hashtags: tags,
        mentions: parseMentions(text),
        metrics,
      };
    });
    return out;
  }

  /** Resolves author references; unknown authors reject the batch with their row and field. */
  private async resolveAuthors(rows: Array<CleanPost & { authorRef: { id?: number; handle?: string } }>, problems: BatchProblems): Promise<void> {
    const byId = await this.platformsOf("users", rows.flatMap((r) => (r.authorRef.id === undefined ? [] : [r.authorRef.id])));
    const byHandle = await this.users.idsByHandles(rows.flatMap((r) => (r.authorRef.handle === undefined || r.authorRef.handle === "" ? [] : [{ platform: r.platform, handle: r.authorRef.handle }])));
    rows.forEach((r, i) => {
      if (r.authorRef.id !== undefined) {
        const platform = byId.get(r.authorRef.id);
        if (platform === undefined) problems.add(i, "authorId", "no such User");
        // An account is on one platform, and so are its posts.
        else if (platform !== r.platform) problems.add(i, "authorId", `expected a User on ${r.platform} (the post's platform), found one on ${platform}`);
        else r.authorId = r.authorRef.id;
      } else if (r.authorRef.handle !== undefined) {
        const id = byHandle.get(userKey(r.platform, r.authorRef.handle));
        if (id === undefined) problems.add(i, "authorHandle", `no User @${r.authorRef.handle} on ${r.platform}`);
        else r.authorId = id;
      }
    });
    problems.throwIfAny();
  }

  /** Creates or updates posts by (platform, externalId), with their hashtags, all or nothing. */
  async upsert(input: readonly PostInput[]): Promise<UpsertResult<Post>> {
    // Every row is checked, format and authors, before the batch is refused: one answer lists all its problems.
    const problems = new BatchProblems("posts");
    const cleaned = this.clean(input, problems);
    await this.resolveAuthors(cleaned, problems);
    const byKey = new Map<string, CleanPost>();
    for (const row of cleaned) {
      const key = postKey(row.platform, row.externalId);
      const old = byKey.get(key);
      byKey.set(key, old ? { ...old, ...row, metrics: { ...old.metrics, ...row.metrics } } : row);
    }
    // Key order: concurrent upserts of overlapping posts then wait for each other instead of deadlocking.
    const unique = [...byKey.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, row]) => row);
    const firstSeen = [...byKey.keys()];
    const now = new Date();
    const m = this.db.mapper(Post);
    const { created, ids } = await this.db.write(async (tx) => {
      // Concurrent upserts of one post wait for each other here, and the rows read are locked against recorded
      // interactions until this commits: the counters written back below are then the current ones.
      await tx.lockKeys(LockNamespace.posts, byKey.keys());
      const read = async () => {
        const found = new Map<string, Post>();
        for (const slice of chunks(unique, 400)) {
          const where = slice.map(() => `("p"."platform" = ? AND "p"."externalId" = ?)`).join(" OR ");
          const rows = await tx.query<Row>(`SELECT ${m.select("p")} FROM "posts" "p" WHERE ${where}`, slice.flatMap((r) => [r.platform, r.externalId]));
          for (const p of m.hydrateAll(rows)) found.set(postKey(p.platform, p.externalId), p);
        }
        return found;
      };
      let existing = await read();
      // The authors (share-locked on PostgreSQL, so that an erasure waits for this unit or this unit for it) must
      // still exist: one erased since the batch was checked is refused like an unknown author.
      const found = await lockStillStored(this.db, tx, "users", unique.map((r) => r.authorId!), "FOR KEY SHARE");
      const gone = new BatchProblems("posts");
      cleaned.forEach((r, i) => {
        if (!found.has(r.authorId!)) gone.add(i, r.authorRef.id !== undefined ? "authorId" : "authorHandle", "no such User (erased while the batch was being stored)");
      });
      gone.throwIfAny();
      // Then the posts' rows, in id order as recordInteractions and erasures take them; then the rows again as they are now.
      if (this.db.dialect === "postgres" && existing.size > 0) {
        await lockRowsInOrder(this.db, tx, "posts", [...existing.values()].map((p) => p.id));
        existing = await read();
      }
      // Nobody can view, like or comment on a post before it is published (recordInteractions refuses it): a post
      // that already has interactions cannot be moved to after its first one. Its rows are locked above on
      // PostgreSQL, and SQLite has one writer, so no interaction lands in between.
      const later = unique.flatMap((row) => {
        const old = existing.get(postKey(row.platform, row.externalId));
        return old && row.publishedAt > old.publishedAt ? [old.id] : [];
      });
      if (later.length > 0) {
        const first = new Map<number, Date>();
        for (const slice of chunks(later.sort((a, b) => a - b), 400)) {
          const rows = await tx.query<{ postId: number | string; at: unknown }>(
            `SELECT "postId", MIN("occurredAt") AS "at" FROM "interactions" WHERE "postId" IN (${slice.map(() => "?").join(", ")}) GROUP BY "postId"`,
            slice,
          );
          for (const r of rows) {
            const at = this.db.toDate(r.at);
            if (at) first.set(Number(r.postId), at);
          }
        }
        const early = new BatchProblems("posts");
        cleaned.forEach((r, i) => {
          const old = existing.get(postKey(r.platform, r.externalId));
          const at = old && first.get(old.id);
          if (at && r.publishedAt > at) early.add(i, "publishedAt", `expected a time at or before the post's first interaction (${at.toISOString()}), found ${r.publishedAt.toISOString()}`);
        });
        early.throwIfAny();
      }
      const merged = unique.map((row) => {
        const old = existing.get(postKey(row.platform, row.externalId));
        const counters = Object.fromEntries(postCounters.map((c) => [c, row.metrics?.[c] ?? old?.[c] ?? 0]));
        return {
          authorId: row.authorId,
          platform: row.platform,
          externalId: row.externalId,
          text: row.text,
          mediaType: row.mediaType,
          category: row.category !== undefined ? row.category : (old?.category ?? null),
          paid: row.paid ?? old?.paid ?? false,
          publishedAt: row.publishedAt,
          hashtags: row.hashtags,
          mentions: row.mentions,
          ...counters,
          createdAt: old?.createdAt ?? now,
          updatedAt: now,
        } as Partial<Post>;
      });
      const columns = ["authorId", "platform", "externalId", "text", "mediaType", "category", "paid", "publishedAt", "hashtags", "mentions", ...postCounters, "createdAt", "updatedAt"] as const;
      const updates = columns.filter((c) => c !== "platform" && c !== "externalId" && c !== "createdAt").map((c) => `"${c}" = excluded."${c}"`);
      const returned = await this.db.insertMany(tx, "posts", Post, columns, merged, `ON CONFLICT ("platform", "externalId") DO UPDATE SET ${updates.join(", ")} RETURNING "id", "platform", "externalId"`);
      const idByKey = new Map(returned.map((r) => [postKey(String(r.platform), String(r.externalId)), Number(r.id)]));
      const updatedIds = [...existing.values()].map((p) => p.id).sort((a, b) => a - b);
      await deleteWhereIn(tx, "post_hashtags", "postId", updatedIds);
      const tags = unique.flatMap((r) => r.hashtags.map((tag) => ({ postId: idByKey.get(postKey(r.platform, r.externalId))!, tag })));
      await this.db.insertMany(tx, "post_hashtags", PostHashtag, ["postId", "tag"], tags, `ON CONFLICT DO NOTHING`);
      return { created: unique.length - existing.size, ids: firstSeen.map((key) => idByKey.get(key)!) };
    });
    if (this.afterUpsert) await this.afterUpsert([...new Set(ids)]);
    const items = (await this.byIds(ids)).filter((p): p is Post => p !== undefined);
    return { created, updated: unique.length - created, merged: cleaned.length - unique.length, items };
  }

  /** Erasure: the posts a person authored, with their hashtags (interactions on them go first, see the registry order). */
  readonly eraser: Eraser = async (tx, { postIds }) => ({
    postHashtags: await deleteWhereIn(tx, "post_hashtags", "postId", postIds),
    posts: await deleteWhereIn(tx, "posts", "id", postIds),
  });
}

