import { DeleteUserDocument, NodeDocument, RecordInteractionsDocument, UpsertPostsDocument } from "./__generated__/graphql";
import { startServer, type TestServer } from "./support/server";
import { buildWorld, interactionsFor, t0, type World } from "./support/world";
import { countRows, openSql, type SqlHandle } from "../support/sql";

let api: TestServer;
let world: World;
let sql: SqlHandle;

const dbId = (globalId: string) => Number(Buffer.from(globalId, "base64").toString().split(":")[1]);
const ts = "2026-06-02 10:00:00";

beforeAll(async () => {
  api = await startServer();
  world = await buildWorld(api, 12, 10);
  sql = await openSql(api.database.url);
});

afterAll(async () => {
  await sql?.close();
  await api?.stop();
});

async function counterMismatches(): Promise<string[]> {
  const stored = await sql.all<Record<string, number | string>>(
    `SELECT "id", "impressions", "reach", "likes", "comments", "shares", "clicks", "conversions" FROM "posts"`,
  );
  const out: string[] = [];
  for (const p of stored) {
    const rows = await sql.all<{ type: string; n: number | string }>(`SELECT "type", COUNT(*) AS n FROM "interactions" WHERE "postId" = ? GROUP BY "type"`, [p.id]);
    const [reach] = await sql.all<{ n: number | string }>(`SELECT COUNT(DISTINCT "userId") AS n FROM "interactions" WHERE "postId" = ?`, [p.id]);
    const by = Object.fromEntries(rows.map((r) => [r.type, Number(r.n)]));
    const expected = {
      impressions: by.VIEW ?? 0,
      reach: Number(reach.n),
      likes: by.LIKE ?? 0,
      comments: by.COMMENT ?? 0,
      shares: by.SHARE ?? 0,
      clicks: by.CLICK ?? 0,
      conversions: by.CONVERSION ?? 0,
    };
    for (const [k, v] of Object.entries(expected)) if (Number(p[k]) !== v) out.push(`post ${p.id} ${k}: stored ${p[k]}, rows say ${v}`);
  }
  return out;
}

