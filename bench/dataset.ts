import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import Sqlite from "better-sqlite3";
import { Client } from "pg";
import { runNode } from "./children";

/** The demo data set's size; `seed` drives every random choice of the generator. */
export interface Sizes {
  seed: number;
  users: number;
  posts: number;
  interactions: number;
}

export interface Dataset {
  /** sqlite:<file> or the PostgreSQL URL the servers use. */
  dialect: "sqlite" | "postgres";
  /** The cached, seeded SQLite file (copied before every use), or undefined on PostgreSQL. */
  file?: string;
  /** True when seeding ran in this run. */
  seeded: boolean;
  seedSeconds?: number;
  seedReport?: unknown;
  counts: { users: number; posts: number; interactions: number };
}

type Log = (line: string) => void;

/** What the seeded data depends on besides the sizes: the generator's and the migrations' sources. */
function sourceFingerprint(root: string, dialect: "sqlite" | "postgres"): string {
  const hash = createHash("sha256");
  for (const dir of ["seeds", path.join("migrations", dialect)]) {
    const abs = path.join(root, dir);
    if (!existsSync(abs)) continue;
    for (const name of readdirSync(abs).sort()) {
      if (!name.endsWith(".ts")) continue;
      hash.update(`${dir}/${name}\0`);
      hash.update(readFileSync(path.join(abs, name)));
    }
  }
  return hash.digest("hex").slice(0, 10);
}

function childEnv(databaseUrl: string): Record<string, string | undefined> {
  return { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production", LOG_LEVEL: "warn", DATABASE_URL: databaseUrl, SEED_ON_EMPTY: "false" };
}

async function seedInto(root: string, databaseUrl: string, sizes: Sizes, log: Log): Promise<{ seconds: number; report: unknown }> {
  const started = performance.now();
  let out: string;
  try {
    out = await runNode(path.join(root, "dist", "bench", "seed-db.js"), [JSON.stringify(sizes)], childEnv(databaseUrl), root);
  } catch (err) {
    if ((err as { exitCode?: number }).exitCode === 3) {
      throw new Error("the seed generator cannot be loaded (seeds/generate.ts missing or broken); bench an existing SQLite file with --db <file> meanwhile");
    }
    throw err;
  }
  const seconds = (performance.now() - started) / 1000;
  const last = out.trim().split("\n").pop() ?? "{}";
  log(`seeded in ${seconds.toFixed(1)} s: ${last}`);
  return { seconds, report: JSON.parse(last) as unknown };
}

export function sqliteCounts(file: string): Dataset["counts"] {
  const db = new Sqlite(file, { readonly: true, fileMustExist: true });
  try {
    const n = (table: string) => Number((db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n);
    return { users: n("users"), posts: n("posts"), interactions: n("interactions") };
  } finally {
    db.close();
  }
}

export async function pgCounts(url: string): Promise<Dataset["counts"] | undefined> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const exists = await client.query(`SELECT to_regclass('public.users') IS NOT NULL AS ok`);
    if (!exists.rows[0].ok) return undefined;
    const n = async (table: string) => Number((await client.query(`SELECT COUNT(*) AS n FROM "${table}"`)).rows[0].n);
    return { users: await n("users"), posts: await n("posts"), interactions: await n("interactions") };
  } finally {
    await client.end();
  }
}

/**
 * A seeded SQLite file for these sizes, cached under var/bench/db/ (keyed by the sizes and by the
 * sources of the generator and the migrations) so that re-runs skip seeding. The file is
 * checkpointed into a single file (journal_mode=DELETE) and never opened by a server: each server
 * gets its own copy.
 */
