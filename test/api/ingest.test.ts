import {
  InteractionsDocument,
  PostCountersDocument,
  PostsDocument,
  RecordInteractionsDocument,
  UpsertPostsDocument,
  UpsertUsersDocument,
  UsersDocument,
} from "./__generated__/graphql";
import { startServer, type TestServer } from "./support/server";
import { buildWorld, hour, interactionsFor, t0, type World } from "./support/world";
import { countRows, openSql, type SqlHandle } from "../support/sql";

let api: TestServer;
let world: World;
let sql: SqlHandle;

beforeAll(async () => {
  api = await startServer();
  world = await buildWorld(api);
  sql = await openSql(api.database.url);
});

afterAll(async () => {
  await sql?.close();
  await api?.stop();
});

/** Counters of every post, recomputed from the interactions table. */
async function countersFromRows(): Promise<Map<number, Record<string, number>>> {
  const rows = await sql.all<{ postId: number; type: string; n: number | string; users: number | string }>(
    `SELECT "postId", "type", COUNT(*) AS n, COUNT(DISTINCT "userId") AS users FROM "interactions" GROUP BY "postId", "type"`,
  );
  const reach = await sql.all<{ postId: number; n: number | string }>(`SELECT "postId", COUNT(DISTINCT "userId") AS n FROM "interactions" GROUP BY "postId"`);
  const out = new Map<number, Record<string, number>>();
  const of = (id: number) => out.get(id) ?? out.set(id, { impressions: 0, reach: 0, likes: 0, comments: 0, shares: 0, clicks: 0, conversions: 0 }).get(id)!;
  const column: Record<string, string> = { VIEW: "impressions", LIKE: "likes", COMMENT: "comments", SHARE: "shares", CLICK: "clicks", CONVERSION: "conversions" };
  for (const r of rows) of(Number(r.postId))[column[r.type]] += Number(r.n);
  for (const r of reach) of(Number(r.postId)).reach = Number(r.n);
  return out;
}

async function storedCounters(): Promise<Map<number, Record<string, number>>> {
  const rows = await sql.all<Record<string, number | string>>(`SELECT "id", "impressions", "reach", "likes", "comments", "shares", "clicks", "conversions" FROM "posts" WHERE "externalId" <> 'launch-1'`); // launch-1 carries imported metrics
  return new Map(
    rows
      .map((r) => [Number(r.id), Object.fromEntries(Object.entries(r).filter(([k]) => k !== "id").map(([k, v]) => [k, Number(v)]))] as const)
      .filter(([, c]) => Object.values(c).some((v) => v > 0)),
  );
}

describe("upsertUsers", () => {
  it("normalises handles, merges repeated rows and keeps omitted fields on update", async () => {
    const first = await api.ok(UpsertUsersDocument, {
      users: [
        { platform: "TWITTER", handle: "  @Carol_X ", displayName: "Carol", followers: 5, attributes: { age: 40, country: "fr", extra: { tier: "gold" } } },
        { platform: "TWITTER", handle: "carol_x", followers: 7 },
      ],
    });
    expect(first.upsertUsers).toMatchObject({ created: 1, updated: 0, merged: 1 });
    expect(first.upsertUsers.items).toHaveLength(1);
    expect(first.upsertUsers.items[0]).toMatchObject({ handle: "carol_x", displayName: "Carol", followers: 7, attributes: { age: 40, country: "FR", extra: { tier: "gold" } } });
    const again = await api.ok(UpsertUsersDocument, { users: [{ platform: "TWITTER", handle: "CAROL_X", followers: 8 }] });
    expect(again.upsertUsers).toMatchObject({ created: 0, updated: 1 });
    expect(again.upsertUsers.items[0]).toMatchObject({ id: first.upsertUsers.items[0].id, displayName: "Carol", followers: 8, attributes: { age: 40 } });
  });

  it("rejects a batch with a bad row, naming the row and field, and writes nothing", async () => {
    const before = await countRows(sql, "users");
    const r = await api.query(UpsertUsersDocument, {
      users: [
        { platform: "TWITTER", handle: "fine_one" },
        { platform: "TWITTER", handle: "has space" },
        { platform: "TWITTER", handle: "fine_two", attributes: { age: 7 } },
      ],
    });
    expect(r.data).toBeNull();
    expect(r.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "users[1].handle", index: 1 });
    const problems = r.errors?.[0].extensions?.problems as Array<{ field: string }>;
    expect(problems.map((p) => p.field)).toEqual(["users[1].handle", "users[2].attributes.age"]);
    expect(await countRows(sql, "users")).toBe(before);
  });

  it("rejects an empty batch and one over 5,000 rows", async () => {
    const empty = await api.query(UpsertUsersDocument, { users: [] });
    expect(empty.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "users" });
    const big = await api.query(UpsertUsersDocument, { users: Array.from({ length: 5001 }, (_, i) => ({ platform: "OTHER" as const, handle: `u${i}` })) });
    expect(big.errors?.[0].message).toBe("users: expected at most 5000 rows, found 5001");
  });
});

