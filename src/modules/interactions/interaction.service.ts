import { dbErrorCode, lockRowsInOrder, type Database, type Row, type Tx } from "../../db/database";
import { BatchProblems, checkBatchSize, checkNumber, chunks } from "../../graphql/batch";
import { BadUserInputError, NotFoundError } from "../../graphql/errors";
import { checkRange } from "../../graphql/filters";
import { alignById, type Loaders } from "../../graphql/loaders";
import { countByParent, paginate, paginateByParent, Where, type ListSpec } from "../../graphql/pagination";
import { decodeGlobalId, type ConnectionArgs, type ConnectionValue } from "../../graphql/relay";
import { cleanText, normalizeHandle } from "../../nlp/text";
import { postCounters, type PostCounter } from "../posts/post.entity";
import { postKey, type PostService } from "../posts/post.service";
import type { Eraser } from "../users/erasure";
import type { Platform } from "../users/platform";
import { userKey, type UserService } from "../users/user.service";
import { counterOf, Interaction, interactionTypes, type InteractionType } from "./interaction.entity";
import type { InteractionFilter, InteractionInput, InteractionsArgs } from "./interaction.inputs";

export interface RecordResult {
  /** Rows in the batch. */
  received: number;
  /** Rows written now. */
  recorded: number;
  /** Rows already recorded before (same external id) or repeated in the batch. */
  duplicates: number;
  /** Posts whose counters moved. */
  postsUpdated: number;
}

interface CleanInteraction {
  externalId: string | null;
  userRef: { id?: number; handle?: string };
  postRef: { id?: number; externalId?: string };
  platform: Platform | null;
  type: InteractionType;
  value: number | null;
  text: string | null;
  occurredAt: Date;
}

type Deltas = Map<number, Record<PostCounter, number>>;

const earliest = new Date("2004-01-01T00:00:00Z");

export class InteractionService {
  /** Runs after every recorded batch has committed, with the external ids of the new rows that have a text (sentiment scoring). */
  afterRecord: ((externalIdsWithText: string[]) => Promise<void>) | null = null;

  constructor(
    private readonly db: Database,
    private readonly users: UserService,
    private readonly posts: PostService,
    private readonly maxBatch: number,
  ) {}

  byId(loaders: Loaders, id: number): Promise<Interaction | undefined> {
    return loaders.get<number, Interaction | undefined>("Interaction.byId", (ids) => this.byIds(ids)).load(id);
  }

  async byIds(ids: readonly number[]): Promise<Array<Interaction | undefined>> {
    const m = this.db.mapper(Interaction);
    const rows: Interaction[] = [];
    for (const slice of chunks(ids, 500)) {
      rows.push(...m.hydrateAll(await this.db.query<Row>(`SELECT ${m.select("i")} FROM "interactions" "i" WHERE "i"."id" IN (${slice.map(() => "?").join(", ")})`, slice)));
    }
    return alignById(ids, rows);
  }

  async getOrThrow(loaders: Loaders, globalId: string, field = "id"): Promise<Interaction> {
    const { id } = decodeGlobalId(globalId, field, "Interaction");
    const found = await this.byId(loaders, id);
    if (!found) throw new NotFoundError("Interaction", globalId, field);
    return found;
  }

  private where(given?: InteractionFilter | null): Where {
    const filter = given ?? {};
    const where = new Where();
    checkRange(filter.occurredAfter, filter.occurredBefore, "filter.occurredBefore", "filter.occurredAfter");
    if (filter.types && filter.types.length === 0) throw new BadUserInputError("filter.types", "expected at least one interaction type (leave types out for all of them), found none");
    if (filter.types?.length) where.in(`"i"."type"`, filter.types);
    if (filter.userId) where.add(`"i"."userId" = ?`, decodeGlobalId(filter.userId, "filter.userId", "User").id);
    if (filter.postId) where.add(`"i"."postId" = ?`, decodeGlobalId(filter.postId, "filter.postId", "Post").id);
    if (filter.platform) where.add(`EXISTS (SELECT 1 FROM "posts" "p" WHERE "p"."id" = "i"."postId" AND "p"."platform" = ?)`, filter.platform);
    if (filter.occurredAfter) where.add(`"i"."occurredAt" >= ?`, filter.occurredAfter);
    if (filter.occurredBefore) where.add(`"i"."occurredAt" < ?`, filter.occurredBefore);
    return where;
  }

