import { LockNamespace, lockStillStored, type Database, type Row } from "../../db/database";
import { BatchProblems, checkBatchSize, checkNumber, chunks } from "../../graphql/batch";
import { filterText, NotFoundError } from "../../graphql/errors";
import { checkRange } from "../../graphql/filters";
import { alignById, type Loaders } from "../../graphql/loaders";
import { paginate, Where, type SortSpec } from "../../graphql/pagination";
import { decodeGlobalId, type ConnectionArgs, type ConnectionValue } from "../../graphql/relay";
import { cleanText, normalizeHandle } from "../../nlp/text";
import type { ErasureRegistry } from "./erasure";
import { platforms, type Platform } from "./platform";
import { mergeAttributes, typedAttributes } from "./user-attributes";
import { User, type UserAttributes } from "./user.entity";
import { UserOrderField, type UserFilter, type UserInput, type UserOrder } from "./user.inputs";

export interface UpsertResult<T> {
  created: number;
  updated: number;
  /** Rows of the batch that named the same key as an earlier row (merged into it). */
  merged: number;
  items: T[];
}

export interface DeleteUserResult {
  deletedUserId: string;
  removed: Array<{ what: string; count: number }>;
}

type CleanUser = { platform: Platform; handle: string } & Partial<Pick<User, "displayName" | "followers" | "isBrand" | "attributes">>;

const handlePattern = /^[a-z0-9_.\-]{1,100}$/;
const attributeStrings = typedAttributes.filter((k): k is Exclude<(typeof typedAttributes)[number], "age"> => k !== "age");

const regionNames = new Intl.DisplayNames(["en"], { type: "region" });
const languageNames = new Intl.DisplayNames(["en"], { type: "language" });

/** A country must be an ISO 3166-1 alpha-2 code and a language an ISO 639-1 code that ICU knows (stored upper-case). */
function checkCode(key: "country" | "language", value: string): string | undefined {
  const code = value.toUpperCase();
  const what = key === "country" ? "an ISO 3166-1 alpha-2 country code (e.g. GB)" : "an ISO 639-1 language code (e.g. en)";
  if (!/^[A-Z]{2}$/.test(code)) return `expected ${what}, found ${JSON.stringify(value)}`;
  const name = key === "country" ? regionNames.of(code) : languageNames.of(code.toLowerCase());
  if (!name || name === code || name.toUpperCase() === code || name === "Unknown Region") return `expected ${what}, found ${JSON.stringify(value)}, which is not one`;
  return undefined;
}

const sorts: Record<UserOrderField, Omit<SortSpec, "direction">> = {
  CREATED_AT: { key: "createdAt", column: `"u"."createdAt"`, property: "createdAt", kind: "date" },
  FOLLOWERS: { key: "followers", column: `"u"."followers"`, property: "followers", kind: "number" },
};

export const userKey = (platform: string, handle: string) => `${platform}\u0000${handle}`;

export class UserService {
  constructor(
    private readonly db: Database,
    private readonly erasure: ErasureRegistry,
    private readonly maxBatch: number,
  ) {}

  /** Users by database id, batched per request. */
  byId(loaders: Loaders, id: number): Promise<User | undefined> {
    return loaders.get<number, User | undefined>("User.byId", (ids) => this.byIds(ids)).load(id);
  }

  async byIds(ids: readonly number[]): Promise<Array<User | undefined>> {
    const m = this.db.mapper(User);
    const rows: User[] = [];
    for (const slice of chunks(ids, 500)) {
      rows.push(...m.hydrateAll(await this.db.query<Row>(`SELECT ${m.select("u")} FROM "users" "u" WHERE "u"."id" IN (${slice.map(() => "?").join(", ")})`, slice)));
    }
    return alignById(ids, rows);
  }

  /** Look up by global ID or throw NOT_FOUND. */
  async getOrThrow(loaders: Loaders, globalId: string, field = "id"): Promise<User> {
    const { id } = decodeGlobalId(globalId, field, "User");
    const user = await this.byId(loaders, id);
    if (!user) throw new NotFoundError("User", globalId, field);
    return user;
  }

  async byHandle(platform: Platform, handle: string): Promise<User | undefined> {
    const m = this.db.mapper(User);
    const [row] = await this.db.query<Row>(`SELECT ${m.select("u")} FROM "users" "u" WHERE "u"."platform" = ? AND "u"."handle" = ?`, [
      platform,
      normalizeHandle(handle),
    ]);
    return row ? m.hydrate(row) : undefined;
  }

