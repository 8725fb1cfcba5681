import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";

/** A fresh, empty database for one test file: a temp SQLite file, or a new PostgreSQL database when DATABASE_URL is postgres. */
export interface TestDatabase {
  url: string;
  dialect: "sqlite" | "postgres";
  drop(): Promise<void>;
}

export const postgresUrl = process.env.DATABASE_URL?.startsWith("postgres") ? process.env.DATABASE_URL : undefined;
export const testDialect: "sqlite" | "postgres" = postgresUrl ? "postgres" : "sqlite";

let counter = 0;

export async function createTestDatabase(dialect: "sqlite" | "postgres" = testDialect): Promise<TestDatabase> {
  if (dialect === "sqlite") {
    const dir = mkdtempSync(path.join(os.tmpdir(), "resonance-test-"));
    return { url: `sqlite:${path.join(dir, "test.db")}`, dialect, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  if (!postgresUrl) throw new Error("expected DATABASE_URL=postgres://… for a PostgreSQL test database");
  const name = `resonance_test_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = new Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dialect,
    drop: async () => {
      // Plain DROP first: it cancels autovacuum workers itself, which FORCE would need superuser rights
      // to terminate; retry while the stopped server's last connections close.
      const c = new Client({ connectionString: postgresUrl });
      await c.connect();
      try {
        for (let attempt = 0; ; attempt++) {
          try {
            await c.query(`DROP DATABASE IF EXISTS "${name}"`);
            return;
          } catch (err) {
            if ((err as { code?: string }).code !== "55006" || attempt >= 25) throw err;
            await new Promise((resolve) => setTimeout(resolve, 200));
          }
        }
      } finally {
        await c.end();
      }
    },
  };
}