describe("deleteUser (privacy erasure)", () => {
  it("erases the person, what they did, what they posted and everything derived, and corrects the counters", async () => {
    const victim = world.people[0];
    const other = world.people[1];
    const victimId = dbId(victim.id);
    // The victim also authored a post that others interacted with.
    const own = await api.ok(UpsertPostsDocument, {
      posts: [{ platform: "INSTAGRAM", externalId: "victim-post", authorId: victim.id, text: "my #own post", mediaType: "PHOTO", publishedAt: new Date(t0).toISOString() }],
    });
    const ownPost = own.upsertPosts.items[0];
    const ownPostId = dbId(ownPost.id);
    const batch = interactionsFor(world, 600);
    batch.push(
      { externalId: "o1", userId: other.id, postId: ownPost.id, type: "LIKE", occurredAt: new Date(t0 + 3_600_000).toISOString() },
      { externalId: "o2", userId: other.id, postId: ownPost.id, type: "COMMENT", text: "nice", occurredAt: new Date(t0 + 3_600_000).toISOString() },
    );
    await api.ok(RecordInteractionsDocument, { interactions: batch });
    const victimRows = await countRows(sql, "interactions", `WHERE "userId" = ?`, [victimId]);
    expect(victimRows).toBeGreaterThan(10);

    // Derived data the later capabilities will write, planted directly.
    await sql.all(`INSERT INTO "model_versions" ("modelName", "version", "status", "task", "spec", "createdAt") VALUES ('m', 1, 'active', 'regression', '{}', ?)`, [ts]);
    const [mv] = await sql.all<{ id: number }>(`SELECT "id" FROM "model_versions"`);
    await sql.all(`INSERT INTO "segments" ("modelVersionId", "key", "name", "description", "size", "createdAt") VALUES (?, 0, 'Fans', 'd', 2, ?)`, [mv.id, ts]);
    const [seg] = await sql.all<{ id: number }>(`SELECT "id" FROM "segments"`);
    for (const u of [victimId, dbId(other.id)]) {
      await sql.all(`INSERT INTO "segment_memberships" ("segmentId", "userId", "distance", "assignedAt") VALUES (?, ?, 0.5, ?)`, [seg.id, u, ts]);
      await sql.all(`INSERT INTO "predictions" ("modelVersionId", "modelName", "targetType", "targetId", "value", "createdAt") VALUES (?, 'conversion', 'USER', ?, 0.3, ?)`, [mv.id, u, ts]);
      await sql.all(
        `INSERT INTO "sentiment_scores" ("targetType", "targetId", "postId", "userId", "occurredAt", "analyzer", "analyzerVersion", "score", "label", "scoredAt") VALUES ('INTERACTION', ?, ?, ?, ?, 'lexicon', '1', 0.5, 'positive', ?)`,
        [10_000_000 + u, ownPostId, u, ts, ts],
      );
    }
    await sql.all(`INSERT INTO "predictions" ("modelVersionId", "modelName", "targetType", "targetId", "value", "createdAt") VALUES (?, 'engagement', 'POST', ?, 12, ?)`, [mv.id, ownPostId, ts]);
    await sql.all(`INSERT INTO "recommendations" ("userId", "postId", "rank", "score", "reason", "source", "generatedAt") VALUES (?, ?, 1, 0.9, 'r', 'popularity', ?)`, [victimId, dbId(world.posts[0].id), ts]);
    await sql.all(`INSERT INTO "recommendations" ("userId", "postId", "rank", "score", "reason", "source", "generatedAt") VALUES (?, ?, 1, 0.9, 'r', 'popularity', ?)`, [dbId(other.id), ownPostId, ts]);
    await sql.all(`INSERT INTO "recommendations" ("userId", "postId", "rank", "score", "reason", "source", "generatedAt") VALUES (?, ?, 2, 0.8, 'r', 'popularity', ?)`, [dbId(other.id), dbId(world.posts[1].id), ts]);
    expect(await counterMismatches()).toEqual([]);
    const otherRowsBefore = await countRows(sql, "interactions", `WHERE "userId" = ?`, [dbId(other.id)]);
    // Scores of the victim's texts and of every text on the victim's post (its own text and "nice"), planted ones included.
    const victimScores = await countRows(sql, "sentiment_scores", `WHERE "userId" = ? OR "postId" = ?`, [victimId, ownPostId]);
    expect(victimScores).toBeGreaterThanOrEqual(4);

    const r = await api.ok(DeleteUserDocument, { id: victim.id });
    expect(r.deleteUser.deletedUserId).toBe(victim.id);
    const removed = Object.fromEntries(r.deleteUser.removed.map((x) => [x.what, x.count]));
    expect(removed).toMatchObject({ users: 1, posts: 1, interactions: victimRows + 2, predictions: 2, recommendations: 2, segmentMemberships: 1, sentimentScores: victimScores });

    // No trace of the person anywhere.
    expect(await countRows(sql, "users", `WHERE "id" = ?`, [victimId])).toBe(0);
    expect(await countRows(sql, "posts", `WHERE "authorId" = ?`, [victimId])).toBe(0);
    expect(await countRows(sql, "post_hashtags", `WHERE "postId" = ?`, [ownPostId])).toBe(0);
    expect(await countRows(sql, "interactions", `WHERE "userId" = ? OR "postId" = ?`, [victimId, ownPostId])).toBe(0);
    expect(await countRows(sql, "sentiment_scores", `WHERE "userId" = ? OR "postId" = ?`, [victimId, ownPostId])).toBe(0);
    expect(await countRows(sql, "predictions", `WHERE ("targetType" = 'USER' AND "targetId" = ?) OR ("targetType" = 'POST' AND "targetId" = ?)`, [victimId, ownPostId])).toBe(0);
    expect(await countRows(sql, "recommendations", `WHERE "userId" = ? OR "postId" = ?`, [victimId, ownPostId])).toBe(0);
    expect(await countRows(sql, "segment_memberships", `WHERE "userId" = ?`, [victimId])).toBe(0);
    const [segAfter] = await sql.all<{ size: number | string }>(`SELECT "size" FROM "segments" WHERE "id" = ?`, [seg.id]);
    expect(Number(segAfter.size)).toBe(1);

    // Everyone else is untouched, and every counter again equals what the rows say.
    expect(await countRows(sql, "interactions", `WHERE "userId" = ?`, [dbId(other.id)])).toBe(otherRowsBefore - 2);
    expect(await countRows(sql, "recommendations")).toBe(1);
    expect(await counterMismatches()).toEqual([]);

    const again = await api.query(DeleteUserDocument, { id: victim.id });
    expect(again.errors?.[0].extensions).toMatchObject({ code: "NOT_FOUND", type: "User" });
    const gone = await api.query(NodeDocument, { id: victim.id });
    expect(gone.errors?.[0].extensions).toMatchObject({ code: "NOT_FOUND" });
  });
});
