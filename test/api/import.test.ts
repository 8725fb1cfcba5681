import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { bankRowToAttributes, parseBankCsv } from "../../src/modules/imports/bank";
import { lastLine, runCli, type CliRun } from "../support/cli";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { countRows, openSql, type SqlHandle } from "../support/sql";

/**
 * The import CLI end to end: the built `node dist/src/cli/import.js` (so `npm test` builds first) on a
 * fresh database, then a direct SQL look at what it wrote. Fixtures are small hand-made files under
 * test/fixtures; the shared data sets are used when present and skipped, saying so, when not.
 */

const root = path.resolve(__dirname, "../..");
const cli = path.join(root, "dist/src/cli/import.js");
const fixture = (name: string) => path.join(root, "test/fixtures", name);
const shared = (name: string) => path.resolve(__dirname, "../../../shared/data", name);

function runImport(db: TestDatabase | undefined, args: string[]): Promise<CliRun> {
  return runCli(cli, args, { cwd: root, env: { NODE_ENV: "test", LOG_LEVEL: "warn", DATABASE_URL: db?.url ?? "sqlite::memory:" } });
}

/** A timestamp as read by a raw query (a SQLite "YYYY-MM-DD hh:mm:ss.sss" UTC string or a pg Date) → ISO. */
function iso(v: unknown): string {
  return v instanceof Date ? v.toISOString() : new Date(`${String(v).replace(" ", "T")}Z`).toISOString();
}

async function counts(sql: SqlHandle) {
  return { users: await countRows(sql, "users"), posts: await countRows(sql, "posts"), interactions: await countRows(sql, "interactions") };
}

type PostRow = Record<string, unknown>;

async function post(sql: SqlHandle, platform: string, externalId: string): Promise<PostRow> {
  const [row] = await sql.all<PostRow>(
    `SELECT "text", "mediaType", "category", "paid", "publishedAt", "impressions", "reach", "likes", "comments", "shares", "clicks", "conversions" ` +
      `FROM "posts" WHERE "platform" = ? AND "externalId" = ?`,
    [platform, externalId],
  );
  if (!row) throw new Error(`expected a post ${externalId} on ${platform}, found none`);
  const out: PostRow = { ...row, publishedAt: iso(row.publishedAt), paid: Boolean(row.paid) };
  for (const c of ["impressions", "reach", "likes", "comments", "shares", "clicks", "conversions"]) out[c] = Number(row[c]);
  return out;
}

