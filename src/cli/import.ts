import "reflect-metadata";
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { readConfig, type Config } from "../config";
import { assertNever } from "../lib/assert-never";
import { createLogger } from "../lib/logger";
import { consoleProgress, type Progress } from "../lib/progress";
import { defaultImportOptions, describeProblem, ImportAbortedError, ImportService, type ImportFile, type ImportReport, type SkippedLine } from "../modules/imports/import.service";
import { parseSentimentTsvRows, type SentimentTsvRow } from "../nlp/sentiment-tsv";
import { closeServices, createServices } from "../server";

/**
 * `npm run import -- <kind> <file> [options]`: imports a Facebook Insights export, a ratings file or
 * a CRM contacts export with outcomes (bank) into the database of DATABASE_URL (default var/resonance.db), through the same services as the API,
 * in all-or-nothing batches. Re-running on the same file changes no counts.
 */

const kinds = ["facebook", "ratings", "bank", "sentiment"] as const;
type Kind = (typeof kinds)[number];

/** How many skipped lines the summary lists before "… and N more". */
const maxListed = 20;

const usage = `usage: npm run import -- <kind> <file> [options]   (sentiment: <file>…)

kinds:
  facebook <export.csv>     a Facebook Insights post export (UCI "Facebook metrics" layout: ';'-separated, header line)
    --page <handle>         the brand page's handle (default ${defaultImportOptions.page})
    --year <yyyy>           the year of the export's Post Month (default ${defaultImportOptions.year})
  ratings <ratings.dat>     user_id::item_id::rating::unix_timestamp lines (MovieTweetings layout)
    --items <movies.dat>    the catalogue, movie_id::Title (Year)::Genre|Genre: titles and genres become post text
    --platform <PLATFORM>   the platform of the accounts, posts and ratings (default ${defaultImportOptions.platform})
    --type <TYPE>           the interaction type a rating becomes; its value is the rating (default ${defaultImportOptions.type})
  bank <contacts.csv>       CRM contacts with an outcome (UCI "Bank Marketing" layout: ';'-separated, header line, "quoted"
                            strings, "unknown" = missing, y yes/no): one person per line, handle bank-<line>, platform OTHER;
                            age, job, marital, education as attributes, the other columns and converted in attributes.extra
  sentiment <examples.tsv>… labelled texts for the learned sentiment model (label<TAB>score<TAB>text, a header line;
                            the format of ../shared/data/sentiment/): stored as examples with the file's name as their
                            source, keyed by file and row, so a re-import updates instead of adding; one or more files,
                            all read and checked before any is written: a bad row is reported (line, column) and
                            skipped, unless --strict

options:
  --strict                  abort on any bad line, before writing anything (default: report and skip it)
  --batch <n>               rows per all-or-nothing batch (default ${defaultImportOptions.batchSize})
  -h, --help                this text

The database is DATABASE_URL (default sqlite:var/resonance.db); LOG_LEVEL as for the server.
`;

const kindOptions: Record<Kind, readonly string[]> = { facebook: ["page", "year"], ratings: ["items", "platform", "type"], bank: [], sentiment: [] };

/** "a, b or c". */
const oneOf = (names: readonly string[]) => (names.length < 2 ? names.join("") : `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`);

interface Command {
  kind: Kind;
  file: string;
  /** Further files (sentiment only). */
  moreFiles: string[];
  items?: string;
  page?: string;
  year?: number;
  platform?: string;
  type?: string;
  strict: boolean;
  batchSize?: number;
}

