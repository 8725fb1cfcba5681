import { startServer, type TestServer } from "./support/server";

// Hand-made, stale or hostile values that the database would choke on are refused (or match nothing) with the same
// answer on SQLite and PostgreSQL, never INTERNAL_SERVER_ERROR.
let api: TestServer;
let userId: string;
let postId: string;

const gid = (s: string) => Buffer.from(s).toString("base64");
const cursor = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");

beforeAll(async () => {
  api = await startServer();
  const users = await api.ok<{ upsertUsers: { items: Array<{ id: string }> } }, unknown>(
    `mutation { upsertUsers(users: [{ platform: TWITTER, handle: "brand", isBrand: true }, { platform: TWITTER, handle: "fan" }]) { items { id } } }`,
  );
  userId = users.upsertUsers.items[0].id;
  const posts = await api.ok<{ upsertPosts: { items: Array<{ id: string }> } }, unknown>(
    `mutation { upsertPosts(posts: [{ platform: TWITTER, externalId: "p1", authorHandle: "brand", text: "Great day #fitness", mediaType: PHOTO, publishedAt: "2026-11-01T00:00:00Z", metrics: { likes: 5 } },
      { platform: TWITTER, externalId: "p2", authorHandle: "brand", text: "Another one #fitness", mediaType: PHOTO, publishedAt: "2026-11-02T00:00:00Z", metrics: { likes: 3 } }]) { items { id } } }`,
  );
  postId = posts.upsertPosts.items[0].id;
  await api.ok(`mutation($i: [InteractionInput!]!) { recordInteractions(interactions: $i) { recorded } }`, {
    i: [{ userHandle: "fan", platform: "TWITTER", postId, type: "COMMENT", text: "love it", occurredAt: "2026-11-03T00:00:00Z" }],
  });
});

afterAll(async () => {
  await api?.stop();
});

