import { BadUserInputError, type FieldProblem } from "../../graphql/errors";
import { silentProgress, type Progress } from "../../lib/progress";
import { interactionTypes, InteractionType } from "../interactions/interaction.entity";
import type { InteractionInput } from "../interactions/interaction.inputs";
import type { InteractionService } from "../interactions/interaction.service";
import { MediaType, type Post } from "../posts/post.entity";
import type { PostInput } from "../posts/post.inputs";
import type { PostService } from "../posts/post.service";
import { postKey } from "../posts/post.service";
import { Platform, platforms } from "../users/platform";
import type { UserInput } from "../users/user.inputs";
import type { UserService } from "../users/user.service";
import { bankColumns, bankHandle, bankRowToAttributes, parseBankCsv, type BankRow } from "./bank";
import { defaultFacebookOptions, facebookColumns, parseFacebookCsv, type FacebookRow, type ImportProblem } from "./facebook";
import {
  defaultRatingsNames,
  distinctUsers,
  earliestByItem,
  itemCategory,
  itemText,
  parseMovies,
  parseRatings,
  personHandle,
  ratingExternalId,
  type MovieRow,
  type RatingRow,
} from "./ratings";

/**
 * Writes parsed imports through the same services as the GraphQL API (so the same validation,
 * idempotency and counters), in batches that are each all-or-nothing. Parsing is pure (facebook.ts,
 * ratings.ts, bank.ts); this class only maps rows to service inputs, batches them and counts what happened.
 */

/** The services an import writes through. */
export interface ImportServices {
  users: UserService;
  posts: PostService;
  interactions: InteractionService;
}

/** Defaults of every import, in one place. */
export const defaultImportOptions = {
  /** Rows per service call; each call is one all-or-nothing write. */
  batchSize: 5000,
  /** Abort on the first bad line (before writing anything) instead of skipping it. */
  strict: false,
  /** Facebook: the brand page's handle. */
  page: "facebook_page",
  /** Facebook: the year the export's month/weekday/hour belong to. */
  year: defaultFacebookOptions.year,
  /** Ratings: the platform of the people, the catalogue account, its posts and the ratings. */
  platform: Platform.TWITTER,
  /** Ratings: the interaction type each rating becomes (its value is the rating). */
  type: InteractionType.LIKE,
  /** Ratings: the media type of an item's post. */
  itemMediaType: MediaType.TEXT,
} as const;

type Widen<T> = T extends string ? string : T extends number ? number : T extends boolean ? boolean : T;
export type ImportOptions = { [K in keyof typeof defaultImportOptions]: Widen<(typeof defaultImportOptions)[K]> };

/** A named file's text (the name only labels messages). */
export interface ImportFile {
  name: string;
  text: string;
}

/** A line left out: by the parser, or because the service rejected it (then `column` names the input field). */
export interface SkippedLine extends ImportProblem {
  file: string;
}

export interface UpsertCounts {
  created: number;
  updated: number;
}

export interface FacebookImportReport {
  kind: "facebook";
  file: string;
  /** Data lines read (header and blank lines excluded). */
  linesRead: number;
  brand: { handle: string; created: boolean; followers: number | undefined };
  posts: UpsertCounts;
  skipped: SkippedLine[];
  /** Per column, how many imported rows had it empty (their metric is absent, not 0). */
  missing: Record<string, number>;
  seconds: number;
}

export interface RatingsImportReport {
  kind: "ratings";
  file: string;
  linesRead: number;
  /** Lines of the catalogue read, when one was given. */
  itemsRead?: number;
  users: UpsertCounts;
  posts: UpsertCounts & { withoutMetadata: number };
  interactions: { recorded: number; duplicates: number };
  skipped: SkippedLine[];
  seconds: number;
}

