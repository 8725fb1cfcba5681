import type { UserAttributes } from "./user.entity";

/** The typed attributes besides `extra`. */
export const typedAttributes = ["age", "gender", "job", "maritalStatus", "education", "location", "country", "language"] as const;

/**
 * A person's attributes after an update (`upsertUsers`): a typed attribute the update leaves out keeps its
 * stored value and one it sets to null is cleared; `extra` is merged key by key (a key the update sets
 * replaces the stored one, null included — an importer's "unknown" column stays a null column, as the
 * feature tables read it), and `extra: null` clears all of it; `attributes: null` clears everything, and
 * an update without `attributes` changes nothing. Attributes with nothing left are null. Pure: neither
 * argument is changed.
 */
export function mergeAttributes(stored: UserAttributes | null, update: UserAttributes | null | undefined): UserAttributes | null {
  if (update === undefined) return stored;
  if (update === null) return null;
  const out: Record<string, unknown> = { ...stored };
  for (const key of typedAttributes) {
    const value = update[key];
    if (value === null) delete out[key];
    else if (value !== undefined) out[key] = value;
  }
  if (update.extra === null) delete out.extra;
  else if (update.extra !== undefined) {
    const extra = { ...stored?.extra, ...update.extra };
    if (Object.keys(extra).length > 0) out.extra = extra;
    else delete out.extra;
  }
  return Object.keys(out).length > 0 ? (out as UserAttributes) : null;
}
