import { AsyncLocalStorage } from "node:async_hooks";
import type BetterSqlite3 from "better-sqlite3";
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from "typeorm";
import type { ColumnMetadata } from "typeorm/metadata/ColumnMetadata";
import { DateUtils } from "typeorm/util/DateUtils";
import { countStatement } from "./sql-counter";

/** The write unit a PostgreSQL read belongs to, so it runs on that unit's connection (see Database.query). */
const currentTx = new AsyncLocalStorage<Tx>();

/** Most write units one SQLite group commit takes. */
const maxGroup = 32;

export type Dialect = "sqlite" | "postgres";
export type Row = Record<string, unknown>;

/** What a write transaction offers: TypeORM's manager and the raw statement path, both inside it. */
export interface Tx {
  readonly manager: EntityManager;
  /** Rows of a statement (SELECT or … RETURNING). `?` placeholders in both dialects. */
  query<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a statement and returns the number of rows it changed. */
  execute(sql: string, params?: readonly unknown[]): Promise<number>;
  /**
   * Holds natural keys (a platform and handle, say) until the transaction ends, so that another write unit
   * locking one of them waits: a read-merge-write of rows that may not exist yet is then not interleaved.
   * PostgreSQL: transaction-level advisory locks on `lockBuckets` hash buckets per namespace, taken in one
   * order (two units never wait for each other in a circle, and a 5,000-row batch holds at most
   * `lockBuckets` locks). SQLite: nothing to do, write units run one at a time.
   */
  lockKeys(namespace: LockNamespace, keys: Iterable<string>): Promise<void>;
}

/**
 * PostgreSQL refuses a NUL character in text ("invalid byte sequence for encoding UTF8: 0x00"); SQLite stores it.
 * Stored text is cleaned before it gets here; a NUL that still arrives is in a lookup (a filter's handle or hashtag),
 * and is sent as U+FFFD, which matches nothing stored, as on SQLite, instead of failing the request.
 */
function pgParams(params: readonly unknown[]): unknown[] {
  return params.map((p) => (typeof p === "string" && p.includes("\u0000") ? p.replaceAll("\u0000", "\ufffd") : p));
}

/**
 * PostgreSQL: locks rows of `table` by id, in id order, so that units locking overlapping rows queue instead of
 * deadlocking. Units take them users first, then posts: an erasure locks its person (FOR UPDATE) before the posts
 * it corrects, and batches that reference people (interactions, a post's author) share-lock them (FOR KEY SHARE,
 * what the foreign key would take at the insert anyway) before they lock posts (FOR NO KEY UPDATE: compatible with
 * the foreign-key share locks of rows referencing them). SQLite runs one write unit at a time: nothing to do.
 */
export async function lockRowsInOrder(
  db: Database,
  tx: Tx,
  table: "users" | "posts",
  ids: readonly number[],
  mode: "FOR KEY SHARE" | "FOR NO KEY UPDATE" | "FOR UPDATE" = "FOR NO KEY UPDATE",
): Promise<Set<number> | null> {
  if (db.dialect !== "postgres") return null;
  return idsIn(tx, table, [...new Set(ids)].sort((a, b) => a - b), ` ORDER BY "id" ${mode}`);
}

/** Which of these ids `table` holds now (read inside the unit; `tail` adds a lock clause). */
export async function idsIn(tx: Tx, table: string, ids: readonly number[], tail = ""): Promise<Set<number>> {
  const found = new Set<number>();
  for (let start = 0; start < ids.length; start += 400) {
    const slice = ids.slice(start, start + 400);
    for (const r of await tx.query<{ id: number | string }>(`SELECT "id" FROM "${table}" WHERE "id" IN (${slice.map(() => "?").join(", ")})${tail}`, slice)) found.add(Number(r.id));
  }
  return found;
}

/**
 * Which of these ids of `table` are still stored, locked on PostgreSQL as `lockRowsInOrder` locks them (the lock's
 * read answers both); on SQLite, where one unit writes at a time, read inside the unit.
 */
export async function lockStillStored(db: Database, tx: Tx, table: "users" | "posts", ids: readonly number[], mode: "FOR KEY SHARE" | "FOR UPDATE"): Promise<Set<number>> {
  return (await lockRowsInOrder(db, tx, table, ids, mode)) ?? (await idsIn(tx, table, [...new Set(ids)]));
}

