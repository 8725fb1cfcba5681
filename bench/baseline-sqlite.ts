/**
 * Same-run baseline for the write cases: the bare better-sqlite3 capacity of the same schema. A child
 * process opens a copy of the benchmark database with the server's pragmas and, for a few seconds,
 * inserts batches of rows drawn like the bench's `recordInteractions` batches (same users, posts,
 * type mix and times; "uniform" or "stream"), each batch one transaction of cached single-row
 * INSERT … ON CONFLICT DO NOTHING statements — what the server's insert itself does, without HTTP,
 * GraphQL, validation, reference lookups, reach or counters. Prints {"rows","seconds"} as JSON.
 *
 * argv: <db file> <uniform|stream> <seconds> <rows per batch>
 */
import Database from "better-sqlite3";

const [file, mode, secondsArg, batchArg] = process.argv.slice(2);
const seconds = Number(secondsArg);
const batch = Number(batchArg);
if (!file || (mode !== "uniform" && mode !== "stream") || !(seconds > 0) || !(batch > 0)) {
  process.stderr.write("usage: baseline-sqlite <db file> <uniform|stream> <seconds> <rows per batch>\n");
  process.exit(2);
}

const db = new Database(file);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = NORMAL");
db.pragma("cache_size = -65536");
db.pragma("temp_store = MEMORY");
db.pragma("wal_autocheckpoint = 50000");

const posts = (db.prepare(`SELECT "id" FROM "posts" ORDER BY "publishedAt" DESC, "id" DESC LIMIT 2000`).pluck().all() as number[]);
const users = (db.prepare(`SELECT "id" FROM "users" ORDER BY "createdAt" DESC, "id" DESC LIMIT 2000`).pluck().all() as number[]);
const insert = db.prepare(
  `INSERT INTO "interactions" ("userId", "postId", "type", "value", "text", "occurredAt", "externalId", "createdAt") ` +
    `VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT ("externalId") DO NOTHING`,
);

let seed = 7;
const random = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const types = ["VIEW", "VIEW", "VIEW", "VIEW", "VIEW", "VIEW", "LIKE", "LIKE", "CLICK", "COMMENT"];
const stamp = (ms: number) => new Date(ms).toISOString().replace("T", " ").replace("Z", "");
const recent = posts.slice(0, 200);
const now = Date.now();

let rows = 0;
let sequence = 0;
const started = performance.now();
const run = db.transaction((n: number) => {
  for (let i = 0; i < n; i++) {
    const k = sequence++;
    const post = mode === "stream" ? recent[Math.min(recent.length - 1, Math.floor(Math.pow(recent.length + 1, random()) - 1))] : posts[Math.floor(random() * posts.length)];
    const at = mode === "stream" ? now - 3_600_000 + (k % 8000) * 450 : now - Math.floor(random() * 30 * 86_400_000);
    const created = stamp(now);
    rows += insert.run(users[Math.floor(random() * users.length)], post, types[k % types.length], null, null, stamp(at), `baseline-${mode}-${k}`, created).changes;
  }
});
while ((performance.now() - started) / 1000 < seconds) run(batch);
const elapsed = (performance.now() - started) / 1000;
db.close();
process.stdout.write(JSON.stringify({ rows, seconds: elapsed }) + "\n");
