import { UpsertPostsDocument, UpsertUsersDocument } from "./__generated__/graphql";
import { toGlobalId } from "graphql-relay";
import { startServer, type TestServer } from "./support/server";

// The list filters: `filter: null` is no filter, an unknown ID is NOT_FOUND, an empty range or an empty
// list of types is a mistake named by its field, not an empty page.
let api: TestServer;
let authorId: string;
let postId: string;

beforeAll(async () => {
  api = await startServer();
  const u = await api.ok(UpsertUsersDocument, { users: [{ platform: "INSTAGRAM", handle: "filters_brand", isBrand: true }] } as never);
  authorId = (u as unknown as { upsertUsers: { items: Array<{ id: string }> } }).upsertUsers.items[0].id;
  const p = await api.ok(UpsertPostsDocument, {
    posts: [{ platform: "INSTAGRAM", externalId: "f1", authorHandle: "filters_brand", text: "hello", mediaType: "PHOTO", publishedAt: "2026-03-02T10:00:00Z" }],
  } as never);
  postId = (p as unknown as { upsertPosts: { items: Array<{ id: string }> } }).upsertPosts.items[0].id;
});

afterAll(async () => {
  await api?.stop();
});

describe("list filters", () => {
  it("read filter: null as no filter, at the top and nested", async () => {
    const r = await api.ok<{ posts: { totalCount: number }; users: { totalCount: number }; interactions: { totalCount: number }; node: { interactions: { totalCount: number } } }, unknown>(
      `query($id: ID!) { posts(filter: null) { totalCount } users(filter: null) { totalCount } interactions(filter: null) { totalCount }
         node(id: $id) { ... on Post { interactions(filter: null) { totalCount } } } }`,
      { id: postId },
    );
    expect([r.posts.totalCount, r.users.totalCount, r.interactions.totalCount, r.node.interactions.totalCount]).toEqual([1, 1, 0, 0]);
  });

  it("refuse an unknown ID with NOT_FOUND naming the filter field", async () => {
    const q = (field: string, id: string) => api.query(`query($id: ID!) { ${field === "authorId" ? "posts" : "interactions"}(filter: { ${field}: $id }) { totalCount } }`, { id });
    for (const [field, id] of [["authorId", toGlobalId("User", 987654)], ["userId", toGlobalId("User", 987654)], ["postId", toGlobalId("Post", 987654)]] as const) {
      const r = await q(field, id);
      expect(r.errors?.[0].extensions).toMatchObject({ code: "NOT_FOUND", field: `filter.${field}` });
    }
    // In a nested list's filter too.
    const nested = await api.query(`query($id: ID!, $a: ID!) { node(id: $id) { ... on User { posts(filter: { authorId: $a }) { totalCount } } } }`, { id: authorId, a: toGlobalId("User", 987654) });
    expect(nested.errors?.[0].extensions).toMatchObject({ code: "NOT_FOUND", field: "filter.authorId" });
    const nestedPost = await api.query(`query($id: ID!, $p: ID!) { node(id: $id) { ... on User { interactions(filter: { postId: $p }) { totalCount } } } }`, { id: authorId, p: toGlobalId("Post", 987654) });
    expect(nestedPost.errors?.[0].extensions).toMatchObject({ code: "NOT_FOUND", field: "filter.postId" });
    // A known one still filters.
    const known = await api.ok<{ posts: { totalCount: number } }, unknown>(`query($id: ID!) { posts(filter: { authorId: $id }) { totalCount } }`, { id: authorId });
    expect(known.posts.totalCount).toBe(1);
  });

  it("refuse an empty time range and an empty list of types, naming the field", async () => {
    const posts = await api.query(`{ posts(filter: { publishedAfter: "2026-03-02T00:00:00Z", publishedBefore: "2026-03-01T00:00:00Z" }) { totalCount } }`);
    expect(posts.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "filter.publishedBefore" });
    const users = await api.query(`{ users(filter: { createdAfter: "2026-03-02T00:00:00Z", createdBefore: "2026-03-02T00:00:00Z" }) { totalCount } }`);
    expect(users.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "filter.createdBefore" });
    const interactions = await api.query(`{ interactions(filter: { occurredAfter: "2026-03-02T00:00:00Z", occurredBefore: "2026-01-01T00:00:00Z" }) { totalCount } }`);
    expect(interactions.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "filter.occurredBefore" });
    const types = await api.query(`{ interactions(filter: { types: [] }) { totalCount } }`);
    expect(types.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "filter.types" });
  });
});