describe("upsertPosts", () => {
  it("parses hashtags and mentions, resolves the author by id or handle, and updates by external id", async () => {
    const r = await api.ok(UpsertPostsDocument, {
      posts: [
        {
          platform: "INSTAGRAM",
          externalId: "launch-1",
          authorId: world.brands[1].id,
          text: "Meet the new #TrailRunner 🏃 with @Person3 — #trail #TrailRunner",
          mediaType: "VIDEO",
          category: " Outdoor ",
          publishedAt: "2026-07-01T08:00:00Z",
          hashtags: ["#launch"],
          metrics: { impressions: 1000, reach: 800, likes: 40 },
        },
      ],
    });
    const post = r.upsertPosts.items[0];
    expect(post).toMatchObject({
      hashtags: ["trailrunner", "trail", "launch"],
      mentions: ["person3"],
      category: "outdoor",
      paid: false,
      author: { id: world.brands[1].id },
      counters: { impressions: 1000, reach: 800, likes: 40, comments: 0, engagements: 40 },
    });
    const updated = await api.ok(UpsertPostsDocument, {
      posts: [{ platform: "INSTAGRAM", externalId: "launch-1", authorHandle: "zenith", text: "Meet it #trail", mediaType: "VIDEO", publishedAt: "2026-07-01T08:00:00Z" }],
    });
    expect(updated.upsertPosts).toMatchObject({ created: 0, updated: 1 });
    expect(updated.upsertPosts.items[0]).toMatchObject({ id: post.id, hashtags: ["trail"], category: "outdoor", counters: { impressions: 1000, likes: 40 } });
    const tagged = await api.ok(PostsDocument, { filter: { hashtag: "launch" } });
    expect(tagged.posts.totalCount).toBe(0);
    const trail = await api.ok(PostsDocument, { filter: { hashtag: "#Trail" } });
    expect(trail.posts.edges.map((e) => e.node.id)).toEqual([post.id]);
  });

  it("rejects unknown authors and bad dates with row and field, writing nothing", async () => {
    const before = await countRows(sql, "posts");
    const r = await api.query(UpsertPostsDocument, {
      posts: [
        { platform: "INSTAGRAM", externalId: "x-1", authorHandle: "acme", text: "ok", mediaType: "TEXT", publishedAt: "2026-07-01T08:00:00Z" },
        { platform: "INSTAGRAM", externalId: "x-2", authorHandle: "nobody", text: "who?", mediaType: "TEXT", publishedAt: "2026-07-01T08:00:00Z" },
        { platform: "INSTAGRAM", externalId: "x-3", authorHandle: "acme", text: "old", mediaType: "TEXT", publishedAt: "1999-01-01T00:00:00Z" },
      ],
    });
    // One answer lists every problem, a malformed row and an unknown author alike, by row.
    expect(r.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "posts[1].authorHandle", index: 1 });
    expect((r.errors?.[0].extensions?.problems as Array<{ field: string }>).map((p) => p.field)).toEqual(["posts[1].authorHandle", "posts[2].publishedAt"]);
    const r2 = await api.query(UpsertPostsDocument, {
      posts: [{ platform: "INSTAGRAM", externalId: "x-2", authorHandle: "nobody", text: "who?", mediaType: "TEXT", publishedAt: "2026-07-01T08:00:00Z" }],
    });
    expect(r2.errors?.[0]).toMatchObject({ message: "posts[0].authorHandle: no User @nobody on INSTAGRAM", extensions: { code: "BAD_USER_INPUT", index: 0 } });
    expect(await countRows(sql, "posts")).toBe(before);
  });
});