export interface BankImportReport {
  kind: "bank";
  file: string;
  /** Data lines read (header and blank lines excluded). */
  linesRead: number;
  /** People written (one per good line), created or updated. */
  people: UpsertCounts;
  /** Of the people written, how many converted (`y` = yes). */
  converted: number;
  skipped: SkippedLine[];
  /** Per column, how many written people had it missing ("unknown"): stored as null, not as a value. */
  missing: Record<string, number>;
  seconds: number;
}

export type ImportReport = FacebookImportReport | RatingsImportReport | BankImportReport;

/** An import that stopped: `--strict` met a bad line, nothing was importable, or a batch was refused. */
export class ImportAbortedError extends Error {
  override name = "ImportAbortedError";
  constructor(
    message: string,
    readonly problems: readonly SkippedLine[] = [],
  ) {
    super(message);
  }
}

/** "line 12, column "like": expected …" (the file too when asked). */
export function describeProblem(p: SkippedLine, withFile = false): string {
  return `${withFile ? `${p.file}: ` : ""}line ${p.line}${p.column ? `, column ${JSON.stringify(p.column)}` : ""}: ${p.message}`;
}

/** The rows a service rejected, by batch index, or undefined when the error is not about rows. */
function rejectedRows(err: unknown): Map<number, FieldProblem> | undefined {
  if (!(err instanceof BadUserInputError)) return undefined;
  const ext = err.extensions as { field?: string; index?: number; problems?: FieldProblem[] };
  const list = ext.problems ?? (ext.index === undefined || !ext.field ? [] : [{ field: ext.field, index: ext.index, message: err.message.slice(ext.field.length + 2) }]);
  const out = new Map<number, FieldProblem>();
  for (const p of list) if (p.index !== undefined && !out.has(p.index)) out.set(p.index, p);
  return out.size > 0 ? out : undefined;
}

const within = (p: ImportProblem, file: string): SkippedLine => ({ file, ...p });

export class ImportService {
  private readonly options: ImportOptions;

  constructor(
    private readonly services: ImportServices,
    options: Partial<ImportOptions> = {},
  ) {
    this.options = { ...defaultImportOptions, ...options };
    if (!Number.isInteger(this.options.batchSize) || this.options.batchSize < 1) {
      throw new Error(`expected batchSize to be a whole number ≥ 1, found ${this.options.batchSize}`);
    }
  }

  /**
   * A Facebook Insights post export: one brand account (followers = the largest "Page total likes")
   * and one post per good row, with the export's metrics. Re-importing the same file updates the same
   * posts (their ids come from the line and its inputs) and changes no counts.
   */
  async facebook(file: ImportFile, options: Partial<Pick<ImportOptions, "page" | "year" | "strict">> = {}, progress: Progress = silentProgress): Promise<FacebookImportReport> {
    const started = performance.now();
    const { page, year, strict } = { ...this.options, ...options };
    const parsed = parseFacebookCsv(file.text, { year });
    const skipped = parsed.problems.map((p) => within(p, file.name));
    this.checkParsed(file, parsed.linesRead, parsed.rows.length, skipped, strict);

    const followers = parsed.rows.length ? Math.max(...parsed.rows.map((r) => r.pageTotalLikes)) : undefined;
    const brand = await this.brand({ platform: Platform.FACEBOOK, handle: page, isBrand: true, followers }, "--page");
    const posts: UpsertCounts = { created: 0, updated: 0 };
    const toInput = (r: FacebookRow): PostInput => ({
      platform: Platform.FACEBOOK,
      externalId: r.externalId,
      authorHandle: brand.handle,
      text: "",
      mediaType: r.mediaType,
      category: r.category,
      paid: r.paid,
      publishedAt: r.publishedAt,
      metrics: r.metrics,
    });
    const imported = await this.writeBatches("posts", parsed.rows, progress, strict, skipped, (r) => ({ file: file.name, line: r.line }), async (batch) => {
      const result = await this.services.posts.upsert(batch.map(toInput));
      posts.created += result.created;
      posts.updated += result.updated;
    });
    const missing: Record<string, number> = {};
    for (const c of Object.values(facebookColumns)) {
      const n = imported.filter((r) => r.missing.includes(c)).length;
      if (n > 0) missing[c] = n;
    }
    return {
      kind: "facebook",
      file: file.name,
      linesRead: parsed.linesRead,
      brand: { handle: brand.handle, created: brand.created, followers },
      posts,
      skipped,
      missing,
      seconds: (performance.now() - started) / 1000,
    };
  }

