/** The earliest publication time a post can have (social platforms as we know them). */
export const earliest = new Date("2004-01-01T00:00:00Z");

/** Why a publication time (of a post, or a draft's planned one) is refused, or null: from 2004 to a year and a day ahead. */
export function publicationTimeProblem(at: Date, now = Date.now()): string | null {
  const latest = new Date(now + 366 * 86_400_000);
  return at < earliest || at > latest ? `expected a date between ${earliest.toISOString()} and ${latest.toISOString()}, found ${at.toISOString()}` : null;
}
