import { OverviewDocument } from "./__generated__/graphql";
import { startServer } from "./support/server";
import { createTestDatabase } from "../support/database";

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
});