  /**
   * A ratings file (MovieTweetings layout) and optionally its catalogue: a person per user id, the
   * catalogue's brand account, a post per rated item (published at its earliest rating, or earlier if
   * the post already exists) and an interaction per rating line. Idempotent: ids come from the data.
   */
  async ratings(
    file: ImportFile,
    items?: ImportFile,
    options: Partial<Pick<ImportOptions, "platform" | "type" | "strict">> = {},
    progress: Progress = silentProgress,
  ): Promise<RatingsImportReport> {
    const started = performance.now();
    const { platform, type, strict, itemMediaType } = { ...this.options, ...options };
    if (!platforms.includes(platform as Platform)) throw new ImportAbortedError(`expected --platform one of ${platforms.join(", ")}, found ${JSON.stringify(platform)}`);
    if (!interactionTypes.includes(type as InteractionType)) {
      throw new ImportAbortedError(`expected --type one of ${interactionTypes.join(", ")}, found ${JSON.stringify(type)}`);
    }
    const parsed = parseRatings(file.text);
    const skipped = parsed.problems.map((p) => within(p, file.name));
    let movies = new Map<string, MovieRow>();
    let itemsRead: number | undefined;
    if (items) {
      const catalogue = parseMovies(items.text);
      itemsRead = catalogue.linesRead;
      skipped.push(...catalogue.problems.map((p) => within(p, items.name)));
      movies = new Map(catalogue.rows.map((m) => [m.id, m]));
    }
    this.checkParsed(file, parsed.linesRead, parsed.rows.length, skipped, strict);
    const rows = parsed.rows;

    // 1. Accounts: the catalogue's brand first, then one person per user id.
    const brand = await this.brand({ platform: platform as Platform, handle: defaultRatingsNames.brandHandle, displayName: defaultRatingsNames.brandName, isBrand: true }, "catalogue");
    const users: UpsertCounts = { created: 0, updated: 0 };
    const firstLine = new Map<string, number>();
    for (const r of rows) if (!firstLine.has(r.user)) firstLine.set(r.user, r.line);
    const userIds = distinctUsers(rows);
    const goodUsers = new Set(
      await this.writeBatches("users", userIds, progress, strict, skipped, (u) => ({ file: file.name, line: firstLine.get(u)! }), async (batch) => {
        const result = await this.services.users.upsert(batch.map((u): UserInput => ({ platform: platform as Platform, handle: personHandle(u) })));
        users.created += result.created;
        users.updated += result.updated;
      }),
    );

    // 2. One post per rated item, published at its earliest rating (never later than a stored copy).
    const earliest = earliestByItem(rows);
    for (const r of rows) if (!firstLine.has(`item:${r.item}`)) firstLine.set(`item:${r.item}`, r.line);
    const posts = { created: 0, updated: 0, withoutMetadata: 0 };
    const itemIds = [...earliest.keys()];
    const goodItems = new Set(
      await this.writeBatches("posts", itemIds, progress, strict, skipped, (i) => ({ file: file.name, line: firstLine.get(`item:${i}`)! }), async (batch) => {
        const stored = await this.storedPosts(platform as Platform, batch);
        const inputs = batch.map((item): PostInput => {
          const movie = movies.get(item);
          const old = stored.get(item);
          const publishedAt = new Date(earliest.get(item)! * 1000);
          return {
            platform: platform as Platform,
            externalId: item,
            authorHandle: brand.handle,
            // Without catalogue data, a stored post keeps the text and category it has.
            text: movie || !old ? itemText(item, movie) : old.text,
            category: movie ? (itemCategory(movie) ?? null) : old ? old.category : null,
            mediaType: old?.mediaType ?? (itemMediaType as MediaType),
            publishedAt: old && old.publishedAt < publishedAt ? old.publishedAt : publishedAt,
          };
        });
        const result = await this.services.posts.upsert(inputs);
        posts.created += result.created;
        posts.updated += result.updated;
        if (items) posts.withoutMetadata += batch.filter((i) => !movies.has(i)).length;
      }),
    );

    // 3. One interaction per rating line whose person and item were written.
    const interactions = { recorded: 0, duplicates: 0 };
    const writable = rows.filter((r) => goodUsers.has(r.user) && goodItems.has(r.item));
    for (const r of rows) {
      if (goodUsers.has(r.user) && goodItems.has(r.item)) continue;
      skipped.push({ file: file.name, line: r.line, message: `not recorded: its ${goodUsers.has(r.user) ? `item ${r.item}` : `user ${r.user}`} was refused` });
    }
    const toInteraction = (r: RatingRow): InteractionInput => ({
      externalId: ratingExternalId(r),
      userHandle: personHandle(r.user),
      postExternalId: r.item,
      platform: platform as Platform,
      type: type as InteractionType,
      value: r.rating,
      occurredAt: new Date(r.timestamp * 1000),
    });
    await this.writeBatches("interactions", writable, progress, strict, skipped, (r) => ({ file: file.name, line: r.line }), async (batch) => {
      const result = await this.services.interactions.record(batch.map(toInteraction));
      interactions.recorded += result.recorded;
      interactions.duplicates += result.duplicates;
    });
    skipped.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file === file.name ? -1 : 1));
    return {
      kind: "ratings",
      file: file.name,
      linesRead: parsed.linesRead,
      ...(itemsRead === undefined ? {} : { itemsRead }),
      users,
      posts,
      interactions,
      skipped,
      seconds: (performance.now() - started) / 1000,
    };
  }

  /**
   * A CRM contacts export with an outcome (UCI "Bank Marketing" layout): one person per good line on
   * platform OTHER, handle `bank-<line>` (the file has no customer id; see bankHandle for the caveat),
   * with age, job, marital status and education as typed attributes and every other column, plus
   * `converted`, in `attributes.extra` (bankRowToAttributes). Re-importing the same file updates the
   * same people, replacing their attributes, and changes no counts.
   */
  async bank(file: ImportFile, options: Partial<Pick<ImportOptions, "strict">> = {}, progress: Progress = silentProgress): Promise<BankImportReport> {
    const started = performance.now();
    const { strict } = { ...this.options, ...options };
    const parsed = parseBankCsv(file.text);
    const skipped = parsed.problems.map((p) => within(p, file.name));
    this.checkParsed(file, parsed.linesRead, parsed.rows.length, skipped, strict);

    const people: UpsertCounts = { created: 0, updated: 0 };
    const toInput = (r: BankRow): UserInput => ({ platform: Platform.OTHER, handle: bankHandle(r.line), isBrand: false, attributes: bankRowToAttributes(r) });
    const written = await this.writeBatches("people", parsed.rows, progress, strict, skipped, (r) => ({ file: file.name, line: r.line }), async (batch) => {
      const result = await this.services.users.upsert(batch.map(toInput));
      people.created += result.created;
      people.updated += result.updated;
    });
    skipped.sort((a, b) => a.line - b.line);
    const missing: Record<string, number> = {};
    for (const r of written) for (const c of r.missing) missing[c] = (missing[c] ?? 0) + 1;
    const ordered = Object.fromEntries(Object.values(bankColumns).flatMap((c) => (missing[c] ? [[c, missing[c]] as const] : [])));
    return {
      kind: "bank",
      file: file.name,
      linesRead: parsed.linesRead,
      people,
      converted: written.filter((r) => r.converted).length,
      skipped,
      missing: ordered,
      seconds: (performance.now() - started) / 1000,
    };
  }

  /** Strict: any problem aborts before anything is written. Always: a file with no good line aborts. */
  private checkParsed(file: ImportFile, linesRead: number, good: number, problems: SkippedLine[], strict: boolean): void {
    if (strict && problems.length > 0) {
      throw new ImportAbortedError(`--strict: ${problems.length} bad line${problems.length === 1 ? "" : "s"}, nothing written; first: ${describeProblem(problems[0], true)}`, problems);
    }
    if (good === 0) {
      throw new ImportAbortedError(
        linesRead === 0 ? `expected data lines in ${file.name}, found none` : `expected at least one good line in ${file.name}, found none of ${linesRead} (first: ${describeProblem(problems[0], true)})`,
        problems,
      );
    }
  }

  /** Upserts the brand account; a refusal (e.g. a bad handle) names the option it came from. */
  private async brand(input: UserInput, source: string): Promise<{ handle: string; created: boolean }> {
    try {
      const result = await this.services.users.upsert([input]);
      return { handle: result.items[0].handle, created: result.created === 1 };
    } catch (err) {
      if (err instanceof BadUserInputError) throw new ImportAbortedError(`${source}: the brand account was refused: ${err.message}`);
      throw err;
    }
  }

  /** Stored posts of these items on a platform, by external id. */
  private async storedPosts(platform: Platform, items: readonly string[]): Promise<Map<string, Post>> {
    const ids = await this.services.posts.idsByExternalIds(items.map((externalId) => ({ platform, externalId })));
    const found = (await this.services.posts.byIds([...ids.values()])).filter((p): p is Post => p !== undefined);
    const byKey = new Map(found.map((p) => [postKey(p.platform, p.externalId), p]));
    return new Map(items.flatMap((i) => (byKey.has(postKey(platform, i)) ? [[i, byKey.get(postKey(platform, i))!] as const] : [])));
  }

  /**
   * Writes `all` in batches of batchSize with a progress bar. Each batch is one all-or-nothing
   * service call; when the service refuses some of its rows (a BadUserInputError naming them), those
   * rows are reported as skipped with the service's message and the rest of the batch is sent again —
   * or, strict, the import aborts (earlier batches stay written). Returns the items that were written.
   */
  private async writeBatches<T>(
    label: string,
    all: readonly T[],
    progress: Progress,
    strict: boolean,
    skipped: SkippedLine[],
    where: (item: T) => { file: string; line: number },
    write: (batch: T[]) => Promise<void>,
  ): Promise<T[]> {
    const written: T[] = [];
    progress.start(label, all.length);
    try {
      for (let start = 0; start < all.length; start += this.options.batchSize) {
        let batch = all.slice(start, start + this.options.batchSize);
        while (batch.length > 0) {
          try {
            await write(batch);
            written.push(...batch);
            break;
          } catch (err) {
            const rejected = rejectedRows(err);
            if (!rejected) throw err;
            // "posts[3].metrics.likes" → "metrics.likes": the batch index means nothing to the reader, the line does.
            const refused = [...rejected].map(([i, p]) => ({ ...where(batch[i]), column: p.field.replace(/^\w+\[\d+\]\.?/, ""), message: p.message }));
            if (strict) {
              throw new ImportAbortedError(
                `--strict: ${label} batch from item ${start + 1} refused, earlier batches are written; first: ${describeProblem(refused[0], true)}`,
                refused,
              );
            }
            skipped.push(...refused);
            batch = batch.filter((_, i) => !rejected.has(i));
          }
        }
        progress.update(Math.min(start + this.options.batchSize, all.length));
      }
    } finally {
      progress.stop();
    }
    return written;
  }
}