describe("hostile input", () => {
  it("refuses a global ID whose number no row can have, or spelled another way, and fetches the rest of a nodes list", async () => {
    for (const id of [gid("Post:99999999999"), gid("Post:2147483648"), gid("User:0"), gid("User:01")]) {
      const r = await api.query(`query($id: ID!) { node(id: $id) { id } }`, { id });
      expect(r.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
      const f = await api.query(`query($id: ID!) { posts(filter: { authorId: $id }) { totalCount } }`, { id });
      expect(f.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "filter.authorId" });
    }
    const nodes = await api.query<{ nodes: Array<{ id: string } | null> }, unknown>(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, {
      ids: [userId, "garbage", gid("Post:99999999999"), gid("Post:4242"), postId],
    });
    expect(nodes.data?.nodes).toEqual([{ id: userId }, null, null, null, { id: postId }]);
    expect(nodes.errors?.map((e) => [e.path, e.extensions?.code, e.extensions?.field])).toEqual([
      [["nodes", 1], "BAD_USER_INPUT", "ids[1]"],
      [["nodes", 2], "BAD_USER_INPUT", "ids[2]"],
      [["nodes", 3], "NOT_FOUND", "ids[3]"],
    ]);
  });

  it("refuses a cursor of the other direction, and hand-made cursors whose values the ordering cannot hold", async () => {
    const desc = await api.ok<{ posts: { edges: Array<{ cursor: string }> } }, unknown>(`{ posts(first: 1, orderBy: { field: LIKES, direction: DESC }) { edges { cursor } } }`);
    const asc = await api.query(`query($a: String) { posts(first: 2, after: $a, orderBy: { field: LIKES, direction: ASC }) { edges { cursor } } }`, { a: desc.posts.edges[0].cursor });
    expect(asc.errors?.[0]).toMatchObject({ message: "after: the cursor belongs to an ordering by likes DESC, not ASC", extensions: { code: "BAD_USER_INPUT", field: "after" } });
    const Likes = `query($a: String) { posts(first: 2, after: $a, orderBy: { field: LIKES, direction: DESC }) { edges { cursor } } }`;
    for (const bad of [["likes", { x: 1 }, 5], ["likes", -5, 3, "DESC"], ["likes", 5.5, 5], ["likes", 1e300, 5], ["likes", "zzz", 5], ["likes", null, 5], ["likes", 3, 99999999999], ["likes", 3, 1.5]]) {
      const r = await api.query(Likes, { a: cursor(bad) });
      expect(r.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    }
    // A cursor made before the direction was recorded still reads.
    const legacy = await api.ok<{ posts: { edges: unknown[] } }, unknown>(Likes, { a: cursor(["likes", 5, 1]) });
    expect(legacy.posts.edges).toHaveLength(1);
    const Dated = `query($a: String) { posts(first: 2, after: $a) { edges { cursor } } }`;
    for (const bad of [["publishedAt", "2026-11-01T00:00:00.000Z", 99999999999], ["publishedAt", 12, 1], ["publishedAt", "someday", 1]]) {
      expect((await api.query(Dated, { a: cursor(bad) })).errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    }
    const Series = `query($a: String) { sentimentSeries(granularity: DAY, groupBy: AUTHOR, after: $a) { nodes { count } } }`;
    for (const key of ["10\u00000", 7]) {
      expect((await api.query(Series, { a: cursor(["sentimentSeries", "DAY", "AUTHOR", "2026-05-05T00:00:00", key]) })).errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    }
    const Segments = `query($a: String) { segmentSeries(granularity: DAY, after: $a) { nodes { interactions } } }`;
    for (const key of [99999999999, 1.5, "1"]) {
      expect((await api.query(Segments, { a: cursor(["segmentSeries", "DAY", "2026-05-05T00:00:00", key]) })).errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    }
    for (const bucket of ["2026-99-05T00:00:00", "2026-02-30T00:00:00"]) {
      expect((await api.query(Segments, { a: cursor(["segmentSeries", "DAY", bucket, 1]) })).errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    }
    // A Model's ID (its name) is named as such where another type's ID is expected.
    const model = await api.ok<{ model: { id: string } }, unknown>(`{ model(name: "churn") { id } }`);
    const asNode = await api.query(`query($id: ID!) { node(id: $id) { id } }`, { id: model.model.id });
    expect(asNode.errors?.[0].message).toMatch(/^id: expected the ID of a .*, found the ID of a Model$/);
  });

  it("answers lookups and filters holding a NUL character as matching nothing, and refuses one in a vocabulary phrase", async () => {
    const r = await api.ok<{ users: { totalCount: number }; userByHandle: unknown; posts: { totalCount: number }; shareOfVoice: { total: number } }, unknown>(
      `query($s: String!) { users(filter: { handle: $s }) { totalCount } userByHandle(handle: $s, platform: TWITTER) { id } posts(filter: { hashtag: $s }) { totalCount }
        shareOfVoice(filter: { topic: $s }) { total } }`,
      { s: "fit\u0000ness" },
    );
    expect(r).toEqual({ users: { totalCount: 0 }, userByHandle: null, posts: { totalCount: 0 }, shareOfVoice: { total: 0 } });
    const series = await api.ok<{ sentimentSeries: { nodes: unknown[] }; sentimentAlerts: unknown[] }, unknown>(
      `query($s: String!) { sentimentSeries(filter: { hashtag: $s }) { nodes { count } } sentimentAlerts(filter: { topic: $s }) { id } }`,
      { s: "fit\u0000ness" },
    );
    expect(series).toEqual({ sentimentSeries: { nodes: [] }, sentimentAlerts: [] });
    const who = await api.query(`mutation($i: [InteractionInput!]!) { recordInteractions(interactions: $i) { recorded } }`, {
      i: [{ userHandle: "f\u0000an", platform: "TWITTER", postId, type: "LIKE", occurredAt: "2026-11-03T00:00:00Z" }],
    });
    expect(who.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "interactions[0].userHandle" });
    const rule = await api.query(`mutation($id: ID!, $p: String!) { setVocabularyRules(accountId: $id, rules: [{ phrase: $p, polarity: 0.8 }]) { rescored } }`, { id: userId, p: "si\u0000ck" });
    expect(rule.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "rules[0].phrase" });
    const removed = await api.ok<{ removeVocabularyRules: { removed: number } }, unknown>(`mutation($id: ID!, $p: String!) { removeVocabularyRules(accountId: $id, phrases: [$p]) { removed } }`, { id: userId, p: "a\u0000b" });
    expect(removed.removeVocabularyRules.removed).toBe(0);
    // An id with a control character is refused: cleaned, "a\u0000b" would be the same key as "a b".
    const postKey = await api.query(`mutation($p: [PostInput!]!) { upsertPosts(posts: $p) { created } }`, {
      p: [{ platform: "TWITTER", externalId: "a\u0000b", authorHandle: "brand", text: "x", mediaType: "TEXT", publishedAt: "2026-11-01T00:00:00Z" }],
    });
    expect(postKey.errors?.[0]).toMatchObject({ message: "posts[0].externalId: expected an id without control characters", extensions: { code: "BAD_USER_INPUT" } });
    const eventKey = await api.query(`mutation($i: [InteractionInput!]!) { recordInteractions(interactions: $i) { recorded } }`, {
      i: [{ externalId: "e\u00001", userHandle: "fan", platform: "TWITTER", postId, type: "LIKE", occurredAt: "2026-11-03T00:00:00Z" }],
    });
    expect(eventKey.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "interactions[0].externalId" });
    // Still serving.
    expect((await api.query(`{ posts(first: 1) { totalCount } }`)).errors).toBeUndefined();
  });
});