export async function prepareSqlite(root: string, sizes: Sizes, fresh: boolean, log: Log): Promise<Dataset> {
  const dir = path.join(root, "var", "bench", "db");
  mkdirSync(dir, { recursive: true });
  const key = `demo-s${sizes.seed}-u${sizes.users}-p${sizes.posts}-i${sizes.interactions}-${sourceFingerprint(root, "sqlite")}`;
  const file = path.join(dir, `${key}.db`);
  const meta = `${file}.json`;
  if (!fresh && existsSync(file) && existsSync(meta)) {
    const saved = JSON.parse(readFileSync(meta, "utf8")) as { seconds: number; report: unknown };
    const counts = sqliteCounts(file);
    log(`using the cached database ${path.relative(root, file)} (${counts.users} users, ${counts.posts} posts, ${counts.interactions} interactions)`);
    return { dialect: "sqlite", file, seeded: false, seedSeconds: saved.seconds, seedReport: saved.report, counts };
  }
  const tmp = path.join(dir, `${key}.tmp-${process.pid}.db`);
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
  log(`seeding ${sizes.users} users, ${sizes.posts} posts, ${sizes.interactions} interactions (seed ${sizes.seed}) into ${path.relative(root, file)}…`);
  try {
    const { seconds, report } = await seedInto(root, `sqlite:${tmp}`, sizes, log);
    const db = new Sqlite(tmp);
    db.pragma("wal_checkpoint(TRUNCATE)");
    db.pragma("journal_mode = DELETE");
    db.close();
    renameSync(tmp, file);
    writeFileSync(meta, `${JSON.stringify({ sizes, seconds, report }, null, 2)}\n`);
    // Same sizes seeded by an older generator or older migrations: stale, never used again.
    const sameSizes = `demo-s${sizes.seed}-u${sizes.users}-p${sizes.posts}-i${sizes.interactions}-`;
    for (const name of readdirSync(dir)) {
      if (name.startsWith(sameSizes) && !name.startsWith(key) && !name.includes(".tmp-")) rmSync(path.join(dir, name), { force: true });
    }
    return { dialect: "sqlite", file, seeded: true, seedSeconds: seconds, seedReport: report, counts: sqliteCounts(file) };
  } finally {
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
  }
}

/** An existing SQLite file (--db), checkpointed into a private copy so the original is never written. */
export function useSqliteFile(root: string, source: string, log: Log): Dataset {
  if (!existsSync(source)) throw new Error(`expected --db to name an existing SQLite file, found "${source}"`);
  const dir = path.join(root, "var", "bench", "db");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `external-${process.pid}.db`);
  const src = new Sqlite(source, { readonly: true, fileMustExist: true });
  try {
    src.exec(`VACUUM INTO '${file.replace(/'/g, "''")}'`);
  } finally {
    src.close();
  }
  const counts = sqliteCounts(file);
  log(`using ${source} (${counts.users} users, ${counts.posts} posts, ${counts.interactions} interactions)`);
  return { dialect: "sqlite", file, seeded: false, counts };
}

/**
 * PostgreSQL: seeds an empty database, reuses one this bench seeded with the same sizes (a marker
 * under var/bench/ remembers its counts) and refuses anything else rather than mix data sets.
 */
export async function preparePostgres(root: string, url: string, sizes: Sizes, log: Log): Promise<Dataset> {
  const target = new URL(url);
  const where = `${target.hostname}:${target.port || 5432}${target.pathname}`;
  const markerDir = path.join(root, "var", "bench");
  mkdirSync(markerDir, { recursive: true });
  const marker = path.join(markerDir, `pg-${createHash("sha256").update(where).digest("hex").slice(0, 10)}.json`);
  const key = { ...sizes, fingerprint: sourceFingerprint(root, "postgres") };
  const before = await pgCounts(url);
  if (before && before.users > 0) {
    const saved = existsSync(marker) ? (JSON.parse(readFileSync(marker, "utf8")) as { key: typeof key; counts: Dataset["counts"]; seconds: number; report: unknown }) : undefined;
    if (saved && JSON.stringify(saved.key) === JSON.stringify(key) && saved.counts.users === before.users && saved.counts.posts === before.posts) {
      log(`using the seeded PostgreSQL database ${where} (${before.users} users, ${before.posts} posts, ${before.interactions} interactions)`);
      return { dialect: "postgres", seeded: false, seedSeconds: saved.seconds, seedReport: saved.report, counts: before };
    }
    throw new Error(
      `expected an empty PostgreSQL database or one this bench seeded with the same sizes, found ${before.users} users and ${before.posts} posts in ${where}`,
    );
  }
  log(`seeding ${sizes.users} users, ${sizes.posts} posts, ${sizes.interactions} interactions (seed ${sizes.seed}) into PostgreSQL ${where}…`);
  const { seconds, report } = await seedInto(root, url, sizes, log);
  const counts = (await pgCounts(url))!;
  writeFileSync(marker, `${JSON.stringify({ where, key, counts, seconds, report }, null, 2)}\n`);
  return { dialect: "postgres", seeded: true, seedSeconds: seconds, seedReport: report, counts };
}

/**
 * The busy sessions of other clients in this PostgreSQL database (running a statement or holding a
 * transaction open), as a string that changes whenever any of them makes progress; "" when none.
 */
export async function pgActivity(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query(
      `SELECT pid, state, query_start FROM pg_stat_activity ` +
        `WHERE datname = current_database() AND pid <> pg_backend_pid() AND state IN ('active', 'idle in transaction') ORDER BY pid`,
    );
    return r.rows.map((row: { pid: number; state: string; query_start: Date | null }) => `${row.pid}:${row.state}:${row.query_start?.getTime() ?? ""}`).join(",");
  } finally {
    await client.end();
  }
}