describe("recordInteractions", () => {
  it("rejects a 5,000-row batch with one bad row, names the row and field, and writes nothing", async () => {
    const batch = interactionsFor(world, 5000, "big");
    batch[3172] = { ...batch[3172], occurredAt: "2999-01-01T00:00:00Z" };
    const countersBefore = await storedCounters();
    const r = await api.query(RecordInteractionsDocument, { interactions: batch });
    expect(r.data).toBeNull();
    expect(r.errors).toHaveLength(1);
    expect(r.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "interactions[3172].occurredAt", index: 3172 });
    expect(r.errors![0].message).toMatch(/^interactions\[3172\]\.occurredAt: expected a date between/);
    expect(await countRows(sql, "interactions")).toBe(0);
    expect(await storedCounters()).toEqual(countersBefore);
  });

  it("rejects an unknown enum value with its row path", async () => {
    const batch = interactionsFor(world, 3, "enum") as Array<Record<string, unknown>>;
    batch[2].type = "LICK";
    const r = await api.query(RecordInteractionsDocument, { interactions: batch as never });
    expect(r.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "interactions[2].type" });
  });

  it("rejects an unknown post reference, naming row and field", async () => {
    const batch = interactionsFor(world, 10, "ref");
    batch[4] = { ...batch[4], postId: undefined, postExternalId: "no-such-post", platform: "INSTAGRAM" };
    const r = await api.query(RecordInteractionsDocument, { interactions: batch });
    expect(r.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "interactions[4].postExternalId", index: 4 });
    expect(await countRows(sql, "interactions")).toBe(0);
  });

  it("lists every problem of a dirty batch in one answer: malformed rows, unknown references and times before the post", async () => {
    const batch = interactionsFor(world, 6, "dirty") as Array<Record<string, unknown>>;
    batch[1] = { ...batch[1], occurredAt: "1999-01-01T00:00:00Z" };
    batch[3] = { ...batch[3], postId: undefined, postExternalId: "no-such-post", platform: "INSTAGRAM" };
    batch[4] = { ...batch[4], postId: world.posts[1].id, occurredAt: new Date(t0 - hour).toISOString() };
    const r = await api.query(RecordInteractionsDocument, { interactions: batch as never });
    const problems = r.errors?.[0].extensions?.problems as Array<{ field: string }>;
    expect(problems.map((p) => p.field)).toEqual(["interactions[1].occurredAt", "interactions[3].postExternalId", "interactions[4].occurredAt"]);
    expect(await countRows(sql, "interactions", `WHERE "externalId" LIKE 'dirty%'`)).toBe(0);
  });

  it("refuses an interaction dated before its post was published, naming row and field", async () => {
    const batch = interactionsFor(world, 10, "early");
    batch[2] = { ...batch[2], postId: world.posts[1].id, occurredAt: new Date(t0 - hour).toISOString() };
    const r = await api.query(RecordInteractionsDocument, { interactions: batch });
    expect(r.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "interactions[2].occurredAt", index: 2 });
    expect(r.errors?.[0].message).toMatch(/^interactions\[2\]\.occurredAt: expected a time at or after the post's publication \(2026-06-01T0\d:00:00\.000Z\), found 2026-05-31T23:00:00\.000Z$/);
    expect(await countRows(sql, "interactions")).toBe(0);
  });

  it("refuses a CONVERSION with a negative value (what was paid), naming row and field", async () => {
    const batch = interactionsFor(world, 10, "neg");
    batch[6] = { ...batch[6], type: "CONVERSION", value: -5 };
    const r = await api.query(RecordInteractionsDocument, { interactions: batch });
    expect(r.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "interactions[6].value", index: 6 });
    expect(r.errors?.[0].message).toBe("interactions[6].value: expected a value between 0 and 1000000000, found -5 (a CONVERSION's value is the amount paid)");
    expect(await countRows(sql, "interactions")).toBe(0);
  });

  it("records a full batch once: re-sending it changes no counts, and counters match the rows", async () => {
    const batch = interactionsFor(world, 5000, "big");
    const first = await api.ok(RecordInteractionsDocument, { interactions: batch });
    expect(first.recordInteractions).toMatchObject({ received: 5000, recorded: 5000, duplicates: 0 });
    const counters = await storedCounters();
    expect(counters).toEqual(await countersFromRows());

    const again = await api.ok(RecordInteractionsDocument, { interactions: batch });
    expect(again.recordInteractions).toMatchObject({ received: 5000, recorded: 0, duplicates: 5000, postsUpdated: 0 });
    expect(await countRows(sql, "interactions")).toBe(5000);
    expect(await storedCounters()).toEqual(counters);

    // A mixed batch: half known, half new, plus a repeat inside the batch.
    const mixed = [...batch.slice(0, 10), ...interactionsFor(world, 10, "more"), interactionsFor(world, 1, "more")[0]];
    const third = await api.ok(RecordInteractionsDocument, { interactions: mixed });
    expect(third.recordInteractions).toMatchObject({ received: 21, recorded: 10, duplicates: 11 });
    expect(await storedCounters()).toEqual(await countersFromRows());
  });

  it("keys interactions without an external id on (user, post, type, time)", async () => {
    const post = world.posts[0];
    const at = new Date(t0 + 500 * hour).toISOString();
    const rows = [
      { userHandle: "person1", platform: "INSTAGRAM" as const, postExternalId: post.externalId, type: "LIKE" as const, occurredAt: at },
      { userHandle: "person1", platform: "INSTAGRAM" as const, postExternalId: post.externalId, type: "LIKE" as const, occurredAt: at },
    ];
    const before = await api.ok(PostCountersDocument, { id: post.id });
    const r = await api.ok(RecordInteractionsDocument, { interactions: rows });
    expect(r.recordInteractions).toMatchObject({ recorded: 1, duplicates: 1 });
    const after = await api.ok(PostCountersDocument, { id: post.id });
    expect(after.post.counters.likes).toBe(before.post.counters.likes + 1);
    const listed = await api.ok(InteractionsDocument, { first: 5, filter: { postId: post.id, types: ["LIKE"], occurredAfter: at } });
    expect(listed.interactions.nodes[0]).toMatchObject({ type: "LIKE", externalId: expect.stringMatching(/^auto:/) });
  });

  it("commits concurrent batches independently: a rejected one writes nothing, the others all land", async () => {
    const before = await countRows(sql, "interactions");
    // More concurrent batches than the PostgreSQL pool has connections.
    const batches = Array.from({ length: 14 }, (_, k) => interactionsFor(world, 300, `conc${k}`));
    batches[3][150] = { ...batches[3][150], postId: Buffer.from("Post:987654").toString("base64") };
    const results = await Promise.all(batches.map((b) => api.query(RecordInteractionsDocument, { interactions: b })));
    results.forEach((r, k) => {
      if (k === 3) expect(r.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "interactions[150].postId" });
      else expect(r.errors ?? r.data?.recordInteractions.recorded).toBe(300); // errors shown if any
    });
    expect(await countRows(sql, "interactions")).toBe(before + 13 * 300);
    expect(await countRows(sql, "interactions", `WHERE "externalId" LIKE 'conc3-%'`)).toBe(0);
    expect(await storedCounters()).toEqual(await countersFromRows());
  });

  it("keys external ids per platform: the same id on two platforms is two events, and re-sending either records nothing", async () => {
    // The brand and a follower have accounts on Twitter too (an account is on one platform, and so are its posts).
    const { upsertUsers } = await api.ok(UpsertUsersDocument, { users: [{ platform: "TWITTER", handle: "acme", isBrand: true }, { platform: "TWITTER", handle: "person1" }] });
    const { upsertPosts } = await api.ok(UpsertPostsDocument, {
      posts: [{ platform: "TWITTER", externalId: "tw-1", authorId: upsertUsers.items[0].id, text: "same brand, other platform", mediaType: "TEXT", publishedAt: new Date(t0).toISOString() }],
    });
    const at = new Date(t0 + 200 * hour).toISOString();
    const batch = [
      { externalId: "evt-same", userId: world.people[0].id, postId: world.posts[0].id, type: "LIKE" as const, occurredAt: at },
      { externalId: "evt-same", userId: upsertUsers.items[1].id, postId: upsertPosts.items[0].id, type: "SHARE" as const, occurredAt: at },
    ];
    const first = await api.ok(RecordInteractionsDocument, { interactions: batch });
    expect(first.recordInteractions).toMatchObject({ recorded: 2, duplicates: 0 });
    const again = await api.ok(RecordInteractionsDocument, { interactions: [batch[1], batch[0]] });
    expect(again.recordInteractions).toMatchObject({ recorded: 0, duplicates: 2 });
    expect(await countRows(sql, "interactions", `WHERE "externalId" = 'evt-same'`)).toBe(2);
    expect(await storedCounters()).toEqual(await countersFromRows());
  });

  it("refuses an account on another platform than the post's, as author or as the person interacting, writing nothing", async () => {
    const { upsertUsers } = await api.ok(UpsertUsersDocument, { users: [{ platform: "FACEBOOK", handle: "acme_fb", isBrand: true }, { platform: "FACEBOOK", handle: "fb_person" }] });
    const [fbBrand, fbPerson] = upsertUsers.items;
    const posts = await api.query(UpsertPostsDocument, {
      posts: [{ platform: "INSTAGRAM", externalId: "ig-by-fb", authorId: fbBrand.id, text: "wrong account", mediaType: "TEXT", publishedAt: new Date(t0).toISOString() }],
    });
    expect(posts.errors?.[0]).toMatchObject({ message: "posts[0].authorId: expected a User on INSTAGRAM (the post's platform), found one on FACEBOOK", extensions: { code: "BAD_USER_INPUT", index: 0 } });
    const before = await countRows(sql, "interactions");
    const at = new Date(t0 + 300 * hour).toISOString();
    const byId = await api.query(RecordInteractionsDocument, {
      interactions: [
        { userId: world.people[2].id, postId: world.posts[0].id, type: "LIKE", occurredAt: at },
        { userId: fbPerson.id, postId: world.posts[0].id, type: "LIKE", occurredAt: at },
      ],
    });
    expect(byId.errors?.[0]).toMatchObject({ message: "interactions[1].userId: expected a User on INSTAGRAM (the post's platform), found one on FACEBOOK", extensions: { code: "BAD_USER_INPUT", field: "interactions[1].userId" } });
    const byExternal = await api.query(RecordInteractionsDocument, {
      interactions: [{ userId: fbPerson.id, platform: "INSTAGRAM", postExternalId: world.posts[0].externalId, type: "LIKE", occurredAt: at }],
    });
    expect(byExternal.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "interactions[0].userId" });
    expect(await countRows(sql, "interactions")).toBe(before);
  });

  it("lists interactions filtered by user, type and time", async () => {
    const who = world.people[3];
    const all = await api.ok(InteractionsDocument, { first: 100, filter: { userId: who.id } });
    expect(all.interactions.totalCount).toBeGreaterThan(0);
    expect(all.interactions.nodes.every((n) => n.user.id === who.id)).toBe(true);
    const comments = await api.ok(InteractionsDocument, { first: 100, filter: { userId: who.id, types: ["COMMENT"] } });
    expect(comments.interactions.nodes.every((n) => n.type === "COMMENT" && n.text !== null)).toBe(true);
    const [rows] = await sql.all<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM "interactions" WHERE "userId" = ? AND "type" = 'COMMENT'`,
      [Number(Buffer.from(who.id, "base64").toString().split(":")[1])],
    );
    expect(comments.interactions.totalCount).toBe(Number(rows.n));
  });
});

describe("users", () => {
  it("filters and orders accounts", async () => {
    const brands = await api.ok(UsersDocument, { first: 10, filter: { isBrand: true, platform: "INSTAGRAM" }, orderBy: { field: "FOLLOWERS", direction: "DESC" } });
    expect(brands.users.edges.map((e) => e.node.handle)).toEqual(["acme", "zenith"]);
    expect(brands.users.totalCount).toBe(2);
  });
});
