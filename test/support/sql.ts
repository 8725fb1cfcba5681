import Database from "better-sqlite3";
import { Client } from "pg";

/** Direct SQL on a test database (to check what the server wrote, or to plant derived rows). */
export interface SqlHandle {
  all<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export async function openSql(url: string): Promise<SqlHandle> {
  if (url.startsWith("sqlite:")) {
    const db = new Database(url.slice("sqlite:".length));
    db.pragma("busy_timeout = 5000");
    return {
      all: async <T>(sql: string, params: unknown[] = []) => {
        const stmt = db.prepare(sql);
        return (stmt.reader ? stmt.all(...params) : (stmt.run(...params), [])) as T[];
      },
      close: async () => void db.close(),
    };
  }
  const client = new Client({ connectionString: url });
  await client.connect();
  return {
    all: async <T>(sql: string, params: unknown[] = []) => {
      let i = 0;
      const text = sql.replace(/\?/g, () => `$${++i}`);
      return (await client.query(text, params)).rows as T[];
    },
    close: () => client.end(),
  };
}

/** COUNT(*) of a table, as a number in both dialects. */
export async function countRows(sql: SqlHandle, table: string, where = "", params: unknown[] = []): Promise<number> {
  const [r] = await sql.all<{ n: number | string }>(`SELECT COUNT(*) AS n FROM "${table}" ${where}`, params);
  return Number(r.n);
}