  private spec(args: InteractionsArgs): ListSpec<Interaction> {
    return {
      mapper: this.db.mapper(Interaction),
      from: `"interactions" "i"`,
      alias: "i",
      where: this.where(args.filter),
      sort: { key: "occurredAt", column: `"i"."occurredAt"`, property: "occurredAt", kind: "date", direction: args.orderBy?.direction ?? "DESC" },
    };
  }

  async list(loaders: Loaders, args: InteractionsArgs): Promise<ConnectionValue<Interaction>> {
    const spec = this.spec(args);
    await this.checkFilterIds(loaders, args);
    return paginate(this.db, spec, args);
  }

  /** An unknown ID in the filter is NOT_FOUND naming its field (batched and cached per request by byId). */
  private async checkFilterIds(loaders: Loaders, args: InteractionsArgs): Promise<void> {
    if (args.filter?.userId) await this.users.getOrThrow(loaders, args.filter.userId, "filter.userId");
    if (args.filter?.postId) await this.posts.getOrThrow(loaders, args.filter.postId, "filter.postId");
  }

  /** The interactions of a post (or of a user), batched over every parent of the request. */
  async ofParent(loaders: Loaders, parent: "postId" | "userId", parentId: number, args: InteractionsArgs): Promise<ConnectionValue<Interaction>> {
    await this.checkFilterIds(loaders, args);
    const spec = this.spec(args);
    const column = `"i"."${parent}"`;
    const counts = loaders.get<number, number>(`Interactions.${parent}.count:${JSON.stringify(args.filter ?? {})}`, (ids) =>
      countByParent(this.db, spec.from, spec.where, column, ids),
    );
    return loaders
      .get<number, ConnectionValue<Interaction>>(`Interactions.${parent}:${JSON.stringify(args)}`, async (ids) => {
        const pages = await paginateByParent(this.db, spec, column, parent, ids, args as ConnectionArgs, (id) => counts.load(id));
        return ids.map((id) => pages.get(id)!);
      })
      .load(parentId);
  }

  private clean(rows: readonly InteractionInput[], problems: BatchProblems): CleanInteraction[] {
    const maxDate = new Date(Date.now() + 86_400_000);
    return rows.map((r, i) => {
      const row: CleanInteraction = {
        externalId: null,
        userRef: {},
        postRef: {},
        platform: r.platform ?? null,
        type: r.type,
        value: null,
        text: null,
        occurredAt: r.occurredAt,
      };
      if (r.externalId != null) {
        const ext = cleanText(r.externalId);
        // An id is a key: cleaning would make "a\u0000b" the same event as "a b".
        if (/\p{Cc}/u.test(r.externalId)) problems.add(i, "externalId", "expected an id without control characters");
        else if (ext.length < 1 || ext.length > 128) problems.add(i, "externalId", `expected 1–128 characters, found ${ext.length}`);
        row.externalId = ext;
      }
      if ((r.userId == null) === (r.userHandle == null)) {
        problems.add(i, r.userId == null ? "userHandle" : "userId", "expected exactly one of userId and userHandle");
      } else if (r.userId != null) {
        try {
          row.userRef.id = decodeGlobalId(r.userId, "userId", "User").id;
        } catch (e) {
          problems.add(i, "userId", (e as Error).message.replace(/^userId: /, ""));
        }
      } else {
        row.userRef.handle = normalizeHandle(r.userHandle!);
        if (!r.platform) problems.add(i, "platform", "expected a platform with userHandle");
      }
      if ((r.postId == null) === (r.postExternalId == null)) {
        problems.add(i, r.postId == null ? "postExternalId" : "postId", "expected exactly one of postId and postExternalId");
      } else if (r.postId != null) {
        try {
          row.postRef.id = decodeGlobalId(r.postId, "postId", "Post").id;
        } catch (e) {
          problems.add(i, "postId", (e as Error).message.replace(/^postId: /, ""));
        }
      } else {
        row.postRef.externalId = cleanText(r.postExternalId!);
        if (!r.platform) problems.add(i, "platform", "expected a platform with postExternalId");
      }
      if (!interactionTypes.includes(r.type)) problems.add(i, "type", `expected one of ${interactionTypes.join(", ")}, found ${JSON.stringify(r.type)}`);
      if (r.value != null) {
        // A conversion's value is what was paid: never below zero (a refund is not a purchase).
        const msg = r.type === "CONVERSION" ? checkNumber(r.value, 0, 1e9) : checkNumber(r.value, -1e9, 1e9);
        if (msg) problems.add(i, "value", r.type === "CONVERSION" ? `${msg} (a CONVERSION's value is the amount paid)` : msg);
        row.value = r.value;
      }
      if (r.text != null) {
        const text = cleanText(r.text);
        if (text.length > 10_000) problems.add(i, "text", `expected at most 10000 characters (UTF-16 units: most emoji count 2), found ${text.length}`);
        row.text = text || null;
      }
      const at = r.occurredAt;
      if (!(at instanceof Date) || Number.isNaN(at.getTime())) problems.add(i, "occurredAt", "expected a date-time");
      else if (at < earliest || at > maxDate) {
        problems.add(i, "occurredAt", `expected a date between ${earliest.toISOString()} and ${maxDate.toISOString()}, found ${at.toISOString()}`);
      }
      return row;
    });
  }

