import { spawn } from "node:child_process";
import path from "node:path";
import { OverviewDocument } from "./__generated__/graphql";
import { startServer } from "./support/server";
import { createTestDatabase } from "../support/database";
import { openSql } from "../support/sql";

const small = { SEED: "7", SEED_USERS: "150", SEED_POSTS: "80", SEED_INTERACTIONS: "2500" };

describe("demo data on first start", () => {
  it("seeds an empty database once, deterministically, and serves it", async () => {
    const database = await createTestDatabase();
    try {
      const first = await startServer({ seed: true, env: small, database });
      const a = await first.ok(OverviewDocument);
      await first.stop();
      expect(a.users.totalCount).toBe(150);
      expect(a.posts.totalCount).toBe(80);
      expect(a.interactions.totalCount).toBe(2500);
      expect(a.brands.totalCount).toBeGreaterThanOrEqual(3);
      expect(a.brands.nodes.every((b) => b.posts.totalCount > 0)).toBe(true);
      expect(a.comments.totalCount).toBeGreaterThan(0);
      expect(a.comments.nodes.every((c) => typeof c.text === "string" && c.text.length > 0)).toBe(true);
      expect(a.posts.nodes.some((p) => p.hashtags.length > 0)).toBe(true);
      // Interactions get their ids in the generator's order, on either database (PostgreSQL inserted them sorted by
      // key, so the same seed had other ids there and orderings that break ties by id differed).
      const sql = await openSql(database.url);
      try {
        const order = (await sql.all<{ externalId: string }>(`SELECT "externalId" FROM "interactions" ORDER BY "id"`)).map((r) => Number(/(\d+)$/.exec(r.externalId)![1]));
        expect(order).toHaveLength(2500);
        expect(order.every((n, i) => i === 0 || n > order[i - 1])).toBe(true);
      } finally {
        await sql.close();
      }

      // A restart on the same database does not seed again.
      const again = await startServer({ seed: true, env: small, database });
      const b = await again.ok(OverviewDocument);
      await again.stop();
      expect(b).toEqual(a);

      // The same seed in another empty database gives the same data.
      const other = await startServer({ seed: true, env: small });
      const c = await other.ok(OverviewDocument);
      await other.stop();
      expect(c).toEqual(a);
    } finally {
      await database.drop();
    }
  });

  it("finishes a seeding that was interrupted (killed mid-way) at the next start, instead of serving half of it", async () => {
    const bigger = { ...small, SEED_INTERACTIONS: "20000" };
    const database = await createTestDatabase();
    try {
      const child = spawn(process.execPath, [path.resolve(__dirname, "../../dist/src/main.js")], {
        env: { PATH: process.env.PATH, NODE_ENV: "test", HOST: "127.0.0.1", PORT: "0", DATABASE_URL: database.url, SEED_ON_EMPTY: "true", LOG_LEVEL: "warn", ...bigger },
        stdio: "ignore",
      });
      const exited = new Promise((resolve) => child.once("exit", resolve));
      // Killed once some interactions are in, before all of them are.
      let seen = 0;
      for (let i = 0; i < 600 && child.exitCode === null; i++) {
        await new Promise((r) => setTimeout(r, 50));
        try {
          const sql = await openSql(database.url);
          try {
            seen = Number((await sql.all<{ n: number | string }>(`SELECT COUNT(*) AS n FROM "interactions"`))[0].n);
          } finally {
            await sql.close();
          }
        } catch {
          continue; // the tables are not there yet
        }
        if (seen > 0) break;
      }
      child.kill("SIGKILL");
      await exited;
      expect(seen).toBeGreaterThan(0);
      expect(seen).toBeLessThan(20000);

      const resumed = await startServer({ seed: true, env: bigger, database });
      const a = await resumed.ok(OverviewDocument);
      await resumed.stop();
      const fresh = await startServer({ seed: true, env: bigger });
      const b = await fresh.ok(OverviewDocument);
      await fresh.stop();
      expect(a).toEqual(b);
      expect(a.interactions.totalCount).toBe(20000);
    } finally {
      await database.drop();
    }
  });
});
