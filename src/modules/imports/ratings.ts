import { textLines, type ImportProblem, type Parsed } from "./facebook";

/** MovieTweetings rates 0–10. */
export const maxRating = 10;

/**
 * Pure parsing of ratings in the MovieTweetings `::` layout (`user_id::item_id::rating::unix_timestamp`,
 * no header) and of its catalogue (`movie_id::Title (Year)::Genre|Genre`), plus the pure mapping of a
 * parsed row to the names the import writes (handles, ids, post text). Nothing here touches the database.
 */

/** Defaults of the ratings import, in one place. */
export const defaultRatingsNames = {
  /** A person's handle is this prefix + the source's user id. */
  handlePrefix: "mt_",
  /** The catalogue's author (the brand account every item post belongs to). */
  brandHandle: "movietweetings",
  brandName: "MovieTweetings",
  /** Interaction ids: `mt:<user>:<item>:<timestamp>`. */
  interactionPrefix: "mt:",
} as const;

export interface RatingRow {
  line: number;
  /** The source's user id, lower-cased (ids are compared case-insensitively, like handles). */
  user: string;
  /** The item id as written (IMDb ids keep their leading zeros). */
  item: string;
  rating: number;
  /** Seconds since 1970-01-01 UTC. */
  timestamp: number;
}

export interface MovieRow {
  line: number;
  id: string;
  /** The title as written, year included: "The Bank (1915)". */
  title: string;
  /** The year in the title's trailing "(YYYY)", when there is one. */
  year?: number;
  /** As written, in order: ["Comedy", "Short"]; empty when the field is. */
  genres: string[];
}

/** An id usable in a handle and an external id: 1–90 letters, digits, `_`, `.` or `-`. */
const idPattern = /^[A-Za-z0-9_.-]{1,90}$/;

function checkId(raw: string, what: string): string | undefined {
  return idPattern.test(raw) ? undefined : `expected a ${what} of 1–90 letters, digits, _ . or -, found ${JSON.stringify(raw)}`;
}

/**
 * Parses a ratings file. A line needs exactly four `::`-separated fields: a user id, an item id, a
 * finite number and a whole number of seconds; a line that breaks this is reported with its number
 * and the field (user_id, item_id, rating, timestamp) and left out.
 */
export function parseRatings(text: string): Parsed<RatingRow> {
  const rows: RatingRow[] = [];
  const problems: ImportProblem[] = [];
  const lines = textLines(text);
  for (const { line, text: lineText } of lines) {
    const fields = lineText.split("::").map((f) => f.trim());
    if (fields.length !== 4) {
      problems.push({ line, message: `expected 4 fields user_id::item_id::rating::unix_timestamp, found ${fields.length}` });
      continue;
    }
    const [user, item, ratingRaw, tsRaw] = fields;
    const before = problems.length;
    const userProblem = checkId(user, "user id");
    if (userProblem) problems.push({ line, column: "user_id", message: userProblem });
    const itemProblem = checkId(item, "item id");
    if (itemProblem) problems.push({ line, column: "item_id", message: itemProblem });
    const rating = ratingRaw === "" ? NaN : Number(ratingRaw);
    if (!Number.isFinite(rating) || rating < 0 || rating > maxRating) problems.push({ line, column: "rating", message: `expected a number from 0 to ${maxRating}, found ${JSON.stringify(ratingRaw)}` });
    const timestamp = /^\d{1,12}$/.test(tsRaw) ? Number(tsRaw) : NaN;
    if (Number.isNaN(timestamp)) problems.push({ line, column: "timestamp", message: `expected a unix time in whole seconds, found ${JSON.stringify(tsRaw)}` });
    if (problems.length > before) continue;
    rows.push({ line, user: user.toLowerCase(), item, rating, timestamp });
  }
  return { rows, problems, linesRead: lines.length };
}

/**
 * Parses a catalogue file (`movies.dat`). The genre field may be empty or absent; an id must be valid
 * and the title non-empty; a repeated id is reported and the first one kept.
 */
export function parseMovies(text: string): Parsed<MovieRow> {
  const rows: MovieRow[] = [];
  const problems: ImportProblem[] = [];
  const firstLine = new Map<string, number>();
  const lines = textLines(text);
  for (const { line, text: lineText } of lines) {
    const fields = lineText.split("::");
    if (fields.length < 2) {
      problems.push({ line, message: `expected movie_id::Title (Year)::Genre|Genre, found ${fields.length} field` });
      continue;
    }
    const id = fields[0].trim();
    // A title could hold "::" itself; the genres are always the last field.
    const title = (fields.length === 2 ? fields[1] : fields.slice(1, -1).join("::")).trim();
    const genreField = fields.length === 2 ? "" : fields[fields.length - 1];
    const idProblem = checkId(id, "movie id");
    if (idProblem) {
      problems.push({ line, column: "movie_id", message: idProblem });
      continue;
    }
    if (title === "") {
      problems.push({ line, column: "title", message: "expected a title, found an empty field" });
      continue;
    }
    const seen = firstLine.get(id);
    if (seen !== undefined) {
      problems.push({ line, column: "movie_id", message: `expected each movie id once, found ${id} again (first on line ${seen})` });
      continue;
    }
    firstLine.set(id, line);
    const year = /\((\d{4})\)\s*$/.exec(title)?.[1];
    const genres = genreField.split("|").map((g) => g.trim()).filter((g) => g !== "");
    rows.push({ line, id, title, ...(year ? { year: Number(year) } : {}), genres });
  }
  return { rows, problems, linesRead: lines.length };
}

/** A genre as a hashtag word: lower-cased, only letters, digits and `_` kept ("Sci-Fi" → "scifi"). */
export function genreTag(genre: string): string {
  return genre.toLowerCase().replace(/[^\p{L}\p{N}_]/gu, "");
}

/**
 * The text of an item's post: the title and its genres as hashtags ("The Bank (1915) #comedy #short"),
 * or "item <id>" when the catalogue does not know the item.
 */
export function itemText(item: string, movie?: MovieRow): string {
  if (!movie) return `item ${item}`;
  const tags = [...new Set(movie.genres.map(genreTag).filter((t) => /\p{L}/u.test(t)))];
  return [movie.title, ...tags.map((t) => `#${t}`)].join(" ");
}

/** The category of an item's post: its first genre, lower-cased ("Sci-Fi" → "sci-fi"); none without genres. */
export function itemCategory(movie?: MovieRow): string | undefined {
  return movie?.genres[0]?.toLowerCase();
}

/** `mt_<user>`. */
export function personHandle(user: string, prefix: string = defaultRatingsNames.handlePrefix): string {
  return `${prefix}${user.toLowerCase()}`;
}

/** `mt:<user>:<item>:<timestamp>`: the same line imported twice is the same interaction. */
export function ratingExternalId(row: Pick<RatingRow, "user" | "item" | "timestamp">, prefix: string = defaultRatingsNames.interactionPrefix): string {
  return `${prefix}${row.user}:${row.item}:${row.timestamp}`;
}

/** Each item once, in order of first appearance, with the time of its earliest rating (seconds). */
export function earliestByItem(rows: readonly RatingRow[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) {
    const t = out.get(r.item);
    if (t === undefined || r.timestamp < t) out.set(r.item, r.timestamp);
  }
  return out;
}

/** Each user once, in order of first appearance. */
export function distinctUsers(rows: readonly RatingRow[]): string[] {
  return [...new Set(rows.map((r) => r.user))];
}
