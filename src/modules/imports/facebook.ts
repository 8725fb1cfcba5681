import { createHash } from "node:crypto";
import { MediaType } from "../posts/post.entity";

/**
 * Pure parsing of a Facebook Insights post export in the UCI "Facebook metrics" layout (Moro, Rita &
 * Vala 2016): semicolon-separated, one header line, empty fields for missing values. File text in,
 * typed rows and line-numbered problems out; nothing here touches the database.
 *
 * The shared shapes of every importer (ImportProblem, Parsed, textLines) live here too and ratings.ts
 * imports them.
 */

/** One rejected line: 1-based line number in the file, the column (by its header name) when known. */
export interface ImportProblem {
  line: number;
  column?: string;
  message: string;
}

/** What a parser returns: the good rows, the problems of the bad ones, and how many data lines it read. */
export interface Parsed<T> {
  rows: T[];
  problems: ImportProblem[];
  /** Non-blank data lines seen (the header excluded). */
  linesRead: number;
}

/** A file-level error (no header, a missing column): nothing can be parsed, so the parser throws. */
export class ImportFormatError extends Error {
  override name = "ImportFormatError";
}

/** Lines of a text with their 1-based numbers; a BOM and CR line ends are dropped, blank lines skipped. */
export function textLines(text: string): Array<{ line: number; text: string }> {
  const out: Array<{ line: number; text: string }> = [];
  const lines = text.replace(/^\uFEFF/, "").split("\n");
  lines.forEach((raw, i) => {
    const t = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (t.trim() !== "") out.push({ line: i + 1, text: t });
  });
  return out;
}

/** Defaults of the Facebook parser, in one place. */
export interface FacebookOptions {
  /** The year the export's months belong to: the UCI export covers 2014 and carries only month, weekday and hour. */
  year: number;
  /** Prefix of the stable post id: `fb-<line>-<hash of the inputs>`. */
  idPrefix: string;
}

export const defaultFacebookOptions: Readonly<FacebookOptions> = { year: 2014, idPrefix: "fb-" };

/** The header names this importer reads, by role. */
export const facebookColumns = {
  pageTotalLikes: "Page total likes",
  type: "Type",
  category: "Category",
  month: "Post Month",
  weekday: "Post Weekday",
  hour: "Post Hour",
  paid: "Paid",
  reach: "Lifetime Post Total Reach",
  impressions: "Lifetime Post Total Impressions",
  consumptions: "Lifetime Post Consumptions",
  comment: "comment",
  like: "like",
  share: "share",
} as const;

/** The seven inputs known before publication (what the stable id hashes). */
const inputColumns = ["pageTotalLikes", "type", "category", "month", "weekday", "hour", "paid"] as const;

/** Type → media type. */
export const facebookMediaTypes: Readonly<Record<string, MediaType>> = {
  photo: MediaType.PHOTO,
  status: MediaType.STATUS,
  link: MediaType.LINK,
  video: MediaType.VIDEO,
};

/** Category codes as Moro et al. (2016) define them: 1 action (offers, contests), 2 product, 3 inspiration. */
export const facebookCategories: Readonly<Record<number, FacebookCategory>> = { 1: "action", 2: "product", 3: "inspiration" };
export type FacebookCategory = "action" | "product" | "inspiration";

/** The metrics a row carries; a missing outcome is absent, never 0. */
export interface FacebookMetrics {
  impressions?: number;
  reach?: number;
  likes?: number;
  comments?: number;
  shares?: number;
  clicks?: number;
}

/** The outcome columns and the post metric each one feeds. */
const metricColumns: ReadonlyArray<[keyof FacebookMetrics, keyof typeof facebookColumns]> = [
  ["impressions", "impressions"],
  ["reach", "reach"],
  ["likes", "like"],
  ["comments", "comment"],
  ["shares", "share"],
  ["clicks", "consumptions"],
];

export interface FacebookRow {
  /** 1-based line of the file. */
  line: number;
  /** `fb-<line>-<8 hex of sha1 of the seven input fields>`: the same file gives the same ids. */
  externalId: string;
  pageTotalLikes: number;
  mediaType: MediaType;
  category: FacebookCategory;
  month: number;
  /** 1 = Sunday … 7 = Saturday (see facebookPublishedAt). */
  weekday: number;
  hour: number;
  /** Absent when the Paid field is empty. */
  paid?: boolean;
  publishedAt: Date;
  metrics: FacebookMetrics;
  /** Header names of the optional fields that were empty on this line. */
  missing: string[];
}

/**
 * The publication time the export implies: the first day of `month` in `year` whose weekday is
 * `weekday`, at `hour`:00 UTC. Weekdays count 1 = Sunday … 7 = Saturday (Facebook Insights' and
 * JavaScript's order, Sunday first); the export has no day of the month, so the date is the earliest
 * one that fits, and no time zone, so the hour is taken as UTC.
 * `facebookPublishedAt(2014, 12, 4, 3)` → 2014-12-03T03:00Z (1 Dec 2014 was a Monday).
 */
