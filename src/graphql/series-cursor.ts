import { BadUserInputError } from "./errors";
import { isStorableInt } from "./relay";

/**
 * Cursors of the flat time-series connections (`sentimentSeries`, `segmentSeries`): the position of a row,
 * (bucket, group key), and the query shape it belongs to (granularity, grouping), so that a cursor from a
 * DAY series cannot silently skip rows of a MONTH one.
 */
const bucketPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:00:00$/;

export function seriesCursor(connection: string, shape: readonly string[], bucket: string, key: string | number): string {
  return Buffer.from(JSON.stringify([connection, ...shape, bucket, key])).toString("base64url");
}

/** The (bucket, key) of `cursor`, or BAD_USER_INPUT on `after` naming what is wrong with it. */
export function readSeriesCursor<K extends "string" | "number">(
  cursor: string,
  connection: string,
  shape: readonly string[],
  keyType: K,
): { bucket: string; key: K extends "string" ? string : number } {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    v = null;
  }
  const n = shape.length;
  const key: unknown = Array.isArray(v) ? v[n + 2] : undefined;
  // A group key as the database holds it: a row id (an integer ≥ 1 in PostgreSQL's `integer`), or text without NUL.
  const keyOk = keyType === "number" ? isStorableInt(key, 1) : typeof key === "string" && !key.includes("\u0000");
  // A bucket that is a real time: "2026-99-05T00:00:00" matches the pattern but no bucket.
  const bucket: unknown = Array.isArray(v) ? v[n + 1] : undefined;
  const at = typeof bucket === "string" && bucketPattern.test(bucket) ? new Date(`${bucket}Z`) : undefined;
  const bucketOk = at !== undefined && !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 19) === bucket;
  if (!Array.isArray(v) || v.length !== n + 3 || v[0] !== connection || !bucketOk || !keyOk) {
    throw new BadUserInputError("after", `expected a cursor from ${connection}, found ${JSON.stringify(cursor)}`);
  }
  const theirs = v.slice(1, n + 1).map(String);
  if (theirs.some((s, i) => s !== shape[i])) {
    throw new BadUserInputError("after", `the cursor belongs to a ${connection} query by ${theirs.join(", ")}, not by ${shape.join(", ")}`);
  }
  return { bucket: v[n + 1] as string, key: v[n + 2] as K extends "string" ? string : number };
}
