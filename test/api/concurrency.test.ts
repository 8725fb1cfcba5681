import { startServer, type TestServer } from "./support/server";

// Concurrent writers to the same rows. SQLite runs one write unit at a time; on PostgreSQL (READ COMMITTED, a pool
// of connections, or several servers) these read-merge-write paths lock what they read, so nothing is lost.
let api: TestServer;

beforeAll(async () => {
  api = await startServer();
});

afterAll(async () => {
  await api?.stop();
});

const UpsertUsers = `mutation($users: [UserInput!]!) { upsertUsers(users: $users) { created updated items { id } } }`;
const UpsertPosts = `mutation($posts: [PostInput!]!) { upsertPosts(posts: $posts) { created updated items { id } } }`;
const Record = `mutation($i: [InteractionInput!]!) { recordInteractions(interactions: $i) { recorded } }`;
const Counters = `query($id: ID!) { post(id: $id) { counters { likes impressions reach } } }`;

type Upserted = { items: Array<{ id: string }>; created: number; updated: number };

async function people(prefix: string, n: number): Promise<string[]> {
  const users = Array.from({ length: n }, (_, i) => ({ platform: "TWITTER", handle: `${prefix}${i}` }));
  return (await api.ok<{ upsertUsers: Upserted }, unknown>(UpsertUsers, { users })).upsertUsers.items.map((u) => u.id);
}

async function post(externalId: string): Promise<string> {
  await people("author_", 1);
  const p = { platform: "TWITTER", externalId, authorHandle: "author_0", text: "first text", mediaType: "PHOTO", publishedAt: "2026-11-20T00:00:00Z" };
  return (await api.ok<{ upsertPosts: Upserted }, unknown>(UpsertPosts, { posts: [p] })).upsertPosts.items[0].id;
}