  /** Resolves every reference of the batch with a handful of IN queries; an unknown one is a row problem. */
  private async resolve(rows: CleanInteraction[], problems: BatchProblems): Promise<Array<{ userId: number; postId: number }>> {
    const userIds = await this.posts.platformsOf("users", rows.flatMap((r) => (r.userRef.id === undefined ? [] : [r.userRef.id])));
    const postIds = await this.posts.platformsOf("posts", rows.flatMap((r) => (r.postRef.id === undefined ? [] : [r.postRef.id])));
    const handles = await this.users.idsByHandles(rows.flatMap((r) => (r.userRef.handle && r.platform ? [{ platform: r.platform, handle: r.userRef.handle }] : [])));
    const externals = await this.posts.idsByExternalIds(
      rows.flatMap((r) => (r.postRef.externalId && r.platform ? [{ platform: r.platform, externalId: r.postRef.externalId }] : [])),
    );
    return rows.map((r, i) => {
      let userId = 0;
      let postId = 0;
      if (r.userRef.id !== undefined) {
        if (userIds.has(r.userRef.id)) userId = r.userRef.id;
        else problems.add(i, "userId", "no such User");
      } else if (r.userRef.handle && r.platform) {
        userId = handles.get(userKey(r.platform, r.userRef.handle)) ?? 0;
        if (!userId) problems.add(i, "userHandle", `no User @${r.userRef.handle} on ${r.platform}`);
      }
      if (r.postRef.id !== undefined) {
        if (postIds.has(r.postRef.id)) postId = r.postRef.id;
        else problems.add(i, "postId", "no such Post");
      } else if (r.postRef.externalId && r.platform) {
        postId = externals.get(postKey(r.platform, r.postRef.externalId)) ?? 0;
        if (!postId) problems.add(i, "postExternalId", `no Post ${JSON.stringify(r.postRef.externalId)} on ${r.platform}`);
      }
      // A platform's post is seen by accounts on that platform: a person elsewhere is another account.
      const userPlatform = r.userRef.id !== undefined ? userIds.get(r.userRef.id) : r.platform;
      const postPlatform = r.postRef.id !== undefined ? postIds.get(r.postRef.id) : r.platform;
      if (userId && postId && userPlatform && postPlatform && userPlatform !== postPlatform) {
        problems.add(i, r.userRef.id !== undefined ? "userId" : "userHandle", `expected a User on ${postPlatform} (the post's platform), found one on ${userPlatform}`);
      }
      return { userId, postId };
    });
  }

