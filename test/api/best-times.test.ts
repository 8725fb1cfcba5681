import { RecordInteractionsDocument, UpsertPostsDocument, UpsertUsersDocument } from "./__generated__/graphql";
import { startServer, type TestServer } from "./support/server";

// bestTimesToPost over a real server: an account's history by weekday × hour, shrunk means, and the
// audience standing in where the account has too few posts.
let api: TestServer;
const ids: Record<string, string> = {};
const Query = `query($accountId: ID, $segmentId: ID, $first: Int) { bestTimesToPost(accountId: $accountId, segmentId: $segmentId, first: $first) {
  weekday weekdayName hour expectedEngagements lift posts basis reason } }`;
type Times = { bestTimesToPost: Array<{ weekday: number; weekdayName: string; hour: number; expectedEngagements: number; lift: number; posts: number; basis: string; reason: string }> };

beforeAll(async () => {
  api = await startServer();
  const fans = Array.from({ length: 6 }, (_, i) => ({ platform: "INSTAGRAM", handle: `fan${i}` }));
  const { upsertUsers } = await api.ok(UpsertUsersDocument, { users: [{ platform: "INSTAGRAM", handle: "trailco", isBrand: true }, { platform: "INSTAGRAM", handle: "zenco", isBrand: true }, ...fans] } as never);
  for (const u of upsertUsers.items) ids[u.handle] = u.id;
  // trailco: three Mondays at 09:00 (2 likes each), three Wednesdays at 18:00 (5 likes each); zenco: four Fridays at 12:00 (2 likes each).
  const posts = [
    ...["2026-03-02", "2026-03-09", "2026-03-16"].map((d, k) => ({ externalId: `mon${k}`, author: "trailco", at: `${d}T09:00:00Z`, likes: 2 })),
    ...["2026-03-04", "2026-03-11", "2026-03-18"].map((d, k) => ({ externalId: `wed${k}`, author: "trailco", at: `${d}T18:00:00Z`, likes: 5 })),
    ...["2026-03-06", "2026-03-13", "2026-03-20", "2026-03-27"].map((d, k) => ({ externalId: `fri${k}`, author: "zenco", at: `${d}T12:00:00Z`, likes: 2 })),
  ];
  await api.ok(UpsertPostsDocument, { posts: posts.map((p) => ({ platform: "INSTAGRAM", externalId: p.externalId, authorHandle: p.author, text: "new post", mediaType: "PHOTO", publishedAt: p.at })) } as never);
  await api.ok(RecordInteractionsDocument, {
    interactions: posts.flatMap((p) =>
      Array.from({ length: p.likes }, (_, i) => ({ externalId: `${p.externalId}-l${i}`, userHandle: `fan${i}`, platform: "INSTAGRAM", postExternalId: p.externalId, type: "LIKE", occurredAt: p.at })),
    ),
  } as never);
});

afterAll(async () => {
  await api?.stop();
});

describe("bestTimesToPost", () => {
  it("ranks an account's slots by shrunk engagement per post over its mean (hand-checked), the audience's lift standing in where it has no evidence", async () => {
    const { bestTimesToPost } = await api.ok<Times, unknown>(Query, { accountId: ids.trailco, first: 3 });
    // trailco's mean = 21 / 6 = 3.5; Wednesday 18:00 = (15 + 3·3.5) / 6 = 4.25 (lift 1.214); Monday 9:00 = (6 + 10.5) / 6 = 2.75 (0.786).
    // Friday 12:00: no trailco post, the audience's 4 posts: audience mean 29/10, (8 + 3·2.9) / 7 = 16.7 / 7,
    // lift 16.7 / 20.3 = 0.823, on trailco's scale 0.823 · 3.5 = 2.88.
    expect(bestTimesToPost.map((t) => [t.weekdayName, t.hour, t.posts, t.basis])).toEqual([
      ["Wednesday", 18, 3, "ACCOUNT"],
      ["Friday", 12, 4, "AUDIENCE"],
      ["Monday", 9, 3, "ACCOUNT"],
    ]);
    expect(bestTimesToPost.map((t) => t.expectedEngagements)).toEqual([4.25, expect.closeTo((16.7 / 20.3) * 3.5, 10), 2.75]);
    expect(bestTimesToPost.map((t) => t.lift)).toEqual([expect.closeTo(4.25 / 3.5, 10), expect.closeTo(16.7 / 20.3, 10), expect.closeTo(2.75 / 3.5, 10)]);
    expect(bestTimesToPost[0]).toMatchObject({ weekday: 3, reason: "3 of this account's posts published Wednesdays at 18:00: 4.3 engagements expected per post (their average, shrunk toward the overall one)" });
    expect(bestTimesToPost[1].reason).toBe("too few of this account's posts at this time: the whole audience's 4 posts published Fridays at 12:00 drew 0.82× the audience's average per post, so 2.9 engagements expected per post");
  });

  it("gives an account with no posts yet the audience's own figures, not zeros", async () => {
    const { bestTimesToPost } = await api.ok<Times, unknown>(Query, { accountId: ids.fan0, first: 2 });
    const audience = await api.ok<Times, unknown>(Query, { first: 2 });
    expect(bestTimesToPost.map((t) => [t.weekdayName, t.hour, t.basis, t.expectedEngagements])).toEqual(audience.bestTimesToPost.map((t) => [t.weekdayName, t.hour, "AUDIENCE", t.expectedEngagements]));
    expect(bestTimesToPost[0].expectedEngagements).toBeGreaterThan(0);
    expect(bestTimesToPost[0].reason).toMatch(/^this account has no posts yet: the whole audience's \d+ posts published \w+s at \d+:00 drew [\d.]+× its average per post, [\d.]+ engagements per post$/);
  });

  it("refuses unknown accounts and segments, and a bad page size", async () => {
    const r1 = await api.query(Query, { accountId: "VXNlcjo5OTk5OTk=" });
    expect(r1.errors?.[0].extensions).toMatchObject({ code: "NOT_FOUND", field: "accountId" });
    const r2 = await api.query(Query, { segmentId: Buffer.from("Segment:4242").toString("base64") });
    expect(r2.errors?.[0].extensions).toMatchObject({ code: "NOT_FOUND", field: "segmentId" });
    const r3 = await api.query(Query, { first: 0 });
    expect(r3.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
    // An empty ID is not "no account": it is refused like any malformed one.
    for (const field of ["accountId", "segmentId"]) expect((await api.query(Query, { [field]: "" })).errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
  });
});
