import path from "node:path";
import { createDataSource } from "../src/db/data-source";
import { parseDatabaseUrl } from "../src/config";
import { entities } from "../src/entities";
import { createTestDatabase, postgresUrl } from "./support/database";

const migrationsRoot = path.join(__dirname, "..", "dist", "migrations");

async function pendingChanges(dialect: "sqlite" | "postgres"): Promise<{ migrations: string[]; pending: string[] }> {
  const db = await createTestDatabase(dialect);
  const ds = createDataSource(parseDatabaseUrl(db.url), { entities, migrationsRoot });
  await ds.initialize();
  try {
    const ran = await ds.runMigrations({ transaction: "each" });
    const log = await ds.driver.createSchemaBuilder().log();
    return { migrations: ran.map((m) => m.name), pending: log.upQueries.map((q) => q.query) };
  } finally {
    await ds.destroy();
    await db.drop();
  }
}

describe("migrations", () => {
  it("bring an empty SQLite database to the entities' schema, with nothing pending", async () => {
    const { migrations, pending } = await pendingChanges("sqlite");
    expect(migrations.length).toBeGreaterThan(0);
    expect(pending).toEqual([]);
  });

  (postgresUrl ? it : it.skip)("bring an empty PostgreSQL database to the entities' schema, with nothing pending (skipped: DATABASE_URL is not postgres://)", async () => {
    const { migrations, pending } = await pendingChanges("postgres");
    expect(migrations.length).toBeGreaterThan(0);
    expect(pending).toEqual([]);
  });
});