  /**
   * Records a batch of interactions, all or nothing: validated and resolved first (a bad row rejects
   * the batch with its index and field), then inserted once per external id (a repeat is a no-op) and
   * the posts' counters moved by exactly what was inserted.
   */
  async record(input: readonly InteractionInput[]): Promise<RecordResult> {
    checkBatchSize("interactions", input, this.maxBatch);
    // Every check runs on every row before the batch is refused, so one answer lists all of its problems
    // (a malformed row, an unknown reference, a time before the post) instead of one kind per attempt.
    const checked = new BatchProblems("interactions");
    const cleaned = this.clean(input, checked);
    const withText: string[] = [];
    const result = await this.db.write(async (tx) => {
      withText.length = 0;
      return this.recordIn(tx, input, cleaned, checked, withText);
    }).catch((error: unknown) => {
      // Resolved, then erased by a concurrent deleteUser before the insert: refused like an unknown reference.
      if (isForeignKeyViolation(error)) throw new BadUserInputError("interactions", "a person or post of the batch was erased while it was being recorded; nothing was recorded");
      throw error;
    });
    if (this.afterRecord && withText.length > 0) await this.afterRecord(withText);
    return result;
  }

  /** The batch's write unit: resolve, check times, insert once per key, move the counters (`withText` collects the texts to score). */
  private async recordIn(tx: Tx, input: readonly InteractionInput[], cleaned: ReturnType<InteractionService["clean"]>, checked: BatchProblems, withText: string[]): Promise<RecordResult> {
    const problems = checked.copy();
    const refs = await this.resolve(cleaned, problems);
    // Nobody can view, like or comment on a post before it is published.
    const published = await this.posts.publishedAt(refs.map((r) => r.postId));
    cleaned.forEach((r, i) => {
      const at = published.get(refs[i].postId);
      if (at && r.occurredAt < at && !problems.has(i, "occurredAt")) problems.add(i, "occurredAt", `expected a time at or after the post's publication (${at.toISOString()}), found ${r.occurredAt.toISOString()}`);
    });
    problems.throwIfAny();
    const now = new Date();
    const seen = new Set<string>();
    const rows: Array<Partial<Interaction>> = [];
    cleaned.forEach((r, i) => {
      const { userId, postId } = refs[i];
      const externalId = r.externalId ?? `auto:${userId}:${postId}:${r.type}:${r.occurredAt.getTime()}`;
      if (seen.has(`${postId}\u0000${externalId}`)) return;
      seen.add(`${postId}\u0000${externalId}`);
      rows.push({ userId, postId, type: r.type, value: r.value, text: r.text, occurredAt: r.occurredAt, externalId, createdAt: now });
    });
    // The people, then the posts (as applyDeltas would lock them later): a concurrent batch on the same posts
    // waits here, so the people it finds already reached include this batch's, and reach counts each once; an
    // erasure of one of the people waits for this batch, or this batch for it (and then finds the person gone).
    await lockRowsInOrder(this.db, tx, "users", rows.map((r) => r.userId!), "FOR KEY SHARE");
    await this.lockPosts(tx, [...new Set(rows.map((r) => r.postId!))]);
    const reached = await this.existingPairs(tx, rows as Array<{ postId: number; userId: number }>);
    const inserted = await this.db.insertIgnoringConflicts(
      tx,
      "interactions",
      Interaction,
      ["userId", "postId", "type", "value", "text", "occurredAt", "externalId", "createdAt"],
      rows,
      ["postId", "externalId"],
    );
    const deltas: Deltas = new Map();
    let recorded = 0;
    rows.forEach((r, i) => {
      if (!inserted[i]) return;
      recorded += 1;
      if (r.text != null) withText.push(r.externalId!);
      const d = deltaOf(deltas, r.postId!);
      d[counterOf[r.type!]] += 1;
      const pair = `${r.postId}:${r.userId}`;
      if (!reached.has(pair)) {
        reached.add(pair);
        d.reach += 1;
      }
    });
    await this.applyDeltas(tx, deltas, 1);
    return { received: input.length, recorded, duplicates: input.length - recorded, postsUpdated: deltas.size };
  }

  /** The (post, user) pairs of these rows that already had an interaction: their reach is already counted. */
  private async existingPairs(tx: Tx, rows: ReadonlyArray<{ postId: number; userId: number }>): Promise<Set<string>> {
    const pairs = [...new Set(rows.map((r) => `${r.postId}:${r.userId}`))].map((p) => p.split(":").map(Number));
    const out = new Set<string>();
    for (const slice of chunks(pairs, 400)) {
      const values = slice.map(() => "(CAST(? AS INTEGER), CAST(? AS INTEGER))").join(", ");
      const found = await tx.query<{ p: number; u: number }>(
        `WITH "v"("p", "u") AS (VALUES ${values}) SELECT "p", "u" FROM "v" WHERE EXISTS ` +
          `(SELECT 1 FROM "interactions" "i" WHERE "i"."postId" = "v"."p" AND "i"."userId" = "v"."u")`,
        slice.flat(),
      );
      for (const f of found) out.add(`${Number(f.p)}:${Number(f.u)}`);
    }
    return out;
  }

