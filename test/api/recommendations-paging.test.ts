import { DeleteUserDocument, RecordInteractionsDocument, UpsertPostsDocument, UpsertUsersDocument } from "./__generated__/graphql";
import { startServer, type TestServer } from "./support/server";

// Recommendations over a catalogue deeper than the cached lists (130 posts of one brand, 5 of another):
// paging to the end gives every post once whatever came before; the reason names the strongest thing the
// person did with a post; an erased brand's posts are never recommended, even by the fit made before.
let api: TestServer;
const ids: Record<string, string> = {};

const Recs = `query($userId: ID!, $first: Int!, $after: String) { recommendations(userId: $userId, first: $first, after: $after) {
  nodes { rank reason source post { id externalId } } pageInfo { hasNextPage endCursor } } }`;
type RecPage = { recommendations: { nodes: Array<{ rank: number; reason: string; source: string; post: { id: string; externalId: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
const Similar = `query($postId: ID!, $first: Int!) { similarPosts(postId: $postId, first: $first) { rank post { id externalId } } }`;

const cursor = (rank: number) => Buffer.from(`rec:${rank}`).toString("base64url");

beforeAll(async () => {
  api = await startServer();
  const people = ["walker", "jumper", "fay", "scroller"].map((handle) => ({ platform: "INSTAGRAM", handle }));
  const { upsertUsers } = await api.ok(UpsertUsersDocument, { users: [{ platform: "INSTAGRAM", handle: "bigco", isBrand: true }, { platform: "INSTAGRAM", handle: "smallco", isBrand: true }, ...people] } as never);
  for (const u of upsertUsers.items) ids[u.handle] = u.id;
  const posts = [
    ...Array.from({ length: 130 }, (_, k) => ({ platform: "INSTAGRAM", externalId: `big${k}`, authorHandle: "bigco", text: `Post ${k} #topic${k % 7}`, category: `topic${k % 7}`, mediaType: "PHOTO", publishedAt: `2026-03-01T${String(k % 24).padStart(2, "0")}:00:00Z` })),
    ...Array.from({ length: 5 }, (_, k) => ({ platform: "INSTAGRAM", externalId: `small${k}`, authorHandle: "smallco", text: `Small ${k} #topic0`, category: "topic0", mediaType: "PHOTO", publishedAt: "2026-03-01T12:00:00Z" })),
  ];
  const { upsertPosts } = await api.ok(UpsertPostsDocument, { posts } as never);
  for (const p of upsertPosts.items) ids[p.externalId] = p.id;
  // walker engages with big0, big1 and the small brand's posts, so that those are co-engaged with big1;
  // fay viewed big1 and commented on it.
  const events: Array<[string, string, string]> = [
    ["walker", "big0", "LIKE"], ["walker", "big1", "LIKE"], ["jumper", "big0", "LIKE"], ["scroller", "big0", "LIKE"],
    ["fay", "big1", "VIEW"], ["fay", "big1", "COMMENT"],
    ...Array.from({ length: 5 }, (_, k) => ["walker", `small${k}`, "LIKE"] as [string, string, string]),
  ];
  await api.ok(RecordInteractionsDocument, {
    interactions: events.map(([who, what, type], k) => ({ externalId: `e${k}`, userId: ids[who], postId: ids[what], type, text: type === "COMMENT" ? "nice" : undefined, occurredAt: `2026-03-10T10:${String(k).padStart(2, "0")}:00Z` })),
  } as never);
});

afterAll(async () => {
  await api?.stop();
});

async function walk(userId: string, first: number): Promise<string[]> {
  const seen: string[] = [];
  let after: string | null = null;
  for (let i = 0; i < 20; i++) {
    const page: RecPage = await api.ok<RecPage, unknown>(Recs, { userId, first, after });
    seen.push(...page.recommendations.nodes.map((n) => n.post.externalId));
    if (!page.recommendations.pageInfo.hasNextPage) break;
    after = page.recommendations.pageInfo.endCursor;
  }
  return seen;
}

describe("recommendations over a deep catalogue", () => {
  it("pages to the end of the catalogue, each post once, and a jump ahead agrees with the walk", async () => {
    // jumper engaged with big0 only: 134 posts are left to recommend.
    const walked = await walk(ids.jumper, 50);
    expect(walked).toHaveLength(134);
    expect(new Set(walked).size).toBe(134);
    const jump = await api.ok<RecPage, unknown>(Recs, { userId: ids.jumper, first: 50, after: cursor(100) });
    expect(jump.recommendations.nodes.map((n) => n.post.externalId)).toEqual(walked.slice(100));
    expect(jump.recommendations.pageInfo.hasNextPage).toBe(false);
  });

  it("refuses another person's cursor", async () => {
    const page = await api.ok<RecPage, unknown>(Recs, { userId: ids.walker, first: 5 });
    const other = await api.query(Recs, { userId: ids.scroller, first: 5, after: page.recommendations.pageInfo.endCursor });
    expect(other.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    expect(other.errors?.[0].message).toBe("after: expected a cursor from this person's recommendations, found one from another person's");
    const own = await api.ok<RecPage, unknown>(Recs, { userId: ids.walker, first: 5, after: page.recommendations.pageInfo.endCursor });
    expect(own.recommendations.nodes[0].rank).toBe(6);
  });

  it("names the strongest thing the person did with the post a recommendation comes from", async () => {
    const { recommendations } = await api.ok<RecPage, unknown>(Recs, { userId: ids.fay, first: 50 });
    const because = recommendations.nodes.filter((n) => n.reason.includes("Post 1 #topic1"));
    expect(because.length).toBeGreaterThan(0);
    for (const n of because) expect(n.reason).toBe("because you commented on “Post 1 #topic1”");
  });

  it("continues the list a page came from after the reader engaged with posts, without repeating or skipping one", async () => {
    const reference = (await api.ok<RecPage, unknown>(Recs, { userId: ids.scroller, first: 30 })).recommendations.nodes.map((n) => n.post.externalId);
    const page1 = await api.ok<RecPage, unknown>(Recs, { userId: ids.scroller, first: 10 });
    expect(page1.recommendations.nodes.map((n) => n.post.externalId)).toEqual(reference.slice(0, 10));
    // The reader likes the first post of page 1 and one on the page to come: their current list is re-ranked.
    await api.ok(RecordInteractionsDocument, {
      interactions: [reference[0], reference[12]].map((x, k) => ({ externalId: `scroll${k}`, userId: ids.scroller, postId: ids[x], type: "LIKE", occurredAt: `2026-03-11T10:0${k}:00Z` })),
    } as never);
    const page2 = await api.ok<RecPage, unknown>(Recs, { userId: ids.scroller, first: 10, after: page1.recommendations.pageInfo.endCursor });
    // The same list goes on: its posts 11–20, less the one liked meanwhile, ranked as they were.
    expect(page2.recommendations.nodes.map((n) => n.post.externalId)).toEqual(reference.slice(10, 20).filter((x) => x !== reference[12]));
    expect(page2.recommendations.nodes.map((n) => n.rank)).toEqual([11, 12, 14, 15, 16, 17, 18, 19, 20]);
    const page3 = await api.ok<RecPage, unknown>(Recs, { userId: ids.scroller, first: 10, after: page2.recommendations.pageInfo.endCursor });
    expect(page3.recommendations.nodes.map((n) => n.post.externalId)).toEqual(reference.slice(20, 30));
    // Paged on to the end, the list holds every post once, none the reader engaged with after page 1.
    const rest: string[] = [];
    let after = page3.recommendations.pageInfo.endCursor;
    for (let i = 0; i < 20 && after; i++) {
      const page: RecPage = await api.ok<RecPage, unknown>(Recs, { userId: ids.scroller, first: 50, after });
      rest.push(...page.recommendations.nodes.map((n) => n.post.externalId));
      after = page.recommendations.pageInfo.hasNextPage ? page.recommendations.pageInfo.endCursor : null;
    }
    const all = [...reference.slice(0, 10), ...page2.recommendations.nodes.map((n) => n.post.externalId), ...page3.recommendations.nodes.map((n) => n.post.externalId), ...rest];
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(134 - 1); // 135 posts, less big0; reference[12] never shown
    // A new first page is the re-ranked current list, without what they liked.
    const fresh = await api.ok<RecPage, unknown>(Recs, { userId: ids.scroller, first: 50 });
    expect(fresh.recommendations.nodes.map((n) => n.post.externalId)).not.toContain(reference[0]);
    expect(fresh.recommendations.nodes.map((n) => n.post.externalId)).not.toContain(reference[12]);
  });

  it("never recommends an erased brand's posts, not even from the fit made before the erasure", async () => {
    const similar = await api.ok<{ similarPosts: Array<{ post: { externalId: string } }> }, unknown>(Similar, { postId: ids.big0, first: 50 });
    expect(similar.similarPosts.some((s) => s.post.externalId.startsWith("small"))).toBe(true);
    const fayBefore = await walk(ids.fay, 50);
    expect(fayBefore).toHaveLength(134); // all but big1
    expect(fayBefore.filter((x) => x.startsWith("small"))).toHaveLength(5);

    await api.ok(DeleteUserDocument, { id: ids.smallco });
    // At once: no error, no erased post, the remaining posts all still there.
    const after = await api.ok<{ similarPosts: Array<{ rank: number; post: { externalId: string } }> }, unknown>(Similar, { postId: ids.big0, first: 50 });
    expect(after.similarPosts.some((s) => s.post.externalId.startsWith("small"))).toBe(false);
    expect(after.similarPosts.map((s) => s.rank)).toEqual(after.similarPosts.map((_, i) => i + 1));
    for (const who of ["fay", "jumper"]) {
      const walked = await walk(ids[who], 50);
      expect(walked).toHaveLength(129); // 130 of the big brand, less the one they engaged with
      expect(walked.some((x) => x.startsWith("small"))).toBe(false);
    }
  });
});