describe("concurrent writes", () => {
  it("keeps every recorded like in the counters while the post's text is edited at the same time", async () => {
    const postId = await post("edited-while-liked");
    const fans = await people("fan_", 400);
    const batches = Array.from({ length: 20 }, (_, b) =>
      api.ok(Record, { i: fans.slice(b * 20, b * 20 + 20).map((userId, k) => ({ userId, postId, type: "LIKE", externalId: `like-${b}-${k}`, occurredAt: "2026-11-21T00:00:00Z" })) }),
    );
    const edits = Array.from({ length: 20 }, (_, e) =>
      api.ok(UpsertPosts, { posts: [{ platform: "TWITTER", externalId: "edited-while-liked", authorHandle: "author_0", text: `edit ${e}`, mediaType: "PHOTO", publishedAt: "2026-11-20T00:00:00Z" }] }),
    );
    await Promise.all([...batches, ...edits]);
    const { post: p } = await api.ok<{ post: { counters: { likes: number; reach: number } } }, unknown>(Counters, { id: postId });
    expect(p.counters).toMatchObject({ likes: 400, reach: 400 });
  });

  it("counts each person once in reach when concurrent batches carry the same people", async () => {
    const postId = await post("viewed-by-the-same");
    const viewers = await people("viewer_", 20);
    await Promise.all(
      Array.from({ length: 16 }, (_, b) =>
        api.ok(Record, { i: viewers.map((userId, k) => ({ userId, postId, type: "VIEW", externalId: `view-${b}-${k}`, occurredAt: `2026-11-21T00:00:${String(b).padStart(2, "0")}Z` })) }),
      ),
    );
    const { post: p } = await api.ok<{ post: { counters: { impressions: number; reach: number } } }, unknown>(Counters, { id: postId });
    expect(p.counters).toMatchObject({ impressions: 320, reach: 20 });
  });

  it("merges every concurrent attribute update of one person, and reports one creation", async () => {
    const answers = await Promise.all(
      Array.from({ length: 16 }, (_, k) => api.ok<{ upsertUsers: Upserted }, unknown>(UpsertUsers, { users: [{ platform: "TIKTOK", handle: "merged", attributes: { extra: { [`k${k}`]: k } } }] })),
    );
    expect(answers.reduce((n, a) => n + a.upsertUsers.created, 0)).toBe(1);
    expect(answers.reduce((n, a) => n + a.upsertUsers.updated, 0)).toBe(15);
    const { userByHandle } = await api.ok<{ userByHandle: { attributes: { extra: Record<string, number> } } }, unknown>(
      `{ userByHandle(platform: TIKTOK, handle: "merged") { attributes { extra } } }`,
    );
    expect(userByHandle.attributes.extra).toEqual(Object.fromEntries(Array.from({ length: 16 }, (_, k) => [`k${k}`, k])));
  });

  it("keeps the counters equal to the rows when a person is erased while their interactions are being recorded", async () => {
    await people("author_", 1);
    const posts = Array.from({ length: 20 }, (_, k) => ({ platform: "TWITTER", externalId: `erased-${k}`, authorHandle: "author_0", text: `post ${k}`, mediaType: "PHOTO", publishedAt: "2026-11-20T00:00:00Z" }));
    const postIds = (await api.ok<{ upsertPosts: Upserted }, unknown>(UpsertPosts, { posts })).upsertPosts.items.map((p) => p.id);
    const [victim, ...others] = await people("erased_fan_", 4);
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    // A stream of batches, the erasure in the middle of it.
    const batches = Array.from({ length: 12 }, (_, b) =>
      sleep(b * 15).then(() => api.query(Record, {
        i: postIds.flatMap((postId, k) => [victim, ...others].map((userId, u) => ({ userId, postId, type: "LIKE", externalId: `e-${b}-${k}-${u}`, occurredAt: "2026-11-21T00:00:00Z" }))),
      })),
    );
    const erasure = sleep(70).then(() => api.ok(`mutation($id: ID!) { deleteUser(id: $id) { deletedUserId } }`, { id: victim }));
    const answers = await Promise.all([...batches, erasure]);
    // A batch is recorded, or refused as naming a person who is gone: never an internal error.
    for (const a of answers.slice(0, -1) as Array<{ errors?: Array<{ extensions?: { code?: unknown } }> }>) {
      for (const e of a.errors ?? []) expect(["BAD_USER_INPUT", "NOT_FOUND"]).toContain(e.extensions?.code);
    }
    type PostRows = { post: { counters: { likes: number; reach: number }; interactions: { totalCount: number; nodes: Array<{ user: { id: string } }> } } };
    for (const id of postIds) {
      const { post: p } = await api.ok<PostRows, unknown>(`query($id: ID!) { post(id: $id) { counters { likes reach } interactions(first: 100) { totalCount nodes { user { id } } } } }`, { id });
      expect(p.counters.likes).toBe(p.interactions.totalCount);
      expect(p.counters.reach).toBe(new Set(p.interactions.nodes.map((n) => n.user.id)).size);
    }
  });

  it("keeps no score of an erased person's texts, refuses posts by an author erased under them, and erases a person once", async () => {
    const Texts = `{ posts { totalCount } interactions(filter: { types: [COMMENT] }) { totalCount } shareOfVoice(groupBy: NONE) { total } }`;
    type Counts = { posts: { totalCount: number }; interactions: { totalCount: number }; shareOfVoice: { total: number } };
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const others = await people("bystander_", 2);
    for (let round = 0; round < 4; round++) {
      const [author] = await people(`doomed_${round}_`, 1);
      const base = { platform: "TWITTER", authorId: author, mediaType: "TEXT", publishedAt: "2026-11-20T00:00:00Z" };
      const first = (await api.ok<{ upsertPosts: Upserted }, unknown>(UpsertPosts, { posts: [{ ...base, externalId: `doomed-${round}`, text: "I love this so much" }] })).upsertPosts.items[0].id;
      const writes = Array.from({ length: 8 }, (_, b) =>
        sleep(b * 5).then(() =>
          b % 2 === 0
            ? api.query(UpsertPosts, { posts: Array.from({ length: 50 }, (_, k) => ({ ...base, externalId: `doomed-${round}-${b}-${k}`, text: `awful, just awful ${k}` })) })
            : api.query(Record, { i: [author, ...others].flatMap((userId, u) => Array.from({ length: 30 }, (_, k) => ({ userId, postId: first, type: "COMMENT", text: `great stuff ${k}`, externalId: `dc-${round}-${b}-${u}-${k}`, occurredAt: "2026-11-21T00:00:00Z" }))) }),
        ),
      );
      const Erase = `mutation($id: ID!) { deleteUser(id: $id) { deletedUserId } }`;
      const erasures = [sleep(12).then(() => api.query(Erase, { id: author })), sleep(12).then(() => api.query(Erase, { id: author }))];
      const answers = await Promise.all([...writes, ...erasures]);
      for (const a of answers as Array<{ errors?: Array<{ extensions?: { code?: unknown } }> }>) {
        for (const e of a.errors ?? []) expect(["BAD_USER_INPUT", "NOT_FOUND"]).toContain(e.extensions?.code);
      }
      // One erasure erased; the other found nobody.
      const [e1, e2] = answers.slice(-2) as Array<{ errors?: unknown[] }>;
      expect([e1.errors, e2.errors].filter((x) => x === undefined)).toHaveLength(1);
    }
    // Every stored text has its one score once scoring settles, and no score is left of an erased one.
    let counts: Counts | undefined;
    for (let i = 0; i < 50; i++) {
      counts = await api.ok<Counts, unknown>(Texts);
      if (counts.shareOfVoice.total === counts.posts.totalCount + counts.interactions.totalCount) break;
      await sleep(100);
    }
    expect(counts!.shareOfVoice.total).toBe(counts!.posts.totalCount + counts!.interactions.totalCount);
  });

  it("reports one creation when the same new post arrives concurrently", async () => {
    await people("author_", 1);
    const p = { platform: "TWITTER", externalId: "sent-sixteen-times", authorHandle: "author_0", text: "hello", mediaType: "PHOTO", publishedAt: "2026-11-20T00:00:00Z" };
    const answers = await Promise.all(Array.from({ length: 16 }, () => api.ok<{ upsertPosts: Upserted }, unknown>(UpsertPosts, { posts: [p] })));
    expect(answers.reduce((n, a) => n + a.upsertPosts.created, 0)).toBe(1);
    expect(new Set(answers.map((a) => a.upsertPosts.items[0].id)).size).toBe(1);
  });
});