  /**
   * Locks posts' rows in id order (PostgreSQL). UPDATE … FROM locks rows in its plan's order, not ours: two batches
   * sharing posts would deadlock ("while rechecking updated tuple"); taking the same row locks first serialises them.
   */
  private async lockPosts(tx: Tx, ids: readonly number[]): Promise<void> {
    await lockRowsInOrder(this.db, tx, "posts", ids);
  }

  /** Adds (sign 1) or removes (sign -1) counter deltas, one UPDATE … FROM per chunk of posts; never below zero. */
  private async applyDeltas(tx: Tx, deltas: Deltas, sign: 1 | -1): Promise<void> {
    // Posts in id order in every transaction: concurrent batches then queue on a row instead of deadlocking.
    const entries = [...deltas.entries()].sort((a, b) => a[0] - b[0]);
    const cols = postCounters;
    const cast = `(${["id", ...cols].map(() => "CAST(? AS INTEGER)").join(", ")})`;
    const max = this.db.dialect === "postgres" ? "GREATEST" : "MAX";
    const set = cols.map((c) => `"${c}" = ${max}(0, "posts"."${c}" + "d"."${c}")`).join(", ");
    await this.lockPosts(tx, entries.map(([id]) => id));
    for (const slice of chunks(entries, 300)) {
      const params = slice.flatMap(([id, d]) => [id, ...cols.map((c) => sign * d[c])]);
      await tx.execute(
        `WITH "d"("id", ${cols.map((c) => `"${c}"`).join(", ")}) AS (VALUES ${slice.map(() => cast).join(", ")}) ` +
          `UPDATE "posts" SET ${set} FROM "d" WHERE "posts"."id" = "d"."id"`,
        params,
      );
    }
  }

  /**
   * Erasure: the person's interactions leave the counters of the posts they touched (each touched post
   * also loses one of reach), then go; interactions on the person's own posts go with those posts.
   */
  readonly eraser: Eraser = async (tx, { userId, postIds }) => {
    const own = new Set(postIds);
    const rows = await tx.query<{ postId: number; type: InteractionType; n: number | string }>(
      `SELECT "postId", "type", COUNT(*) AS "n" FROM "interactions" WHERE "userId" = ? GROUP BY "postId", "type"`,
      [userId],
    );
    const deltas: Deltas = new Map();
    for (const r of rows) {
      const postId = Number(r.postId);
      if (own.has(postId)) continue;
      const d = deltaOf(deltas, postId);
      d[counterOf[r.type]] += Number(r.n);
      d.reach = 1;
    }
    await this.applyDeltas(tx, deltas, -1);
    let onOwnPosts = 0;
    for (const slice of chunks(postIds, 500)) {
      onOwnPosts += await tx.execute(`DELETE FROM "interactions" WHERE "postId" IN (${slice.map(() => "?").join(", ")})`, slice);
    }
    const byUser = await tx.execute(`DELETE FROM "interactions" WHERE "userId" = ?`, [userId]);
    return { interactions: byUser + onOwnPosts, postsCorrected: deltas.size };
  };
}

function deltaOf(deltas: Deltas, postId: number): Record<PostCounter, number> {
  let d = deltas.get(postId);
  if (!d) {
    d = Object.fromEntries(postCounters.map((c) => [c, 0])) as Record<PostCounter, number>;
    deltas.set(postId, d);
  }
  return d;
}

/** A foreign-key violation: PostgreSQL's SQLSTATE 23503, SQLite's SQLITE_CONSTRAINT_FOREIGNKEY. */
function isForeignKeyViolation(error: unknown): boolean {
  const code = dbErrorCode(error);
  return code === "23503" || code === "SQLITE_CONSTRAINT_FOREIGNKEY";
}