/** A database error's code: PostgreSQL's SQLSTATE ("40P01") or SQLite's ("SQLITE_CONSTRAINT_FOREIGNKEY"), as TypeORM wraps it or not. */
export function dbErrorCode(error: unknown): unknown {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  return e?.code ?? e?.driverError?.code;
}

/** What `Tx.lockKeys` keys name; each has its own advisory-lock space. */
export enum LockNamespace {
  users = 1,
  posts = 2,
}

/** Buckets per lock namespace (PostgreSQL's shared lock table holds 64 × max_connections locks by default). */
export const lockBuckets = 256;

/** FNV-1a of a key, as its lock bucket. */
export function lockBucket(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % lockBuckets;
}

type Convert = (value: unknown) => unknown;

const identity: Convert = (v) => v;

/** "2026-06-01 10:00:00.000" (how TypeORM stores a UTC datetime in SQLite) → Date, without a regex. */
function sqliteDate(v: unknown): unknown {
  if (typeof v !== "string") return v instanceof Date || v == null ? v : new Date(v as number);
  if (v.length === 23 && v[10] === " ") {
    return new Date(Date.UTC(+v.slice(0, 4), +v.slice(5, 7) - 1, +v.slice(8, 10), +v.slice(11, 13), +v.slice(14, 16), +v.slice(17, 19), +v.slice(20, 23)));
  }
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v.replace(" ", "T")}Z`);
}

/**
 * The conversion of one column from its raw database value, as TypeORM's prepareHydratedValue does
 * it, specialised once per column for the common types (a list page converts ~400 values) and
 * falling back to TypeORM for anything else.
 */
function converterFor(ds: DataSource, column: ColumnMetadata): Convert {
  const sqlite = ds.options.type !== "postgres";
  const { type } = column;
  const fallback: Convert = (v) => ds.driver.prepareHydratedValue(v, column);
  if (column.transformer) return fallback;
  if (type === Boolean || type === "boolean") return (v) => (v == null ? v : Boolean(v));
  if (type === Date || type === "datetime" || type === "timestamp") return sqlite ? sqliteDate : (v) => (v == null || v instanceof Date ? v : new Date(v as string));
  if (type === "simple-json") return (v) => (v == null || typeof v !== "string" ? v : JSON.parse(v));
  if (type === "integer" || type === "varchar" || type === "text" || type === "double precision" || type === String) return identity;
  if (type === Number) return (v) => (v == null ? v : Number(v));
  return fallback;
}

/** Maps raw rows (selected by database column name) to entity instances, with TypeORM's conversions. */
export class EntityMapper<T extends ObjectLiteral> {
  private readonly columns: ColumnMetadata[];
  private readonly converters: Array<{ property: string; name: string; convert: Convert }>;
  private readonly selects = new Map<string, string>();

  constructor(
    private readonly ds: DataSource,
    private readonly target: { prototype: T },
  ) {
    const meta = ds.getMetadata(target as EntityTarget<T>);
    // A relation's join column is kept only when the entity also declares it as a plain id property.
    this.columns = meta.columns.filter((c) => !c.relationMetadata || c.propertyName !== c.relationMetadata.propertyName);
    this.converters = this.columns.map((c) => ({ property: c.propertyName, name: c.databaseName, convert: converterFor(ds, c) }));
  }

  /** `"p"."id", "p"."text", …` for the given alias. */
  select(alias: string): string {
    let s = this.selects.get(alias);
    if (!s) {
      s = this.columns.map((c) => `"${alias}"."${c.databaseName}"`).join(", ");
      this.selects.set(alias, s);
    }
    return s;
  }

  hydrate(row: Row): T {
    const entity = Object.create(this.target.prototype) as Record<string, unknown>;
    for (const c of this.converters) entity[c.property] = c.convert(row[c.name]);
    return entity as T;
  }

  hydrateAll(rows: Row[]): T[] {
    return rows.map((r) => this.hydrate(r));
  }

  /** The column metadata of a property (throws on an unknown one: a programming error). */
  column(property: string): ColumnMetadata {
    const c = this.columns.find((col) => col.propertyName === property);
    if (!c) throw new Error(`${this.target.prototype.constructor.name} has no column "${property}"`);
    return c;
  }

  /** A property's value as the driver persists it (simple-json → text, dates per dialect, …). */
  persist(property: string, value: unknown): unknown {
    return this.ds.driver.preparePersistentValue(value, this.column(property));
  }
}

/**
 * The one gateway to the database. Reads that sit on hot paths go through `query` (a cached prepared
 * statement on SQLite, the pool on PostgreSQL); writes go through `write`, all-or-nothing and, on
 * SQLite, serialised: the embedded database has a single connection, and two interleaved TypeORM
 * transactions on it would nest as savepoints of each other. Reads on SQLite share that connection,
 * so a read that runs while a write unit is open sees its uncommitted rows.
 */
export class Database {
  readonly dialect: Dialect;
  private readonly sqlite: BetterSqlite3.Database | undefined;
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  private readonly pgText = new Map<string, string>();
  private readonly mappers = new Map<unknown, EntityMapper<ObjectLiteral>>();

  constructor(readonly ds: DataSource) {
    this.dialect = ds.options.type === "postgres" ? "postgres" : "sqlite";
    this.sqlite =
      this.dialect === "sqlite" ? (ds.driver as unknown as { databaseConnection: BetterSqlite3.Database }).databaseConnection : undefined;
  }

  mapper<T extends ObjectLiteral>(target: { prototype: T }): EntityMapper<T> {
    let m = this.mappers.get(target);
    if (!m) {
      m = new EntityMapper(this.ds, target);
      this.mappers.set(target, m);
    }
    return m as unknown as EntityMapper<T>;
  }

  /**
   * Rows of a read. `?` placeholders in both dialects. Inside a write unit on PostgreSQL it runs on
   * that unit's connection: a second pool connection per unit would see uncommitted state differently
   * and, with as many concurrent units as pool connections, wait forever for a free one.
   */
  async query<T = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    if (this.sqlite) return this.sqliteAll<T>(sql, params);
    const tx = currentTx.getStore();
    if (tx) return tx.query<T>(sql, params);
    return (await this.ds.query(this.toPg(sql), pgParams(params))) as T[];
  }

  /**
   * One all-or-nothing unit of writes. PostgreSQL: a transaction of its own. SQLite: the units queued
   * while another group was committing run together in one transaction, each inside its own SAVEPOINT
   * (group commit): a unit that fails rolls back alone, the others commit together, and every caller
   * hears back only after the COMMIT that made its rows durable. One COMMIT then writes the pages
   * that several batches share (WAL frames cost most of a SQLite batch), instead of one per batch.
   */
  write<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    if (!this.sqlite) return this.pgWrite(fn);
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn: fn as (tx: Tx) => Promise<unknown>, resolve: resolve as (v: unknown) => void, reject });
      if (!this.draining) void this.drain();
    });
  }

  /**
   * PostgreSQL: the unit in a transaction of its own, run again (up to 4 times, after a short random pause) when
   * PostgreSQL aborts it to break a deadlock or a serialisation conflict. Units take their explicit locks in one
   * order (people, then posts, each in id order), but the row locks that upserts (ON CONFLICT … DO UPDATE) and
   * foreign keys take implicitly follow the statements' plans; this is the safety net for those. The unit is
   * all-or-nothing, so running it again is running it once.
   */
  private async pgWrite<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.ds.transaction((manager) => {
          const tx = this.pgTx(manager);
          return currentTx.run(tx, () => fn(tx));
        });
      } catch (error) {
        const code = dbErrorCode(error);
        if ((code !== "40P01" && code !== "40001") || attempt >= 4) throw error;
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
      }
    }
  }

  private dataVersionStmt: BetterSqlite3.Statement | undefined;

  /** Bumped whenever a write group starts and ends here; see dataVersion(). */
  private writes = 0;

  /**
   * A token that changes whenever the data may have changed: SQLite's `PRAGMA data_version` (moved by
   * other connections to the file, e.g. `npm run import` while the server runs) plus this process's
   * own write groups. Undefined while a write group is open (its reads see uncommitted rows) and on
   * PostgreSQL, where other servers may write unseen.
   */
  dataVersion(): string | undefined {
    if (!this.sqlite || this.draining) return undefined;
    this.dataVersionStmt ??= this.sqlite.prepare("PRAGMA data_version").pluck();
    return `${this.writes}:${this.dataVersionStmt.get() as number}`;
  }

  private readonly queue: Array<{ fn: (tx: Tx) => Promise<unknown>; resolve: (v: unknown) => void; reject: (e: unknown) => void }> = [];
  private draining = false;

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        // Let pending I/O run once first: requests whose bodies have arrived get through parsing and
        // validation (synchronous work plus resolved promises) and join this group. Without the yield
        // every group is a single unit, since nothing else runs between a unit and the next.
        await new Promise<void>((resolve) => setImmediate(resolve));
        const group = this.queue.splice(0, maxGroup);
        this.writes += 1;
        const runner = this.ds.createQueryRunner();
        const tx = this.sqliteTx(runner.manager);
        const outcomes: Array<{ ok: boolean; value: unknown }> = [];
        try {
          await runner.startTransaction();
          for (const job of group) {
            await runner.startTransaction(); // a SAVEPOINT inside the group's transaction
            try {
              const value = await job.fn(tx);
              await runner.commitTransaction();
              outcomes.push({ ok: true, value });
            } catch (error) {
              await runner.rollbackTransaction();
              outcomes.push({ ok: false, value: error });
            }
          }
          await runner.commitTransaction();
        } catch (error) {
          if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
          this.writes += 1;
          for (const job of group) job.reject(error);
          continue;
        }
        this.writes += 1;
        group.forEach((job, i) => (outcomes[i].ok ? job.resolve(outcomes[i].value) : job.reject(outcomes[i].value)));
      }
    } finally {
      this.draining = false;
    }
  }

  private sqliteTx(manager: EntityManager): Tx {
    return {
      manager,
      query: async <R>(sql: string, params: readonly unknown[] = []) => this.sqliteAll<R>(sql, params),
      execute: async (sql, params = []) => this.sqliteRun(sql, params),
      lockKeys: async () => undefined,
    };
  }

  private pgTx(manager: EntityManager): Tx {
    return {
      manager,
      query: async <R>(sql: string, params: readonly unknown[] = []) =>
        (await manager.queryRunner!.query(this.toPg(sql), pgParams(params), true)).records as R[],
      execute: async (sql, params = []) => (await manager.queryRunner!.query(this.toPg(sql), pgParams(params), true)).affected ?? 0,
      lockKeys: async (namespace, keys) => {
        const buckets = [...new Set([...keys].map(lockBucket))].sort((a, b) => a - b);
        if (buckets.length === 0) return;
        // One statement, the buckets in ascending order (the subquery's order is the order the locks are taken in).
        await manager.queryRunner!.query(
          `SELECT pg_advisory_xact_lock($1::int, "b") FROM (SELECT unnest($2::int[]) AS "b" ORDER BY 1 OFFSET 0) "s"`,
          [namespace, buckets],
        );
      },
    };
  }

  /** A value as the driver stores it in a raw statement (dates, booleans). */
  param(value: unknown): unknown {
    if (value === undefined) return null;
    if (this.sqlite) {
      if (value instanceof Date) return DateUtils.mixedDateToUtcDatetimeString(value);
      if (typeof value === "boolean") return value ? 1 : 0;
    }
    return value;
  }

  /** A timestamp read by a raw statement, as a Date. */
  toDate(value: unknown): Date | null {
    return value == null ? null : (sqliteDate(value) as Date);
  }

  /**
   * Multi-row INSERT in chunks (≤ 500 rows and ≤ 30,000 parameters per statement), values converted
   * the way TypeORM persists them; `tail` adds ON CONFLICT / RETURNING. Returns the RETURNING rows.
   */
  async insertMany<T extends ObjectLiteral>(
    tx: Tx,
    table: string,
    target: { prototype: T },
    properties: ReadonlyArray<keyof T & string>,
    rows: ReadonlyArray<Partial<T>>,
    tail = "",
  ): Promise<Row[]> {
    const mapper = this.mapper(target);
    const columns = properties.map((p) => `"${mapper.column(p).databaseName}"`).join(", ");
    const tuple = `(${properties.map(() => "?").join(", ")})`;
    const chunk = Math.max(1, Math.min(500, Math.floor(30_000 / properties.length)));
    const out: Row[] = [];
    for (let start = 0; start < rows.length; start += chunk) {
      const slice = rows.slice(start, start + chunk);
      const params: unknown[] = [];
      for (const row of slice) for (const p of properties) params.push(mapper.persist(p, row[p]));
      const sql = `INSERT INTO "${table}" (${columns}) VALUES ${new Array(slice.length).fill(tuple).join(", ")} ${tail}`;
      out.push(...(await tx.query<Row>(sql, params)));
    }
    return out;
  }

  /**
   * Inserts rows, skipping those that conflict on `conflictColumn` (a unique key), and tells per row
   * whether it was inserted. SQLite: one cached single-row statement per row, about twice as fast as
   * multi-row VALUES with RETURNING there; PostgreSQL: multi-row VALUES … RETURNING the key.
   */
  async insertIgnoringConflicts<T extends ObjectLiteral>(
    tx: Tx,
    table: string,
    target: { prototype: T },
    properties: ReadonlyArray<keyof T & string>,
    rows: ReadonlyArray<Partial<T>>,
    conflictProperties: ReadonlyArray<keyof T & string>,
  ): Promise<boolean[]> {
    const mapper = this.mapper(target);
    const columns = properties.map((p) => `"${mapper.column(p).databaseName}"`).join(", ");
    const keys = conflictProperties.map((p) => `"${mapper.column(p).databaseName}"`);
    const keyOf = (row: Partial<T> | Record<string, unknown>, names: readonly string[]) => names.map((n) => String((row as Record<string, unknown>)[n])).join("\u0000");
    if (this.sqlite) {
      const stmt = this.prepare(`INSERT INTO "${table}" (${columns}) VALUES (${properties.map(() => "?").join(", ")}) ON CONFLICT (${keys.join(", ")}) DO NOTHING`);
      return rows.map((row) => {
        countStatement();
        return stmt.run(...properties.map((p) => this.param(mapper.persist(p, row[p])))).changes === 1;
      });
    }
    // In the rows' order, so that ids follow it as on SQLite (the same seed gives the same ids on both). Two units
    // inserting the same keys in different orders could deadlock: callers hold a lock that serialises such units
    // (recordInteractions locks the posts its rows reference first).
    const aliases = conflictProperties.map((_, i) => `k${i}`);
    const returned = await this.insertMany(tx, table, target, properties, rows, `ON CONFLICT (${keys.join(", ")}) DO NOTHING RETURNING ${keys.map((k, i) => `${k} AS "${aliases[i]}"`).join(", ")}`);
    const inserted = new Set(returned.map((r) => keyOf(r as Record<string, unknown>, aliases)));
    return rows.map((row) => inserted.has(keyOf(row, conflictProperties)));
  }

  /** `?, ?, ?` for n values. */
  static placeholders(n: number): string {
    return n === 0 ? "NULL" : new Array(n).fill("?").join(", ");
  }

  /** Runs a statement on SQLite: its rows when it returns any, and the rows it changed. */
  private sqliteExec<T>(sql: string, params: readonly unknown[]): { rows: T[]; changes: number } {
    countStatement();
    const stmt = this.prepare(sql);
    const bound = params.map((p) => this.param(p));
    if (stmt.reader) {
      const rows = stmt.all(...bound) as T[];
      return { rows, changes: rows.length };
    }
    return { rows: [], changes: stmt.run(...bound).changes };
  }

  private sqliteAll<T>(sql: string, params: readonly unknown[]): T[] {
    return this.sqliteExec<T>(sql, params).rows;
  }

  private sqliteRun(sql: string, params: readonly unknown[]): number {
    return this.sqliteExec(sql, params).changes;
  }

  private prepare(sql: string): BetterSqlite3.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.sqlite!.prepare(sql);
      if (this.statements.size >= 500) this.statements.delete(this.statements.keys().next().value!);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  /** `?` → `$1, $2, …` (our SQL never has a `?` inside a literal). */
  private toPg(sql: string): string {
    let text = this.pgText.get(sql);
    if (text === undefined) {
      let i = 0;
      text = sql.replace(/\?/g, () => `$${++i}`);
      if (this.pgText.size >= 1000) this.pgText.delete(this.pgText.keys().next().value!);
      this.pgText.set(sql, text);
    }
    return text;
  }
}
