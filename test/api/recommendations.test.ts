import { RecordInteractionsDocument, UpsertPostsDocument, UpsertUsersDocument } from "./__generated__/graphql";
import { startServer, type TestServer } from "./support/server";

// Recommendations over a real server and database: co-engagement, seen items filtered, a reason for every
// item, a full page for someone with no history, paging, similar posts, and bad input.
let api: TestServer;
const ids: Record<string, string> = {};

const Recs = `query($userId: ID!, $first: Int!, $after: String) { recommendations(userId: $userId, first: $first, after: $after) {
  edges { cursor node { rank score reason source post { id externalId } } } pageInfo { hasNextPage endCursor } } }`;
type RecPage = { recommendations: { edges: Array<{ cursor: string; node: { rank: number; score: number; reason: string; source: string; post: { id: string; externalId: string } } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

beforeAll(async () => {
  api = await startServer();
  const people = ["ana", "ben", "cai", "dee", "eve", "newbie"].map((handle) => ({ platform: "INSTAGRAM", handle }));
  const { upsertUsers } = await api.ok(UpsertUsersDocument, { users: [{ platform: "INSTAGRAM", handle: "trailco", isBrand: true }, ...people] } as never);
  for (const u of upsertUsers.items) ids[u.handle] = u.id;
  const texts: Record<string, string> = {
    shoes: "New trail shoes are here #running",
    socks: "Merino socks for long runs #running",
    vest: "Hydration vest restock #running #ultra",
    mat: "Yoga mat sale #yoga",
    tent: "Two-person tent review #camping",
    stove: "Camp stove tips #camping",
  };
  const { upsertPosts } = await api.ok(UpsertPostsDocument, {
    posts: Object.entries(texts).map(([externalId, text], k) => ({ platform: "INSTAGRAM", externalId, authorHandle: "trailco", text, mediaType: "PHOTO", publishedAt: `2026-03-0${k + 1}T09:00:00Z` })),
  } as never);
  for (const p of upsertPosts.items) ids[p.externalId] = p.id;
  // Runners: ana, ben and cai all engage with the shoes; ana and ben also with the socks and the vest. dee camps.
  const likes: Array<[string, string, string]> = [
    ["ana", "shoes", "SHARE"], ["ana", "socks", "LIKE"], ["ana", "vest", "LIKE"],
    ["ben", "shoes", "LIKE"], ["ben", "socks", "LIKE"], ["ben", "vest", "COMMENT"],
    ["cai", "shoes", "LIKE"],
    ["dee", "tent", "LIKE"], ["dee", "stove", "LIKE"], ["eve", "tent", "LIKE"], ["eve", "mat", "VIEW"],
  ];
  await api.ok(RecordInteractionsDocument, {
    interactions: likes.map(([who, what, type], k) => ({ externalId: `e${k}`, userId: ids[who], postId: ids[what], type, text: type === "COMMENT" ? "love it" : undefined, occurredAt: `2026-03-10T1${k % 10}:00:00Z` })),
  } as never);
});

afterAll(async () => {
  await api?.stop();
});

describe("recommendations", () => {
  it("recommends what people like you engaged with, never what you already did, each with a reason", async () => {
    const { recommendations } = await api.ok<RecPage, unknown>(Recs, { userId: ids.cai, first: 5 });
    const got = recommendations.edges.map((e) => e.node);
    expect(got.map((n) => n.post.externalId)).not.toContain("shoes");
    // socks and vest were co-engaged with the shoes by ana and ben: they lead, "because you liked" the shoes.
    expect(got.slice(0, 2).map((n) => n.post.externalId).sort()).toEqual(["socks", "vest"]);
    for (const n of got.slice(0, 2)) expect(n).toMatchObject({ source: "similar", reason: "because you liked “New trail shoes are here #running”" });
    expect(got.map((n) => n.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(got.every((n) => n.reason.length > 0 && n.score >= got[got.length - 1].score)).toBe(true);
  });

  it("gives someone with no history a full page, pages on with the cursor, and stops at the catalogue's end", async () => {
    const first = await api.ok<RecPage, unknown>(Recs, { userId: ids.newbie, first: 4 });
    expect(first.recommendations.edges).toHaveLength(4);
    expect(first.recommendations.edges.every((e) => ["trending", "popular"].includes(e.node.source))).toBe(true);
    expect(first.recommendations.pageInfo.hasNextPage).toBe(true);
    const rest = await api.ok<RecPage, unknown>(Recs, { userId: ids.newbie, first: 4, after: first.recommendations.pageInfo.endCursor });
    expect(rest.recommendations.edges.map((e) => e.node.rank)).toEqual([5, 6]);
    expect(rest.recommendations.pageInfo.hasNextPage).toBe(false);
    const all = [...first.recommendations.edges, ...rest.recommendations.edges].map((e) => e.node.post.externalId);
    expect(new Set(all).size).toBe(6);
  });

  it("similarPosts: what the people who engaged with a post also engaged with", async () => {
    const r = await api.ok<{ similarPosts: Array<{ reason: string; source: string; post: { externalId: string } }> }, unknown>(
      `query($postId: ID!) { similarPosts(postId: $postId, first: 2) { reason source post { externalId } } }`,
      { postId: ids.tent },
    );
    expect(r.similarPosts[0]).toMatchObject({ source: "similar", post: { externalId: expect.stringMatching(/^(stove|mat)$/) } });
    expect(r.similarPosts.map((s) => s.post.externalId)).not.toContain("tent");
  });

  it("refuses an unknown person, a bad page size and a foreign cursor", async () => {
    const unknown = await api.query(Recs, { userId: "VXNlcjo5OTk5OTk=", first: 3 });
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: "NOT_FOUND", field: "userId" });
    const big = await api.query(Recs, { userId: ids.ana, first: 500 });
    expect(big.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
    const cursor = await api.query(Recs, { userId: ids.ana, first: 3, after: "bm9wZQ" });
    expect(cursor.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    const empty = await api.query(Recs, { userId: ids.ana, first: 3, after: "" });
    expect(empty.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });
});