  /** Ids of existing accounts by (platform, handle) key; used to resolve references in batches. */
  async idsByHandles(keys: ReadonlyArray<{ platform: Platform; handle: string }>): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const byPlatform = new Map<Platform, string[]>();
    for (const k of keys) {
      const list = byPlatform.get(k.platform) ?? [];
      list.push(k.handle);
      byPlatform.set(k.platform, list);
    }
    for (const [platform, handles] of byPlatform) {
      for (const slice of chunks([...new Set(handles)], 500)) {
        const rows = await this.db.query<{ id: number; handle: string }>(
          `SELECT "id", "handle" FROM "users" WHERE "platform" = ? AND "handle" IN (${slice.map(() => "?").join(", ")})`,
          [platform, ...slice],
        );
        for (const r of rows) out.set(userKey(platform, r.handle), Number(r.id));
      }
    }
    return out;
  }

  /** People matching an extra condition on `"u"` (e.g. a segment's members), newest first. */
  listWhere(args: ConnectionArgs, where: Where): Promise<ConnectionValue<User>> {
    return paginate(this.db, { mapper: this.db.mapper(User), from: `"users" "u"`, alias: "u", where, sort: { ...sorts[UserOrderField.CREATED_AT], direction: "DESC" } }, args);
  }

  list(args: ConnectionArgs, given?: UserFilter | null, orderBy?: UserOrder | null): Promise<ConnectionValue<User>> {
    const filter = given ?? {};
    checkRange(filter.createdAfter, filter.createdBefore, "filter.createdBefore", "filter.createdAfter");
    const where = new Where();
    if (filter.platform) where.add(`"u"."platform" = ?`, filter.platform);
    if (filter.isBrand != null) where.add(`"u"."isBrand" = ?`, filter.isBrand);
    const handle = filterText(filter.handle, "filter.handle", normalizeHandle);
    if (handle !== null) where.add(`"u"."handle" = ?`, handle);
    if (filter.createdAfter) where.add(`"u"."createdAt" >= ?`, filter.createdAfter);
    if (filter.createdBefore) where.add(`"u"."createdAt" < ?`, filter.createdBefore);
    const sort = sorts[orderBy?.field ?? UserOrderField.CREATED_AT];
    return paginate(this.db, { mapper: this.db.mapper(User), from: `"users" "u"`, alias: "u", where, sort: { ...sort, direction: orderBy?.direction ?? "DESC" } }, args);
  }

  /** Validates and cleans a batch; any problem rejects the whole batch before anything is written. */
  private clean(rows: readonly UserInput[]): CleanUser[] {
    checkBatchSize("users", rows, this.maxBatch);
    const problems = new BatchProblems("users");
    const out: CleanUser[] = [];
    rows.forEach((r, i) => {
      const handle = normalizeHandle(r.handle ?? "");
      if (!handlePattern.test(handle)) problems.add(i, "handle", `expected 1–100 letters, digits, _ . or -, found ${JSON.stringify(r.handle)}`);
      if (!platforms.includes(r.platform)) problems.add(i, "platform", `expected one of ${platforms.join(", ")}, found ${JSON.stringify(r.platform)}`);
      const row: CleanUser = { platform: r.platform, handle };
      if (r.displayName !== undefined) {
        const name = r.displayName === null ? null : cleanText(r.displayName);
        if (name !== null && name.length > 200) problems.add(i, "displayName", `expected at most 200 characters, found ${name.length}`);
        row.displayName = name || null;
      }
      if (r.followers != null) {
        const msg = checkNumber(r.followers, 0, 2_000_000_000, true);
        if (msg) problems.add(i, "followers", msg);
        row.followers = r.followers;
      }
      if (r.isBrand != null) row.isBrand = r.isBrand;
      if (r.attributes !== undefined) row.attributes = r.attributes === null ? null : this.cleanAttributes(r.attributes, i, problems);
      out.push(row);
    });
    problems.throwIfAny();
    return out;
  }

  /** Cleans the attributes a row sends; a null (or blank) one stays null, which clears it (see mergeAttributes). */
  private cleanAttributes(a: UserAttributes, i: number, problems: BatchProblems): UserAttributes {
    const out: UserAttributes = {};
    if (a.age != null) {
      const msg = checkNumber(a.age, 13, 120, true);
      if (msg) problems.add(i, "attributes.age", msg);
      out.age = a.age;
    } else if (a.age === null) out.age = null;
    for (const key of attributeStrings) {
      const v = a[key];
      if (v === undefined) continue;
      const s = v === null ? "" : cleanText(v);
      if (s.length > 200) problems.add(i, `attributes.${key}`, `expected at most 200 characters, found ${s.length}`);
      else if (s && (key === "country" || key === "language")) {
        const msg = checkCode(key, s);
        if (msg) problems.add(i, `attributes.${key}`, msg);
      }
      out[key] = !s ? null : key === "country" || key === "language" ? s.toUpperCase() : s;
    }
    if (a.extra !== undefined) out.extra = a.extra;
    return out;
  }

  /** Creates or updates accounts by (platform, handle), all or nothing. */
  async upsert(input: readonly UserInput[]): Promise<UpsertResult<User>> {
    const cleaned = this.clean(input);
    // Rows naming the same account merge: later fields win, and attribute updates apply in order.
    const byKey = new Map<string, CleanUser & { updates: Array<UserAttributes | null> }>();
    for (const { attributes, ...row } of cleaned) {
      const key = userKey(row.platform, row.handle);
      const earlier = byKey.get(key);
      byKey.set(key, { ...earlier, ...row, updates: [...(earlier?.updates ?? []), ...(attributes !== undefined ? [attributes] : [])] });
    }
    // Key order: concurrent upserts of overlapping accounts then wait for each other instead of deadlocking.
    const unique = [...byKey.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, row]) => row);
    const firstSeen = [...byKey.keys()];
    const now = new Date();
    const { created, ids } = await this.db.write(async (tx) => {
      // Concurrent upserts of one account wait for each other here: each merges into what the other wrote.
      await tx.lockKeys(LockNamespace.users, byKey.keys());
      const existing = new Map<string, User>();
      const m = this.db.mapper(User);
      for (const slice of chunks(unique, 400)) {
        const where = slice.map(() => `("u"."platform" = ? AND "u"."handle" = ?)`).join(" OR ");
        const rows = await tx.query<Row>(`SELECT ${m.select("u")} FROM "users" "u" WHERE ${where}`, slice.flatMap((r) => [r.platform, r.handle]));
        for (const u of m.hydrateAll(rows)) existing.set(userKey(u.platform, u.handle), u);
      }
      const merged = unique.map((row) => {
        const old = existing.get(userKey(row.platform, row.handle));
        return {
          platform: row.platform,
          handle: row.handle,
          displayName: row.displayName !== undefined ? row.displayName : (old?.displayName ?? null),
          followers: row.followers ?? old?.followers ?? 0,
          isBrand: row.isBrand ?? old?.isBrand ?? false,
          // Attribute by attribute: what the rows leave out keeps its stored value, an explicit null clears it.
          attributes: row.updates.reduce(mergeAttributes, old?.attributes ?? null),
          createdAt: old?.createdAt ?? now,
          updatedAt: now,
        };
      });
      const returned = await this.db.insertMany(
        tx,
        "users",
        User,
        ["platform", "handle", "displayName", "followers", "isBrand", "attributes", "createdAt", "updatedAt"],
        merged,
        `ON CONFLICT ("platform", "handle") DO UPDATE SET "displayName" = excluded."displayName", "followers" = excluded."followers", ` +
          `"isBrand" = excluded."isBrand", "attributes" = excluded."attributes", "updatedAt" = excluded."updatedAt" RETURNING "id", "platform", "handle"`,
      );
      const idByKey = new Map(returned.map((r) => [userKey(String(r.platform), String(r.handle)), Number(r.id)]));
      return { created: unique.length - existing.size, ids: firstSeen.map((key) => idByKey.get(key)!) };
    });
    const items = (await this.byIds(ids)).filter((u): u is User => u !== undefined);
    return { created, updated: unique.length - created, merged: cleaned.length - unique.length, items };
  }

  /** Called after an erasure committed (wired by the composition root: in-memory models forget the person). */
  afterErase: (() => void) | null = null;

  /**
   * Privacy erasure: the account, everything it did, everything it authored and everything derived
   * from any of it, in one transaction. Every module registered its part in the ErasureRegistry.
   */
  async delete(loaders: Loaders, globalId: string): Promise<DeleteUserResult> {
    const user = await this.getOrThrow(loaders, globalId);
    const removed = await this.db.write(async (tx) => {
      // PostgreSQL: the person's row first. A batch recording their interactions (or a post of theirs) holds a
      // share lock on it until it commits, so the erasure waits for it and then counts its rows; one that starts
      // later waits for the erasure and finds the person gone. Otherwise the counters lose track of rows
      // recorded between the erasure's read and its delete.
      // Read again inside the unit: a concurrent erasure of the same person may have committed since the lookup.
      if (!(await lockStillStored(this.db, tx, "users", [user.id], "FOR UPDATE")).has(user.id)) throw new NotFoundError("User", globalId);
      const postIds = (await tx.query<{ id: number }>(`SELECT "id" FROM "posts" WHERE "authorId" = ?`, [user.id])).map((r) => Number(r.id));
      const receipt = await this.erasure.eraseAll(tx, { userId: user.id, postIds });
      receipt.users = await tx.execute(`DELETE FROM "users" WHERE "id" = ?`, [user.id]);
      return receipt;
    });
    this.afterErase?.();
    return { deletedUserId: globalId, removed: Object.entries(removed).map(([what, count]) => ({ what, count })) };
  }
}