export function facebookPublishedAt(year: number, month: number, weekday: number, hour: number): Date {
  const firstDay = new Date(Date.UTC(year, month - 1, 1)).getUTCDay(); // 0 = Sunday
  const day = 1 + ((weekday - 1 - firstDay + 7) % 7);
  return new Date(Date.UTC(year, month - 1, day, hour));
}

/** `fb-<line>-<hash>`: the line keeps identical rows apart, the hash of the inputs notices an edited row. */
export function facebookExternalId(line: number, inputs: readonly string[], prefix: string = defaultFacebookOptions.idPrefix): string {
  const hash = createHash("sha1").update(inputs.join(";")).digest("hex").slice(0, 8);
  return `${prefix}${line}-${hash}`;
}

/** A whole number ≥ 0 in a field, or a message saying what was found. */
function wholeNumber(raw: string): number | string {
  const s = raw.trim();
  if (!/^\d+$/.test(s)) return `expected a whole number, found ${JSON.stringify(raw)}`;
  return Number(s);
}

/**
 * Parses the export. Required fields (the inputs except Paid) must be present and in range, Type one
 * of Photo/Status/Link/Video; a line that breaks any of these is reported (line, column, what was
 * expected and found) and left out. Paid and the outcome columns may be empty (then absent) but, when
 * present, must be whole numbers. Throws ImportFormatError when the header lacks a column it needs.
 */
export function parseFacebookCsv(text: string, options: Partial<FacebookOptions> = {}): Parsed<FacebookRow> {
  const { year, idPrefix } = { ...defaultFacebookOptions, ...options };
  const lines = textLines(text);
  if (lines.length === 0) throw new ImportFormatError("expected a header line of semicolon-separated column names, found an empty file");
  const [head, ...data] = lines;
  const header = head.text.split(";").map((h) => h.trim());
  const missingColumns = Object.values(facebookColumns).filter((c) => !header.includes(c));
  if (missingColumns.length > 0) {
    throw new ImportFormatError(
      `expected header columns ${missingColumns.map((c) => JSON.stringify(c)).join(", ")} (line ${head.line}), found only ${header.map((c) => JSON.stringify(c)).join(", ")}`,
    );
  }
  const index = Object.fromEntries(Object.entries(facebookColumns).map(([k, name]) => [k, header.indexOf(name)])) as Record<keyof typeof facebookColumns, number>;
  const rows: FacebookRow[] = [];
  const problems: ImportProblem[] = [];

  for (const { line, text: lineText } of data) {
    const fields = lineText.split(";");
    if (fields.length !== header.length) {
      problems.push({ line, message: `expected ${header.length} semicolon-separated fields, found ${fields.length}` });
      continue;
    }
    const before = problems.length;
    const field = (k: keyof typeof facebookColumns) => fields[index[k]].trim();
    /** Records a problem of column k; returns NaN so a caller can `return problem(…)` a number it could not read. */
    const problem = (k: keyof typeof facebookColumns, message: string): number => {
      problems.push({ line, column: facebookColumns[k], message });
      return NaN;
    };
    const missing: string[] = [];

    /** A required whole number within [min, max]. */
    const required = (k: keyof typeof facebookColumns, min: number, max: number): number => {
      const raw = field(k);
      if (raw === "") return problem(k, "expected a value, found an empty field");
      const n = wholeNumber(raw);
      if (typeof n === "string") return problem(k, n);
      if (n < min || n > max) return problem(k, `expected a whole number from ${min} to ${max}, found ${n}`);
      return n;
    };
    /** An optional whole number: undefined (and noted as missing) when empty. */
    const optional = (k: keyof typeof facebookColumns): number | undefined => {
      const raw = field(k);
      if (raw === "") {
        missing.push(facebookColumns[k]);
        return undefined;
      }
      const n = wholeNumber(raw);
      if (typeof n === "string") {
        problem(k, n);
        return undefined;
      }
      return n;
    };

    const pageTotalLikes = required("pageTotalLikes", 0, 2_000_000_000);
    const typeRaw = field("type");
    const mediaType = facebookMediaTypes[typeRaw.toLowerCase()];
    if (!mediaType) problem("type", `expected Photo, Status, Link or Video, found ${JSON.stringify(typeRaw)}`);
    const categoryCode = required("category", 1, 3);
    const month = required("month", 1, 12);
    const weekday = required("weekday", 1, 7);
    const hour = required("hour", 0, 23);
    const paidCode = optional("paid");
    if (paidCode !== undefined && paidCode > 1) problem("paid", `expected 0 or 1, found ${paidCode}`);
    const metrics: FacebookMetrics = {};
    for (const [metric, column] of metricColumns) {
      const v = optional(column);
      if (v !== undefined) metrics[metric] = v;
    }
    if (problems.length > before) continue;

    rows.push({
      line,
      externalId: facebookExternalId(line, inputColumns.map((k) => field(k)), idPrefix),
      pageTotalLikes,
      mediaType,
      category: facebookCategories[categoryCode],
      month,
      weekday,
      hour,
      ...(paidCode === undefined ? {} : { paid: paidCode === 1 }),
      publishedAt: facebookPublishedAt(year, month, weekday, hour),
      metrics,
      missing,
    });
  }
  return { rows, problems, linesRead: data.length };
}
