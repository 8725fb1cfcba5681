import type { Database } from "../db/database";
import type { Loaders } from "./loaders";
import { BadUserInputError, NotFoundError } from "./errors";
import { decodeGlobalId } from "./relay";

/* Checks shared by the list filters (posts, users, interactions). */
/** `after` must come before `before` when both are given (an empty range is a mistake, not "no rows"). */
export function checkRange(after: Date | null | undefined, before: Date | null | undefined, beforeField: string, afterField: string): void {
  if (after && before && !(after < before)) {
    throw new BadUserInputError(beforeField, `expected a time after ${afterField} (${after.toISOString()}), found ${before.toISOString()}`);
  }
}

/** A filter's global ID must name a stored row: NOT_FOUND naming the filter field otherwise. */
export async function mustExist(db: Database, table: "users" | "posts", type: "User" | "Post", globalId: string, field: string): Promise<void> {
  const { id } = decodeGlobalId(globalId, field, type);
  const rows = await db.query(`SELECT 1 AS "one" FROM "${table}" WHERE "id" = ?`, [id]);
  if (rows.length === 0) throw new NotFoundError(type, globalId, field);
}

/**
 * `mustExist` for a nested list's filter (User.posts, Post.interactions, …): asked once per request and ID
 * however many parents the list is under.
 */
export async function mustExistInRequest(loaders: Loaders, db: Database, table: "users" | "posts", type: "User" | "Post", globalId: string, field: string): Promise<void> {
  const { id } = decodeGlobalId(globalId, field, type);
  const exists = await loaders
    .get<number, boolean>(`exists:${table}`, async (ids) => {
      const rows = await db.query<{ id: unknown }>(`SELECT "id" FROM "${table}" WHERE "id" IN (${ids.map(() => "?").join(", ")})`, ids);
      const found = new Set(rows.map((r) => Number(r.id)));
      return ids.map((i) => found.has(i));
    })
    .load(id);
  if (!exists) throw new NotFoundError(type, globalId, field);
}
