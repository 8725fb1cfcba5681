import { PostsDocument, PostsWithInteractionsDocument, RecordInteractionsDocument, UsersWithPostsDocument } from "./__generated__/graphql";
import { startServer, type TestServer } from "./support/server";
import { buildWorld, interactionsFor, type World } from "./support/world";

let api: TestServer;
let world: World;

beforeAll(async () => {
  // Every statement must run: no cached answers here.
  api = await startServer({ env: { RESPONSE_CACHE: "false" } });
  world = await buildWorld(api, 30, 25);
  await api.ok(RecordInteractionsDocument, { interactions: interactionsFor(world, 2000) });
});

afterAll(async () => {
  await api?.stop();
});

/** The statements the server ran for one operation (COUNT_SQL=true puts them in extensions). */
async function statements(doc: Parameters<TestServer["query"]>[0], variables: Record<string, unknown>): Promise<number> {
  const r = await api.query(doc, variables);
  expect(r.errors).toBeUndefined();
  return r.extensions?.sqlStatements as number;
}

describe("no list query issues a statement per row", () => {
  it("posts with their authors: one statement for the page, one for all authors", async () => {
    expect(await statements(PostsDocument, { first: 2 })).toBe(await statements(PostsDocument, { first: 40 }));
    // page + authors + totalCount
    expect(await statements(PostsDocument, { first: 40 })).toBe(3);
  });

  it("posts → interactions → users: one statement per level, whatever the page sizes", async () => {
    const small = await statements(PostsWithInteractionsDocument, { first: 2, interactionsFirst: 2 });
    const large = await statements(PostsWithInteractionsDocument, { first: 50, interactionsFirst: 20 });
    expect(large).toBe(small);
    // posts page, authors, interactions of every post (window function), their counts, their users
    expect(large).toBe(5);
  });

  it("users → posts → authors: the same", async () => {
    const small = await statements(UsersWithPostsDocument, { first: 1, postsFirst: 1 });
    const large = await statements(UsersWithPostsDocument, { first: 2, postsFirst: 25 });
    expect(large).toBe(small);
    expect(large).toBe(4);
  });

  it("the batched nested pages equal the pages fetched one parent at a time", async () => {
    const nested = await api.ok(PostsWithInteractionsDocument, { first: 10, interactionsFirst: 3 });
    for (const post of nested.posts.nodes) {
      const one = await api.ok(
        `query($id: ID!) { post(id: $id) { interactions(first: 3) { totalCount nodes { id } } } }`,
        { id: post.id },
      ) as { post: { interactions: { totalCount: number; nodes: Array<{ id: string }> } } };
      expect(post.interactions.nodes.map((n) => n.id)).toEqual(one.post.interactions.nodes.map((n) => n.id));
      expect(post.interactions.totalCount).toBe(one.post.interactions.totalCount);
    }
    expect(nested.posts.nodes.some((p) => p.interactions.totalCount > 3)).toBe(true);
    expect(world.posts.length).toBe(50);
  });
});
