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

  // Data migration: topics stored before runs of whitespace were folded ("outdoor  gear" was another topic
  // than "outdoor gear", which filters already matched). Rows are planted raw, then the migration runs again.
  async function foldsTopics(dialect: "sqlite" | "postgres"): Promise<string[]> {
    const db = await createTestDatabase(dialect);
    const ds = createDataSource(parseDatabaseUrl(db.url), { entities, migrationsRoot });
    await ds.initialize();
    try {
      await ds.runMigrations({ transaction: "each" });
      await ds.query(`INSERT INTO "users" ("platform", "handle") VALUES ('INSTAGRAM', 'brand')`);
      const categories = ["outdoor  gear", "outdoor\u00a0gear", "outdoor\tgear", "outdoor gear", "trail\n running", "tech", null];
      for (const [i, c] of categories.entries()) {
        await ds.query(
          `INSERT INTO "posts" ("authorId", "platform", "externalId", "text", "mediaType", "category", "publishedAt", "hashtags", "mentions") VALUES (1, 'INSTAGRAM', 'p${i}', '', 'IMAGE', ${c === null ? "NULL" : `'${c}'`}, '2026-06-01 00:00:00', '', '')`,
        );
      }
      await ds.query(`DELETE FROM "migrations" WHERE "name" = 'TopicSpaces1796900000000'`);
      const ran = await ds.runMigrations({ transaction: "each" });
      expect(ran.map((m) => m.name)).toEqual(["TopicSpaces1796900000000"]);
      const rows: Array<{ category: string | null }> = await ds.query(`SELECT "category" FROM "posts" ORDER BY "id"`);
      return rows.map((r) => r.category ?? "(none)");
    } finally {
      await ds.destroy();
      await db.drop();
    }
  }
  const folded = ["outdoor gear", "outdoor gear", "outdoor gear", "outdoor gear", "trail running", "tech", "(none)"];

  it("fold runs of whitespace in stored topics (SQLite)", async () => {
    expect(await foldsTopics("sqlite")).toEqual(folded);
  });

  (postgresUrl ? it : it.skip)("fold runs of whitespace in stored topics (PostgreSQL; skipped: DATABASE_URL is not postgres://)", async () => {
    expect(await foldsTopics("postgres")).toEqual(folded);
  });
});