/** Reads the command line; throws an Error whose message says what was expected and what was found. */
export function parseCommand(argv: readonly string[]): Command | "help" {
  const options = {
    page: { type: "string" },
    year: { type: "string" },
    items: { type: "string" },
    platform: { type: "string" },
    type: { type: "string" },
    strict: { type: "boolean" },
    batch: { type: "string" },
    help: { type: "boolean", short: "h" },
  } as const;
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options });
  } catch (err) {
    const e = err as Error & { code?: string };
    const unknown = /'([^']+)'/.exec(e.message)?.[1];
    if (e.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && unknown) {
      throw new Error(`expected an option among ${Object.keys(options).map((o) => `--${o}`).join(", ")}, found ${JSON.stringify(unknown)}`);
    }
    throw new Error(`${e.message.split(". ")[0]} (see --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help) return "help";
  const [kind, file, ...extra] = positionals;
  if (kind === undefined) throw new Error(`expected kind ${oneOf(kinds)}, found nothing (see --help)`);
  if (!(kinds as readonly string[]).includes(kind)) throw new Error(`expected kind ${oneOf(kinds)}, found ${JSON.stringify(kind)}`);
  if (file === undefined) throw new Error(`expected a file to import after "${kind}", found nothing`);
  if (extra.length > 0 && kind !== "sentiment") throw new Error(`expected one file (several only with sentiment), found also ${extra.map((e) => JSON.stringify(e)).join(", ")}`);
  for (const [k, names] of Object.entries(kindOptions)) {
    if (k === kind) continue;
    for (const name of names) if (values[name as keyof typeof values] !== undefined) throw new Error(`expected --${name} only with ${k}, found it with ${kind}`);
  }
  const whole = (name: string, raw: string | undefined, min: number, max: number): number | undefined => {
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < min || n > max) throw new Error(`expected --${name} to be a whole number from ${min} to ${max}, found ${JSON.stringify(raw)}`);
    return n;
  };
  return {
    kind: kind as Kind,
    file,
    moreFiles: extra,
    items: values.items,
    page: values.page,
    year: whole("year", values.year, 2004, 2100),
    platform: values.platform?.toUpperCase(),
    type: values.type?.toUpperCase(),
    strict: values.strict ?? false,
    batchSize: whole("batch", values.batch, 1, defaultImportOptions.batchSize),
  };
}

function readInput(file: string): ImportFile {
  const full = path.resolve(file);
  try {
    if (!statSync(full).isFile()) throw new Error("not a file");
    return { name: path.basename(file), text: readFileSync(full, "utf8") };
  } catch (err) {
    throw new Error(`expected a readable file at ${full}, found ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

function where(config: Config): string {
  return config.database.dialect === "sqlite" ? `sqlite ${config.database.path}` : "postgres";
}

function listSkipped(skipped: readonly SkippedLine[], out: string[], multiFile: boolean): void {
  for (const p of skipped.slice(0, maxListed)) out.push(`    ${describeProblem(p, multiFile)}`);
  if (skipped.length > maxListed) out.push(`    … and ${skipped.length - maxListed} more`);
}

/** How many lines were skipped (a line with two bad columns has two problems but is one line). */
function skippedLines(skipped: readonly SkippedLine[]): number {
  return new Set(skipped.map((p) => `${p.file ?? ""}:${p.line}`)).size;
}

/** The summary block and the final one-line summary. */
function summary(report: ImportReport, config: Config): string {
  const out: string[] = [];
  const skipped = skippedLines(report.skipped);
  const s = report.seconds.toFixed(report.seconds < 10 ? 2 : 1);
  if (report.kind === "bank") {
    const written = report.people.created + report.people.updated;
    const share = written === 0 ? "0" : ((100 * report.converted) / written).toFixed(1);
    const missing = Object.entries(report.missing).map(([c, n]) => `${c} ${n}`);
    out.push(
      `bank ${report.file} → ${where(config)}`,
      `  rows read        ${report.linesRead}`,
      `  people           ${report.people.created} created, ${report.people.updated} updated (platform OTHER, handles bank-<line>)`,
      `  converted        ${report.converted} of ${written} (${share}%)`,
      `  unknown values   ${missing.length ? `${missing.join(", ")} (stored as null)` : "none"}`,
      `  lines skipped    ${skipped}`,
    );
    listSkipped(report.skipped, out, false);
    out.push(
      `imported bank: ${report.linesRead} rows read, ${written} people (${report.people.created} created, ${report.people.updated} updated), ` +
        `${report.converted} converted (${share}%), ${skipped} skipped in ${s} s into ${config.database.dialect}`,
    );
  } else if (report.kind === "facebook") {
    const missing = Object.entries(report.missing).map(([c, n]) => `${c} ${n}`);
    out.push(
      `facebook ${report.file} → ${where(config)}`,
      `  rows read        ${report.linesRead}`,
      `  brand            @${report.brand.handle} on FACEBOOK (${report.brand.created ? "created" : "updated"}), followers ${report.brand.followers ?? "unchanged"}`,
      `  posts            ${report.posts.created} created, ${report.posts.updated} updated`,
      `  missing values   ${missing.length ? `${missing.join(", ")} (absent metrics, not zeros)` : "none"}`,
      `  rows skipped     ${skipped}`,
    );
    listSkipped(report.skipped, out, false);
    out.push(
      `imported facebook: ${report.linesRead} rows read, ${report.posts.created + report.posts.updated} posts (${report.posts.created} created, ` +
        `${report.posts.updated} updated), ${skipped} skipped in ${s} s into ${config.database.dialect}`,
    );
  } else if (report.kind === "ratings") {
    const i = report.interactions;
    out.push(
      `ratings ${report.file} → ${where(config)}`,
      `  lines read       ${report.linesRead}${report.itemsRead === undefined ? "" : ` (+ ${report.itemsRead} catalogue lines)`}`,
      `  users            ${report.users.created} created, ${report.users.updated} updated (+ the catalogue account)`,
      `  posts            ${report.posts.created} created, ${report.posts.updated} updated` +
        (report.itemsRead === undefined ? "" : `, ${report.posts.withoutMetadata} not in the catalogue ("item <id>")`),
      `  interactions     ${i.recorded} recorded, ${i.duplicates} duplicates (already stored, or repeated in the file)`,
      `  lines skipped    ${skipped}`,
    );
    listSkipped(report.skipped, out, report.itemsRead !== undefined);
    out.push(
      `imported ratings: ${report.linesRead} lines read, ${report.users.created + report.users.updated} users, ${report.posts.created + report.posts.updated} posts, ` +
        `${i.recorded} interactions recorded (${i.duplicates} duplicates), ${skipped} skipped in ${s} s into ${config.database.dialect}`,
    );
  } else {
    assertNever(report, "import report");
  }
  return out.join("\n") + "\n";
}

function run(importer: ImportService, command: Command, file: ImportFile, items: ImportFile | undefined, progress: Progress): Promise<ImportReport> {
  switch (command.kind) {
    case "facebook":
      return importer.facebook(file, { strict: command.strict, ...(command.page ? { page: command.page } : {}), ...(command.year ? { year: command.year } : {}) }, progress);
    case "ratings":
      return importer.ratings(
        file,
        items,
        { strict: command.strict, ...(command.platform ? { platform: command.platform } : {}), ...(command.type ? { type: command.type } : {}) },
        progress,
      );
    case "bank":
      return importer.bank(file, { strict: command.strict }, progress);
    case "sentiment":
      throw new Error("sentiment examples are imported by importSentiment");
    default:
      return assertNever(command.kind, "import kind");
  }
}

/**
 * `import sentiment <tsv>…`: labelled texts in batches of 5,000, each all or nothing, keyed by file and row.
 * Every file is parsed before any is written: bad rows are reported with line and column and skipped, or,
 * with `--strict`, abort everything before a write (so a bad row in the last file leaves the database as it was).
 */
async function importSentiment(services: Awaited<ReturnType<typeof createServices>>, files: ImportFile[], config: Config, progress: Progress, strict: boolean): Promise<string> {
  const names = new Set<string>();
  for (const file of files) {
    if (names.has(file.name)) throw new Error(`expected files with distinct names (examples are keyed by file name and row), found ${JSON.stringify(file.name)} twice`);
    names.add(file.name);
  }
  const parsed = files.map((file) => {
    const { rows, problems } = parseSentimentTsvRows(file.text, { storable: true });
    return { file, rows, skipped: problems.map((p) => ({ ...p, file: file.name })) };
  });
  const problems = parsed.flatMap((p) => p.skipped);
  if (strict && problems.length > 0) {
    throw new ImportAbortedError(`${problems.length} bad line${problems.length === 1 ? "" : "s"} (--strict): nothing was written; first: ${describeProblem(problems[0], true)}`, problems);
  }
  const headerless = parsed.find((p) => p.rows.length === 0 && p.skipped.some((q) => q.line === 1));
  if (headerless) throw new Error(`${headerless.file.name}: ${headerless.skipped[0].message}`);
  let out = "";
  for (const { file, rows, skipped } of parsed) out += await importSentimentFile(services, file, rows, skipped, config, progress);
  return out;
}

async function importSentimentFile(
  services: Awaited<ReturnType<typeof createServices>>,
  file: ImportFile,
  rows: SentimentTsvRow[],
  skipped: SkippedLine[],
  config: Config,
  progress: Progress,
): Promise<string> {
  const started = performance.now();
  progress.start(`sentiment ${file.name}`, rows.length);
  let stored = 0;
  for (let i = 0; i < rows.length; i += 5_000) {
    const batch = rows.slice(i, i + 5_000).map((r) => ({ text: r.text, label: r.label, score: r.score, key: `${file.name}:${r.row}` }));
    stored += (await services.sentiment.addExamples(batch, file.name)).stored;
    progress.update(Math.min(rows.length, i + 5_000));
  }
  progress.stop();
  const stats = await services.sentiment.exampleStats();
  const labels = stats.byLabel.map((l) => `${l.label} ${l.count}`).join(", ");
  const s = ((performance.now() - started) / 1000).toFixed(2);
  const read = rows.length + skipped.length;
  const out = [`sentiment ${file.name} → ${where(config)}`, `  rows read        ${read}`, `  examples stored  ${stored} (source ${file.name})`, `  rows skipped     ${skipped.length}`];
  listSkipped(skipped, out, false);
  out.push(
    `  all examples     ${stats.total}: ${labels}`,
    `imported sentiment: ${read} rows read, ${stored} examples stored, ${skipped.length} skipped in ${s} s into ${config.database.dialect}; train with trainModel(name: "sentiment") or npm run train -- sentiment`,
  );
  return out.join("\n") + "\n";
}

async function main(): Promise<void> {
  const command = parseCommand(process.argv.slice(2));
  if (command === "help") {
    process.stdout.write(usage);
    return;
  }
  const config = readConfig();
  const file = readInput(command.file);
  const moreFiles = command.moreFiles.map(readInput);
  const items = command.items === undefined ? undefined : readInput(command.items);
  const services = await createServices(config, createLogger(config.logLevel));
  try {
    const progress = consoleProgress();
    if (command.kind === "sentiment") {
      process.stdout.write(await importSentiment(services, [file, ...moreFiles], config, progress, command.strict));
      return;
    }
    const importer = new ImportService(services, command.batchSize === undefined ? {} : { batchSize: command.batchSize });
    const report = await run(importer, command, file, items, progress);
    process.stdout.write(summary(report, config));
  } finally {
    await closeServices(services);
  }
}

if (require.main === module) {
  main().catch((err) => {
    if (err instanceof ImportAbortedError && err.problems.length > 1) {
      const lines: string[] = [];
      listSkipped(err.problems, lines, true);
      process.stderr.write(`problems:\n${lines.join("\n")}\n`);
    }
    process.stderr.write(`import failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