describe("import CLI: arguments", () => {
  it("refuses an unknown kind, saying what it expected, with exit code 1", async () => {
    const r = await runImport(undefined, ["tweets", "x.csv"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('import failed: expected kind facebook, ratings, bank or sentiment, found "tweets"');
  });

  it("refuses a missing file and an option of the other kind", async () => {
    const missing = await runImport(undefined, ["facebook", "no/such.csv"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/expected a readable file at .*no\/such\.csv, found ENOENT/);
    const wrong = await runImport(undefined, ["facebook", fixture("facebook-small.csv"), "--items", "x"]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("expected --items only with ratings, found it with facebook");
    const bank = await runImport(undefined, ["bank", fixture("bank-small.csv"), "--page", "x"]);
    expect(bank.code).toBe(1);
    expect(bank.stderr).toContain("expected --page only with facebook, found it with bank");
    const two = await runImport(undefined, ["facebook", fixture("facebook-small.csv"), "other.csv"]);
    expect(two.code).toBe(1);
    expect(two.stderr).toContain('expected one file (several only with sentiment), found also "other.csv"');
  });

  it("prints usage with --help", async () => {
    const r = await runImport(undefined, ["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: npm run import -- <kind> <file> \[options\]/);
    expect(r.stdout).toMatch(/^  bank <contacts\.csv> /m);
  });
});

describe("import facebook (fixture: 7 rows, 3 of them bad)", () => {
  let db: TestDatabase;
  let sql: SqlHandle;
  let first: CliRun;

  beforeAll(async () => {
    db = await createTestDatabase();
    first = await runImport(db, ["facebook", fixture("facebook-small.csv"), "--page", "@Glow_Cosmetics"]);
    sql = await openSql(db.url);
  });
  afterAll(async () => {
    await sql?.close();
    await db?.drop();
  });

  it("reports rows read, posts created and each skipped row with its line and column", () => {
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('line 5, column "Type": expected Photo, Status, Link or Video, found "Reel"');
    expect(first.stdout).toContain('line 6, column "Category": expected a whole number, found "x"');
    expect(first.stdout).toContain('line 8, column "Post Hour": expected a value, found an empty field');
    expect(first.stdout).toContain("missing values   Paid 1, like 1, share 1 (absent metrics, not zeros)");
    expect(lastLine(first.stdout)).toMatch(/^imported facebook: 7 rows read, 4 posts \(4 created, 0 updated\), 3 skipped in [\d.]+ s into (sqlite|postgres)$/);
  });

  it("writes one brand account with the largest Page total likes and one post per good row", async () => {
    expect(await counts(sql)).toEqual({ users: 1, posts: 4, interactions: 0 });
    const [brand] = await sql.all<Record<string, unknown>>(`SELECT "platform", "handle", "followers", "isBrand" FROM "users"`);
    expect({ ...brand, followers: Number(brand.followers), isBrand: Boolean(brand.isBrand) }).toEqual({
      platform: "FACEBOOK",
      handle: "glow_cosmetics",
      followers: 139441,
      isBrand: true,
    });
  });

  it("maps a row's type, category, paid, date and metrics (line 2)", async () => {
    // sha1("139441;Photo;2;12;4;3;0") starts 26226faa; weekday 4 = Wednesday, the first of Dec 2014 is the 3rd
    expect(await post(sql, "FACEBOOK", "fb-2-26226faa")).toEqual({
      text: "",
      mediaType: "PHOTO",
      category: "product",
      paid: false,
      publishedAt: "2014-12-03T03:00:00.000Z",
      impressions: 5091,
      reach: 2752,
      likes: 79,
      comments: 4,
      shares: 17,
      clicks: 159,
      conversions: 0,
    });
  });

  it("a row with empty like/share keeps its other metrics; an empty Paid stores the default", async () => {
    const [line4] = await sql.all<{ externalId: string }>(`SELECT "externalId" FROM "posts" WHERE "externalId" LIKE 'fb-4-%'`);
    expect(await post(sql, "FACEBOOK", line4.externalId)).toMatchObject({ category: "action", publishedAt: "2014-10-03T08:00:00.000Z", impressions: 2158, clicks: 49, likes: 0 });
    const [line7] = await sql.all<{ externalId: string }>(`SELECT "externalId" FROM "posts" WHERE "externalId" LIKE 'fb-7-%'`);
    expect(await post(sql, "FACEBOOK", line7.externalId)).toMatchObject({ mediaType: "LINK", category: "inspiration", paid: false, publishedAt: "2014-01-05T23:00:00.000Z" });
  });

  it("a second import of the same file updates the same posts and changes no counts", async () => {
    const before = await counts(sql);
    const again = await runImport(db, ["facebook", fixture("facebook-small.csv"), "--page", "glow_cosmetics"]);
    expect(again.code).toBe(0);
    expect(lastLine(again.stdout)).toMatch(/^imported facebook: 7 rows read, 4 posts \(0 created, 4 updated\), 3 skipped/);
    expect(await counts(sql)).toEqual(before);
    expect(await post(sql, "FACEBOOK", "fb-2-26226faa")).toMatchObject({ likes: 79, impressions: 5091 });
  });
});

describe("import ratings (fixture: 9 lines, 2 bad, 1 repeated; catalogue without item 0000003)", () => {
  let db: TestDatabase;
  let sql: SqlHandle;
  let first: CliRun;
  const args = () => ["ratings", fixture("ratings-small.dat"), "--items", fixture("movies-small.dat")];

  beforeAll(async () => {
    db = await createTestDatabase();
    first = await runImport(db, args());
    sql = await openSql(db.url);
  });
  afterAll(async () => {
    await sql?.close();
    await db?.drop();
  });

  it("reports the bad lines with their numbers and the counts", () => {
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('ratings-small.dat: line 5, column "rating": expected a number from 0 to 10, found "x"');
    expect(first.stdout).toContain("ratings-small.dat: line 7: expected 4 fields user_id::item_id::rating::unix_timestamp, found 1");
    expect(first.stdout).toContain('3 created, 0 updated, 1 not in the catalogue ("item <id>")');
    expect(lastLine(first.stdout)).toMatch(/^imported ratings: 9 lines read, 4 users, 3 posts, 6 interactions recorded \(1 duplicates\), 2 skipped in [\d.]+ s/);
  });

  it("writes 4 people + the catalogue account, 3 item posts and 6 interactions", async () => {
    expect(await counts(sql)).toEqual({ users: 5, posts: 3, interactions: 6 });
    const handles = await sql.all<{ handle: string; isBrand: unknown }>(`SELECT "handle", "isBrand" FROM "users" WHERE "platform" = 'TWITTER' ORDER BY "handle"`);
    expect(handles.map((h) => [h.handle, Boolean(h.isBrand)])).toEqual([
      ["movietweetings", true],
      ["mt_1", false],
      ["mt_2", false],
      ["mt_3", false],
      ["mt_4", false],
    ]);
  });

  it("an item post: catalogue text and category, earliest rating as publishedAt, counters from the ratings", async () => {
    // item 0000001 is rated by users 1, 2 and 4 (line 10 repeats line 1); the earliest is line 3, 1364690142 = 2013-03-31T00:35:42Z
    expect(await post(sql, "TWITTER", "0000001")).toMatchObject({
      text: "The Bank (1915) #comedy #short",
      category: "comedy",
      mediaType: "TEXT",
      publishedAt: "2013-03-31T00:35:42.000Z",
      likes: 3,
      reach: 3,
    });
    expect(await post(sql, "TWITTER", "0000002")).toMatchObject({ text: "Blade Runner (1982) #scifi #thriller", category: "sci-fi", likes: 2, reach: 2 });
    expect(await post(sql, "TWITTER", "0000003")).toMatchObject({ text: "item 0000003", category: null, likes: 1 });
    const tags = await sql.all<{ tag: string }>(
      `SELECT "h"."tag" FROM "post_hashtags" "h" JOIN "posts" "p" ON "p"."id" = "h"."postId" WHERE "p"."externalId" = '0000001' ORDER BY "h"."tag"`,
    );
    expect(tags.map((t) => t.tag)).toEqual(["comedy", "short"]);
  });

  it("an interaction keeps the rating as value, the timestamp and the mt:<user>:<item>:<timestamp> id", async () => {
    const [row] = await sql.all<Record<string, unknown>>(`SELECT "type", "value", "occurredAt" FROM "interactions" WHERE "externalId" = 'mt:2:0000001:1364690142'`);
    expect({ ...row, value: Number(row.value), occurredAt: iso(row.occurredAt) }).toEqual({ type: "LIKE", value: 10, occurredAt: "2013-03-31T00:35:42.000Z" });
  });

  it("a second import changes no counts; without --items a stored post keeps its title", async () => {
    const before = await counts(sql);
    const again = await runImport(db, args());
    expect(again.code).toBe(0);
    expect(lastLine(again.stdout)).toMatch(/^imported ratings: 9 lines read, 4 users, 3 posts, 0 interactions recorded \(7 duplicates\), 2 skipped/);
    const bare = await runImport(db, ["ratings", fixture("ratings-small.dat")]);
    expect(bare.code).toBe(0);
    expect(await counts(sql)).toEqual(before);
    expect(await post(sql, "TWITTER", "0000001")).toMatchObject({ text: "The Bank (1915) #comedy #short", likes: 3, reach: 3, publishedAt: "2013-03-31T00:35:42.000Z" });
  });
});

type Attributes = { age?: number; job?: string; maritalStatus?: string; education?: string; extra?: Record<string, unknown> };

/** The people of the bank import (platform OTHER), by handle, with their attributes parsed (simple-json is text in both dialects). */
async function bankPeople(sql: SqlHandle): Promise<Map<string, { isBrand: boolean; attributes: Attributes | null }>> {
  const rows = await sql.all<{ handle: string; isBrand: unknown; attributes: unknown }>(`SELECT "handle", "isBrand", "attributes" FROM "users" WHERE "platform" = 'OTHER'`);
  return new Map(
    rows.map((r) => [
      r.handle,
      { isBrand: Boolean(r.isBrand), attributes: typeof r.attributes === "string" ? (JSON.parse(r.attributes) as Attributes) : ((r.attributes as Attributes | null) ?? null) },
    ]),
  );
}

describe("import bank (fixture: 9 contacts, 3 bad; unknowns in 6 columns)", () => {
  let db: TestDatabase;
  let sql: SqlHandle;
  let first: CliRun;

  beforeAll(async () => {
    db = await createTestDatabase();
    first = await runImport(db, ["bank", fixture("bank-small.csv")]);
    sql = await openSql(db.url);
  });
  afterAll(async () => {
    await sql?.close();
    await db?.drop();
  });

  it("reports rows read, people created, the converted share, unknowns and each skipped line with its column", () => {
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('line 6, column "y": expected yes or no, found "maybe"');
    expect(first.stdout).toContain('line 7, column "age": expected an age from 13 to 120, found 130');
    expect(first.stdout).toContain("line 10: expected 21 semicolon-separated fields, found 3");
    expect(first.stdout).toContain("converted        3 of 6 (50.0%)");
    expect(first.stdout).toContain("unknown values   job 1, marital 1, education 1, default 1, housing 1, loan 1 (stored as null)");
    expect(lastLine(first.stdout)).toMatch(/^imported bank: 9 rows read, 6 people \(6 created, 0 updated\), 3 converted \(50\.0%\), 3 skipped in [\d.]+ s into (sqlite|postgres)$/);
  });

  it("writes one person per good line: platform OTHER, handle bank-<line>, not a brand", async () => {
    expect(await counts(sql)).toEqual({ users: 6, posts: 0, interactions: 0 });
    const people = await bankPeople(sql);
    expect([...people.keys()].sort()).toEqual(["bank-2", "bank-3", "bank-4", "bank-5", "bank-8", "bank-9"]);
    expect([...people.values()].every((p) => !p.isBrand)).toBe(true);
  });

  it("line 3: typed attributes, every other column in extra under its header name, pdays kept, converted true", async () => {
    expect((await bankPeople(sql)).get("bank-3")!.attributes).toEqual({
      age: 33,
      job: "admin.",
      maritalStatus: "single",
      education: "university.degree",
      extra: {
        default: "no",
        housing: "no",
        loan: "no",
        contact: "cellular",
        month: "nov",
        day_of_week: "thu",
        duration: 655,
        campaign: 1,
        pdays: 6,
        previous: 1,
        poutcome: "success",
        "emp.var.rate": -0.1,
        "cons.price.idx": 93.2,
        "cons.conf.idx": -42,
        euribor3m: 4.076,
        "nr.employed": 5195.8,
        converted: true,
      },
    });
  });

  it('line 4 and 8: "unknown" leaves a typed attribute out and is null in extra; pdays 999 is null', async () => {
    const people = await bankPeople(sql);
    const line4 = people.get("bank-4")!.attributes!;
    expect(line4).not.toHaveProperty("education");
    expect(line4).toMatchObject({ age: 58, job: "retired", maritalStatus: "divorced" });
    expect(line4.extra).toMatchObject({ default: null, housing: "yes", pdays: null, converted: false });
    const line8 = people.get("bank-8")!.attributes!;
    expect(line8).not.toHaveProperty("maritalStatus");
    expect(line8.extra).toMatchObject({ housing: null, loan: null, "nr.employed": 5228.1 });
  });

  it("stores exactly bankRowToAttributes of each parsed row (what the evaluation CLI builds without a database)", async () => {
    const people = await bankPeople(sql);
    for (const row of parseBankCsv(readFileSync(fixture("bank-small.csv"), "utf8")).rows) {
      expect(people.get(`bank-${row.line}`)?.attributes).toEqual(bankRowToAttributes(row));
    }
  });

  it("a second import of the same file updates the same people and changes nothing else", async () => {
    const before = await counts(sql);
    const stored = await bankPeople(sql);
    const again = await runImport(db, ["bank", fixture("bank-small.csv")]);
    expect(again.code).toBe(0);
    expect(lastLine(again.stdout)).toMatch(/^imported bank: 9 rows read, 6 people \(0 created, 6 updated\), 3 converted \(50\.0%\), 3 skipped/);
    expect(await counts(sql)).toEqual(before);
    expect(await bankPeople(sql)).toEqual(stored);
  });
});

describe("import: --strict and rows the services refuse", () => {
  let tmp: string;
  beforeAll(() => void (tmp = mkdtempSync(path.join(os.tmpdir(), "resonance-import-"))));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("--strict aborts on the first bad line before writing anything (exit code 1)", async () => {
    const db = await createTestDatabase();
    try {
      const fb = await runImport(db, ["facebook", fixture("facebook-small.csv"), "--strict"]);
      expect(fb.code).toBe(1);
      expect(fb.stderr).toContain('import failed: --strict: 3 bad lines, nothing written; first: facebook-small.csv: line 5, column "Type"');
      const ratings = await runImport(db, ["ratings", fixture("ratings-small.dat"), "--strict"]);
      expect(ratings.code).toBe(1);
      expect(ratings.stderr).toContain("--strict: 2 bad lines, nothing written");
      const bank = await runImport(db, ["bank", fixture("bank-small.csv"), "--strict"]);
      expect(bank.code).toBe(1);
      expect(bank.stderr).toContain('import failed: --strict: 3 bad lines, nothing written; first: bank-small.csv: line 6, column "y": expected yes or no, found "maybe"');
      const sql = await openSql(db.url);
      expect(await counts(sql)).toEqual({ users: 0, posts: 0, interactions: 0 });
      await sql.close();
    } finally {
      await db.drop();
    }
  });

  it("a line the services refuse is reported with its line and field; the rest of its batch is written", async () => {
    const file = path.join(tmp, "refused.dat");
    // line 2: a rating beyond MovieTweetings' 0–10 (refused when read); line 3: a 1970 time, before the earliest accepted post date (2004), refused by the service
    writeFileSync(file, "1::0000001::7::1365029107\n2::0000001::5000000000::1365029200\n3::0000002::7::100\n");
    const db = await createTestDatabase();
    try {
      const r = await runImport(db, ["ratings", file, "--batch", "2"]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('line 2, column "rating": expected a number from 0 to 10, found "5000000000"');
      expect(r.stdout).toMatch(/line 3, column "publishedAt": expected a date between 2004-01-01T00:00:00.000Z and .*, found 1970-01-01T00:01:40.000Z/);
      expect(r.stdout).toContain("line 3: not recorded: its item 0000002 was refused");
      const sql = await openSql(db.url);
      expect(await counts(sql)).toEqual({ users: 3, posts: 1, interactions: 1 });
      await sql.close();
    } finally {
      await db.drop();
    }
  });
});

const facebookCsv = shared("facebook_metrics/dataset_Facebook.csv");
const trainDat = shared("movietweetings_100k/train.dat");
const moviesDat = shared("movietweetings_100k/movies.dat");
const hasFacebook = existsSync(facebookCsv);
const hasRatings = existsSync(trainDat) && existsSync(moviesDat);
const bankCsv = shared("bank_marketing/bank-additional-full.csv");
const hasBank = existsSync(bankCsv);
const maybeBank = hasBank ? it : it.skip;
const maybeFacebook = hasFacebook ? it : it.skip;
const maybeRatings = hasRatings ? it : it.skip;
/** The test's name, with the reason when it is skipped. */
const named = (name: string, present: boolean, files: string[]) => (present ? name : `${name} — SKIPPED: ${files.join(" or ")} not found`);

describe("import the shared data sets (skipped when ../shared/data is absent)", () => {
  let db: TestDatabase;
  let sql: SqlHandle;
  beforeAll(async () => {
    db = await createTestDatabase();
    sql = await openSql(db.url);
  });
  afterAll(async () => {
    await sql?.close();
    await db?.drop();
  });

  maybeFacebook(named(`facebook: every row of ${path.relative(root, facebookCsv)} becomes a post, twice without new rows`, hasFacebook, [facebookCsv]), async () => {
    const dataLines = readFileSync(facebookCsv, "utf8").trim().split("\n").length - 1;
    const r = await runImport(db, ["facebook", facebookCsv]);
    expect(r.code).toBe(0);
    expect(lastLine(r.stdout)).toMatch(new RegExp(`^imported facebook: ${dataLines} rows read, ${dataLines} posts \\(${dataLines} created, 0 updated\\), 0 skipped`));
    const [fb] = await sql.all<{ n: number | string }>(`SELECT COUNT(*) AS n FROM "posts" WHERE "platform" = 'FACEBOOK'`);
    expect(Number(fb.n)).toBe(dataLines);
    const again = await runImport(db, ["facebook", facebookCsv]);
    expect(again.code).toBe(0);
    const [fb2] = await sql.all<{ n: number | string }>(`SELECT COUNT(*) AS n FROM "posts" WHERE "platform" = 'FACEBOOK'`);
    expect(Number(fb2.n)).toBe(dataLines);
  });

  maybeRatings(named(`ratings: ${path.relative(root, trainDat)} with movies.dat, counts from the file, idempotent`, hasRatings, [trainDat, moviesDat]), async () => {
    // Expected counts straight from the file (the README's loader), not from the importer's parser.
    const lines = readFileSync(trainDat, "utf8").split("\n").filter(Boolean).map((l) => l.split("::"));
    const people = new Set(lines.map((l) => l[0])).size;
    const items = new Set(lines.map((l) => l[1])).size;
    const before = await counts(sql);
    const r = await runImport(db, ["ratings", trainDat, "--items", moviesDat]);
    expect(r.code).toBe(0);
    expect(lastLine(r.stdout)).toMatch(new RegExp(`^imported ratings: ${lines.length} lines read, ${people} users, ${items} posts, ${lines.length} interactions recorded \\(0 duplicates\\), 0 skipped`));
    const after = await counts(sql);
    expect(after).toEqual({ users: before.users + people + 1, posts: before.posts + items, interactions: before.interactions + lines.length });
    const [likes] = await sql.all<{ n: number | string }>(`SELECT SUM("likes") AS n FROM "posts" WHERE "platform" = 'TWITTER'`);
    expect(Number(likes.n)).toBe(lines.length);
    const again = await runImport(db, ["ratings", trainDat, "--items", moviesDat]);
    expect(again.code).toBe(0);
    expect(await counts(sql)).toEqual(after);
  });

  maybeBank(named(`bank: ${path.relative(root, bankCsv)} → 28,832 people, 3,248 converted, as bankRowToAttributes builds them, idempotent`, hasBank, [bankCsv]), async () => {
    const text = readFileSync(bankCsv, "utf8");
    // The README's figures for the development split: 28,832 contacts, 3,248 yes.
    const r = await runImport(db, ["bank", bankCsv]);
    expect(r.code).toBe(0);
    expect(lastLine(r.stdout)).toMatch(/^imported bank: 28832 rows read, 28832 people \(28832 created, 0 updated\), 3248 converted \(11\.3%\), 0 skipped/);
    const people = await bankPeople(sql);
    expect(people.size).toBe(28832);
    expect([...people.values()].filter((p) => p.attributes?.extra?.converted === true).length).toBe(3248);
    for (const row of parseBankCsv(text).rows) expect(people.get(`bank-${row.line}`)?.attributes).toEqual(bankRowToAttributes(row));
    const before = await counts(sql);
    const again = await runImport(db, ["bank", bankCsv]);
    expect(again.code).toBe(0);
    expect(lastLine(again.stdout)).toMatch(/^imported bank: 28832 rows read, 28832 people \(0 created, 28832 updated\)/);
    expect(await counts(sql)).toEqual(before);
  });
});

describe("import sentiment (labelled texts for the learned model)", () => {
  let db: TestDatabase;
  let sql: SqlHandle;

  beforeAll(async () => {
    db = await createTestDatabase();
    sql = await openSql(db.url);
  });

  afterAll(async () => {
    await sql?.close();
    await db?.drop();
  });

  it("stores every row as an example with the file as its source, and a re-import adds nothing", async () => {
    const first = await runImport(db, ["sentiment", fixture("sentiment-small.tsv")]);
    expect(first.code).toBe(0);
    expect(lastLine(first.stdout)).toMatch(/^imported sentiment: 4 rows read, 4 examples stored, 0 skipped in [\d.]+ s into (sqlite|postgres);/);
    const rows = await sql.all<{ key: string; label: string; score: number | null; source: string; text: string }>(`SELECT "key", "label", "score", "source", "text" FROM "sentiment_examples" ORDER BY "id"`);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatchObject({ key: "sentiment-small.tsv:1", label: "positive", source: "sentiment-small.tsv", text: "So lucky to have amazing friends." });
    expect(Number(rows[0].score)).toBeCloseTo(0.6816, 6);
    expect(rows[1]).toMatchObject({ label: "neutral", score: null });
    const again = await runImport(db, ["sentiment", fixture("sentiment-small.tsv")]);
    expect(again.code).toBe(0);
    expect(await countRows(sql, "sentiment_examples")).toBe(4);
  });

  it("reports each bad row with its line and column and stores the others; --strict writes nothing", async () => {
    const before = await countRows(sql, "sentiment_examples");
    const strict = await runImport(db, ["sentiment", fixture("sentiment-mixed.tsv"), "--strict"]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain("import failed: 5 bad lines (--strict): nothing was written; first: sentiment-mixed.tsv: line 3, column \"label\": expected a label of negative, neutral, positive");
    expect(await countRows(sql, "sentiment_examples")).toBe(before);

    const r = await runImport(db, ["sentiment", fixture("sentiment-mixed.tsv")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('line 4, column "score": expected an empty score or a number in [-1, 1], found "2"');
    expect(r.stdout).toContain('line 5, column "label": expected positive for the score 0.9 (|score| < 0.05 is neutral), found negative');
    expect(r.stdout).toContain("line 6: expected 3 tab-separated fields (label, score, text), found 2");
    // A text the server would refuse is skipped here too (it used to reject its whole batch of 5,000 mid-import).
    expect(r.stdout).toContain('line 8, column "text": expected 1–10000 characters (after trimming and removing control characters), found 0');
    expect(lastLine(r.stdout)).toMatch(/^imported sentiment: 7 rows read, 2 examples stored, 5 skipped in /);
    const rows = await sql.all<{ key: string; text: string }>(`SELECT "key", "text" FROM "sentiment_examples" WHERE "source" = 'sentiment-mixed.tsv' ORDER BY "key"`);
    // Keys are the rows' ordinals in the file, bad rows counted, so fixing a bad row later adds it under its own key.
    expect(rows.map((x) => [x.key, x.text])).toEqual([
      ["sentiment-mixed.tsv:1", "fine"],
      ["sentiment-mixed.tsv:6", "just a text"],
    ]);
  });

  it("with --strict, reads every file before writing any: a bad row in the second file writes nothing from the first", async () => {
    const before = await countRows(sql, "sentiment_examples");
    const r = await runImport(db, ["sentiment", fixture("sentiment-train.tsv"), fixture("sentiment-bad-label.tsv"), "--strict"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/import failed: 1 bad line \(--strict\): nothing was written; first: sentiment-bad-label\.tsv: line 3, column "label": expected a label/);
    expect(await countRows(sql, "sentiment_examples")).toBe(before);
    const same = await runImport(db, ["sentiment", fixture("sentiment-train.tsv"), fixture("sentiment-train.tsv")]);
    expect(same.code).toBe(1);
    expect(same.stderr).toContain('expected files with distinct names (examples are keyed by file name and row), found "sentiment-train.tsv" twice');
    expect(await countRows(sql, "sentiment_examples")).toBe(before);
  });

  it("imports several files in one command, each file the source of its rows", async () => {
    const r = await runImport(db, ["sentiment", fixture("sentiment-small.tsv"), fixture("sentiment-train.tsv")]);
    expect(r.code).toBe(0);
    const summaries = r.stdout.split("\n").filter((line) => line.startsWith("imported sentiment:"));
    expect(summaries).toHaveLength(2);
    expect(summaries[0]).toMatch(/^imported sentiment: 4 rows read, 4 examples stored, 0 skipped/);
    expect(summaries[1]).toMatch(/^imported sentiment: 36 rows read, 36 examples stored, 0 skipped/);
    const bySource = await sql.all<{ source: string; n: number }>(`SELECT "source", COUNT(*) AS "n" FROM "sentiment_examples" GROUP BY "source" ORDER BY "source"`);
    expect(bySource.map((row) => [row.source, Number(row.n)])).toEqual([
      ["sentiment-mixed.tsv", 2],
      ["sentiment-small.tsv", 4],
      ["sentiment-train.tsv", 36],
    ]);
  });
});
