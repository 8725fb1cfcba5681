import type BetterSqlite3 from "better-sqlite3";
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from "typeorm";
import type { ColumnMetadata } from "typeorm/metadata/ColumnMetadata";
import { DateUtils } from "typeorm/util/DateUtils";
import { Mutex } from "../lib/mutex";
import { countStatement } from "./sql-counter";

export type Dialect = "sqlite" | "postgres";
export type Row = Record<string, unknown>;

/** What a write transaction offers: TypeORM's manager and the raw statement path, both inside it. */
export interface Tx {
  readonly manager: EntityManager;
  /** Rows of a statement (SELECT or … RETURNING). `?` placeholders in both dialects. */
  query<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a statement and returns the number of rows it changed. */
  execute(sql: string, params?: readonly unknown[]): Promise<number>;
}

/** Maps raw rows (selected by database column name) to entity instances, with TypeORM's own conversions. */
export class EntityMapper<T extends ObjectLiteral> {
  private readonly columns: ColumnMetadata[];
  private readonly selects = new Map<string, string>();

  constructor(
    private readonly ds: DataSource,
    private readonly target: { prototype: T },
  ) {
    const meta = ds.getMetadata(target as EntityTarget<T>);
    // A relation's join column is kept only when the entity also declares it as a plain id property.
    this.columns = meta.columns.filter((c) => !c.relationMetadata || c.propertyName !== c.relationMetadata.propertyName);
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
    const driver = this.ds.driver;
    for (const c of this.columns) entity[c.propertyName] = driver.prepareHydratedValue(row[c.databaseName], c);
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
 * statement on SQLite, the pool on PostgreSQL); writes go through `write`, which is one transaction
 * and, on SQLite, serialised: the embedded database has a single connection, and two interleaved
 * TypeORM transactions on it would nest as savepoints of each other.
 */
export class Database {
  readonly dialect: Dialect;
  private readonly sqlite: BetterSqlite3.Database | undefined;
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  private readonly pgText = new Map<string, string>();
  private readonly writeLock = new Mutex();
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

  /** Rows of a read. `?` placeholders in both dialects. */
  async query<T = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    if (this.sqlite) return this.sqliteAll<T>(sql, params);
    return (await this.ds.query(this.toPg(sql), params as unknown[])) as T[];
  }

  /** One transaction: all-or-nothing. Serialised on SQLite (see the class comment). */
  write<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const run = () =>
      this.ds.transaction(async (manager) => {
        const tx: Tx = this.sqlite
          ? {
              manager,
              query: async <R>(sql: string, params: readonly unknown[] = []) => this.sqliteAll<R>(sql, params),
              execute: async (sql, params = []) => this.sqliteRun(sql, params),
            }
          : {
              manager,
              query: async <R>(sql: string, params: readonly unknown[] = []) =>
                (await manager.queryRunner!.query(this.toPg(sql), params as unknown[], true)).records as R[],
              execute: async (sql, params = []) =>
                (await manager.queryRunner!.query(this.toPg(sql), params as unknown[], true)).affected ?? 0,
            };
        return fn(tx);
      });
    return this.sqlite ? this.writeLock.run(run) : run();
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
    if (value == null) return null;
    if (value instanceof Date) return value;
    if (typeof value === "number") return new Date(value);
    const s = String(value);
    // SQLite stores UTC as "YYYY-MM-DD HH:MM:SS.SSS" without a zone.
    return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s.replace(" ", "T")}Z`);
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

  /** `?, ?, ?` for n values. */
  static placeholders(n: number): string {
    return n === 0 ? "NULL" : new Array(n).fill("?").join(", ");
  }

  private sqliteAll<T>(sql: string, params: readonly unknown[]): T[] {
    countStatement();
    const stmt = this.prepare(sql);
    const bound = params.map((p) => this.param(p));
    if (stmt.reader) return stmt.all(...bound) as T[];
    stmt.run(...bound);
    return [];
  }

  private sqliteRun(sql: string, params: readonly unknown[]): number {
    countStatement();
    const stmt = this.prepare(sql);
    const bound = params.map((p) => this.param(p));
    if (stmt.reader) return stmt.all(...bound).length;
    return stmt.run(...bound).changes;
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
