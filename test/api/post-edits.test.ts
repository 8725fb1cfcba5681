import { RecordInteractionsDocument, UpsertPostsDocument, UpsertUsersDocument, type PostInput } from "./__generated__/graphql";
import { startServer, type TestServer } from "./support/server";
import { hour, t0 } from "./support/world";

let api: TestServer;

beforeAll(async () => {
  api = await startServer();
  await api.ok(UpsertUsersDocument, { users: [{ platform: "INSTAGRAM", handle: "acme", isBrand: true }, { platform: "INSTAGRAM", handle: "fan" }] });
});

afterAll(async () => {
  await api?.stop();
});

const post = (externalId: string, at: number): PostInput => ({ platform: "INSTAGRAM", externalId, authorHandle: "acme", text: `post ${externalId}`, mediaType: "PHOTO", publishedAt: new Date(at).toISOString() });

describe("editing a post's publication time", () => {
  it("cannot move a post after its first interaction (nobody engages before publication), and writes nothing of the batch", async () => {
    const { upsertPosts } = await api.ok(UpsertPostsDocument, { posts: [post("moved", t0), post("other", t0)] });
    const [moved] = upsertPosts.items;
    const { upsertUsers } = await api.ok(UpsertUsersDocument, { users: [{ platform: "INSTAGRAM", handle: "fan" }] });
    await api.ok(RecordInteractionsDocument, {
      interactions: [{ externalId: "v1", userId: upsertUsers.items[0].id, postId: moved.id, type: "VIEW", occurredAt: new Date(t0 + 2 * hour).toISOString() }],
    });

    // Later than the view: refused, naming the row and field; the other row of the batch is not written either.
    const r = await api.query(UpsertPostsDocument, { posts: [post("other", t0 + 5 * hour), post("moved", t0 + 3 * hour)] });
    expect(r.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "posts[1].publishedAt", index: 1 });
    expect(r.errors?.[0].message).toBe(
      `posts[1].publishedAt: expected a time at or before the post's first interaction (${new Date(t0 + 2 * hour).toISOString()}), found ${new Date(t0 + 3 * hour).toISOString()}`,
    );
    const stored = await api.ok<{ posts: { nodes: Array<{ externalId: string; publishedAt: string }> } }, Record<string, never>>(`{ posts(first: 10, orderBy: { field: PUBLISHED_AT, direction: ASC }) { nodes { externalId publishedAt } } }`, {});
    expect(stored.posts.nodes.map((p) => [p.externalId, Date.parse(p.publishedAt)]).sort()).toEqual([
      ["moved", t0],
      ["other", t0],
    ]);

    // Up to the first interaction, or earlier, is accepted; a post without interactions moves freely.
    await api.ok(UpsertPostsDocument, { posts: [post("moved", t0 + 2 * hour), post("other", t0 + 9 * hour)] });
    await api.ok(UpsertPostsDocument, { posts: [post("moved", t0 - hour)] });
  });
});
