import { RecordInteractionsDocument, UpsertPostsDocument, UpsertUsersDocument } from "./__generated__/graphql";
import { startServer, type TestServer } from "./support/server";
import { trainAndWait } from "./support/training";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { openSql } from "../support/sql";

// A segment's busiest hours count its members' actions (likes, comments, shares, clicks), not their views: here
// everyone views in the evening (8 views at 21:xx) but acts in the morning (4 to 7 actions at 9:xx), on posts
// published at 9:00, so "most active around 21:00" (what views said) would contradict bestTimesToPost for the
// same segment, which ranks Monday 9:00 first. Profiles stored before the change are re-profiled at start.
let database: TestDatabase;
let api: TestServer;
type Seg = { id: string; name: string; description: string; size: number; activeHours: number[] };
const Segs = `{ segments { id name description size activeHours } }`;
type Times = { bestTimesToPost: Array<{ weekdayName: string; hour: number; lift: number; basis: string }> };
const Times = `query($s: ID) { bestTimesToPost(segmentId: $s, first: 5) { weekdayName hour lift basis } }`;

const mondays = ["2026-03-02", "2026-03-09", "2026-03-16", "2026-03-23"];
const at = (day: string, hhmm: string) => `${day}T${hhmm}:00Z`;

async function segmentsNow(server: TestServer, ready: (s: Seg[]) => boolean): Promise<Seg[]> {
  for (let i = 0; i < 200; i++) {
    const { segments } = await server.ok<{ segments: Seg[] }, unknown>(Segs);
    if (segments.length && ready(segments)) return segments;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("segments not ready");
}

beforeAll(async () => {
  database = await createTestDatabase();
  api = await startServer({ database });
  // 60 people in three behaviours (likers; likers who share; likers who click), so that k-means finds segments.
  const people = Array.from({ length: 60 }, (_, i) => ({ platform: "INSTAGRAM", handle: `p${i}` }));
  await api.ok(UpsertUsersDocument, { users: [{ platform: "INSTAGRAM", handle: "dawnco", isBrand: true }, ...people] } as never);
  const posts = mondays.flatMap((d, k) => [
    { externalId: `am${k}`, day: d, publishedAt: at(d, "09:00") },
    { externalId: `pm${k}`, day: d, publishedAt: at(d, "21:00") },
  ]);
  await api.ok(UpsertPostsDocument, {
    posts: posts.map((p) => ({ platform: "INSTAGRAM", externalId: p.externalId, authorHandle: "dawnco", text: "new post", mediaType: "PHOTO", category: "outdoor", publishedAt: p.publishedAt })),
  } as never);
  const interactions = people.flatMap((person, i) => {
    const event = (post: (typeof posts)[number], type: string, hhmm: string) => ({
      externalId: `${person.handle}-${post.externalId}-${type}`,
      userHandle: person.handle,
      platform: "INSTAGRAM",
      postExternalId: post.externalId,
      type,
      occurredAt: at(post.day, hhmm),
    });
    const morning = posts.filter((p) => p.externalId.startsWith("am"));
    const group = i % 3;
    return [
      // Every post viewed at 21:30: 8 views in hour 21.
      ...posts.map((p) => event(p, "VIEW", "21:30")),
      // 3 or 4 likes in hour 9, and 2 shares or 3 clicks there for the second and third groups (at most 7 actions).
      ...morning.slice(0, 3 + (i % 2)).map((p) => event(p, "LIKE", "09:30")),
      ...(group === 1 ? morning.slice(0, 2).map((p) => event(p, "SHARE", "09:40")) : []),
      ...(group === 2 ? morning.slice(0, 3).map((p) => event(p, "CLICK", "09:40")) : []),
    ];
  });
  await api.ok(RecordInteractionsDocument, { interactions } as never);
  await trainAndWait(api, "segments");
}, 180_000);

afterAll(async () => {
  await api?.stop();
  await database?.drop();
});

describe("segment active hours", () => {
  it("count actions, not views, and agree with bestTimesToPost for the same segment", async () => {
    const segments = await segmentsNow(api, () => true);
    expect(segments.length).toBeGreaterThanOrEqual(2);
    for (const s of segments) {
      // Views alone said [21]: 8 views each at 21:xx against at most 7 actions at 9:xx.
      expect(s.activeHours).toEqual([9]);
      expect(s.description).toContain(", most active around 9:00 UTC (likes, comments, shares, clicks), ");
      const { bestTimesToPost } = await api.ok<Times, unknown>(Times, { s: s.id });
      expect(bestTimesToPost.map((t) => [t.weekdayName, t.hour, t.basis])).toEqual([
        ["Monday", 9, "SEGMENT"],
        ["Monday", 21, "SEGMENT"],
      ]);
      expect(bestTimesToPost[0].lift).toBeGreaterThan(1);
      expect(bestTimesToPost[1].lift).toBeLessThan(1);
    }
  });

  it("re-profiles at start segments whose stored profiles counted views (before this change)", async () => {
    const before = await segmentsNow(api, () => true);
    await api.stop();
    // What an older server stored: busiest hours over every interaction, no `hoursOf`.
    const sql = await openSql(database.url);
    for (const row of await sql.all<{ id: number; profile: string; description: string }>(`SELECT "id", "profile", "description" FROM "segments"`)) {
      const { hoursOf: _, ...old } = JSON.parse(row.profile) as Record<string, unknown>;
      const description = row.description.replace("most active around 9:00 UTC (likes, comments, shares, clicks)", "most active around 21:00 UTC");
      await sql.all(`UPDATE "segments" SET "profile" = ?, "description" = ? WHERE "id" = ?`, [JSON.stringify({ ...old, activeHours: [21] }), description, row.id]);
    }
    await sql.close();
    api = await startServer({ database });
    const after = await segmentsNow(api, (s) => s.every((x) => x.activeHours[0] === 9));
    // The same segments (IDs, names, sizes), their hours and sentence counted over actions again.
    expect(after.map((s) => [s.id, s.name, s.size])).toEqual(before.map((s) => [s.id, s.name, s.size]));
    expect(after.map((s) => s.description)).toEqual(before.map((s) => s.description));
  });
});
