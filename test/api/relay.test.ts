import { NodeDocument, NodesDocument, PostsDocument, UsersDocument, type PostsQueryVariables } from "./__generated__/graphql";
import { startServer, type TestServer } from "./support/server";
import { buildWorld, type World } from "./support/world";

let api: TestServer;
let world: World;

beforeAll(async () => {
  api = await startServer();
  world = await buildWorld(api, 10, 12);
});

afterAll(async () => {
  await api?.stop();
});

async function walk(vars: PostsQueryVariables, pageSize: number, backward = false): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const page = await api.ok(PostsDocument, backward ? { ...vars, last: pageSize, before: cursor } : { ...vars, first: pageSize, after: cursor });
    const got = page.posts.edges.map((e) => e.node.id);
    if (backward) ids.unshift(...got);
    else ids.push(...got);
    const more = backward ? page.posts.pageInfo.hasPreviousPage : page.posts.pageInfo.hasNextPage;
    cursor = backward ? page.posts.pageInfo.startCursor : page.posts.pageInfo.endCursor;
    if (!more) break;
  }
  return ids;
}

describe("Relay connections", () => {
  it("pages forward and backward through the same ordering, newest first by default", async () => {
    const all = await api.ok(PostsDocument, { first: 100 });
    expect(all.posts.totalCount).toBe(24);
    const times = all.posts.edges.map((e) => Date.parse(e.node.publishedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const order = all.posts.edges.map((e) => e.node.id);
    expect(await walk({}, 5)).toEqual(order);
    expect(await walk({}, 7, true)).toEqual(order);
  });

  it("orders by a counter with ties broken by id, across pages", async () => {
    const vars: PostsQueryVariables = { orderBy: { field: "LIKES", direction: "ASC" } };
    const all = await api.ok(PostsDocument, { ...vars, first: 100 });
    expect(await walk(vars, 4)).toEqual(all.posts.edges.map((e) => e.node.id));
  });

  it("filters by author, media type and time range, with totalCount of the filter", async () => {
    const acme = world.brands[0];
    const r = await api.ok(PostsDocument, {
      first: 3,
      filter: { authorId: acme.id, mediaType: "VIDEO", publishedAfter: "2026-06-01T00:00:00Z", publishedBefore: "2026-06-02T00:00:00Z" },
    });
    // acme posts i = 0..11 at t0 + 2i hours; VIDEO when i % 3 === 0; before 24 h: i in {0, 3, 6, 9}
    expect(r.posts.totalCount).toBe(4);
    expect(r.posts.edges).toHaveLength(3);
    expect(r.posts.pageInfo.hasNextPage).toBe(true);
    expect(r.posts.edges.every((e) => e.node.author.id === acme.id && e.node.mediaType === "VIDEO")).toBe(true);
  });

  it("answers a bad page request with BAD_USER_INPUT naming the argument", async () => {
    const tooMany = await api.query(PostsDocument, { first: 500 });
    expect(tooMany.errors?.[0]).toMatchObject({ message: "first: expected `first` between 1 and 100, found 500", extensions: { code: "BAD_USER_INPUT", field: "first" } });
    const both = await api.query(PostsDocument, { first: 5, last: 5 });
    expect(both.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "last" });
    const badCursor = await api.query(PostsDocument, { first: 5, after: "not-a-cursor" });
    expect(badCursor.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    const page = await api.ok(PostsDocument, { first: 2 });
    const foreign = await api.query(PostsDocument, { first: 2, after: page.posts.pageInfo.endCursor, orderBy: { field: "LIKES", direction: "DESC" } });
    expect(foreign.errors?.[0].message).toMatch(/^after: the cursor belongs to an ordering by publishedAt/);
    const users = await api.query(UsersDocument, { last: 0 });
    expect(users.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "last" });
    // An empty filter value is a mistake, not "no filter".
    for (const [filter, field] of [[{ hashtag: "" }, "filter.hashtag"], [{ hashtag: " # " }, "filter.hashtag"], [{ category: "  " }, "filter.category"]] as const) {
      const empty = await api.query(PostsDocument, { first: 5, filter });
      expect(empty.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
    const noHandle = await api.query(UsersDocument, { first: 5, filter: { handle: "@" } });
    expect(noHandle.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "filter.handle" });
  });
});

describe("Node interface", () => {
  it("fetches any object by its opaque global id", async () => {
    const post = world.posts[3];
    const r = await api.ok(NodeDocument, { id: post.id });
    expect(r.node).toMatchObject({ id: post.id, __typename: "Post", externalId: post.externalId });
    const u = await api.ok(NodeDocument, { id: world.people[0].id });
    expect(u.node).toMatchObject({ __typename: "User", handle: "person0" });
    expect(post.id).not.toMatch(/^\d+$/);
  });

  it("answers NOT_FOUND for an unknown id and BAD_USER_INPUT for a malformed one", async () => {
    const unknown = Buffer.from("Post:999999").toString("base64");
    const r = await api.query(NodeDocument, { id: unknown });
    expect(r.data?.node).toBeNull();
    expect(r.errors?.[0].extensions).toMatchObject({ code: "NOT_FOUND", type: "Post", id: unknown });
    const bad = await api.query(NodeDocument, { id: "hello" });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
    const foreignType = await api.query(NodeDocument, { id: Buffer.from("Planet:1").toString("base64") });
    expect(foreignType.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
  });

  it("nodes(ids) keeps order and nulls the unknown ones with a NOT_FOUND each", async () => {
    const unknown = Buffer.from("User:424242").toString("base64");
    const r = await api.query(NodesDocument, { ids: [world.posts[0].id, unknown, world.people[1].id] });
    expect(r.data?.nodes.map((n) => n?.id ?? null)).toEqual([world.posts[0].id, null, world.people[1].id]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors?.[0]).toMatchObject({ path: ["nodes", 1], extensions: { code: "NOT_FOUND" } });
  });
});
