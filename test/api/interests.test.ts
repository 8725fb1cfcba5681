import { RecordInteractionsDocument, UpsertPostsDocument, UpsertUsersDocument } from "./__generated__/graphql";
import { startServer, type TestServer } from "./support/server";

// User.interests over a real server and database: type weights, time decay from the newest interaction,
// hashtags sharing a post's weight, accounts by handle.
let api: TestServer;
const ids: Record<string, string> = {};

const InterestsQuery = `query($id: ID!, $kinds: [InterestKind!], $first: Int) { node(id: $id) { ... on User { interests(kinds: $kinds, first: $first) { kind key label score share } } } }`;
type Interests = { node: { interests: Array<{ kind: string; key: string; label: string; score: number; share: number }> } };

beforeAll(async () => {
  api = await startServer();
  const { upsertUsers } = await api.ok(UpsertUsersDocument, {
    users: [
      { platform: "INSTAGRAM", handle: "trailco", isBrand: true },
      { platform: "INSTAGRAM", handle: "zenco", isBrand: true },
      { platform: "INSTAGRAM", handle: "ana" },
    ],
  } as never);
  for (const u of upsertUsers.items) ids[u.handle] = u.id;
  const { upsertPosts } = await api.ok(UpsertPostsDocument, {
    posts: [
      { platform: "INSTAGRAM", externalId: "run1", authorHandle: "trailco", text: "Hill repeats #trail #ultra", category: "running", mediaType: "VIDEO", publishedAt: "2026-05-01T08:00:00Z" },
      { platform: "INSTAGRAM", externalId: "yoga1", authorHandle: "zenco", text: "Morning flow", category: "yoga", mediaType: "PHOTO", publishedAt: "2026-03-01T08:00:00Z" },
    ],
  } as never);
  for (const p of upsertPosts.items) ids[p.externalId] = p.id;
  // The newest interaction (30 June) is the decay's "now".
  await api.ok(RecordInteractionsDocument, {
    interactions: [
      { externalId: "a1", userId: ids.ana, postId: ids.run1, type: "SHARE", occurredAt: "2026-06-30T00:00:00Z" },
      { externalId: "a2", userId: ids.ana, postId: ids.run1, type: "LIKE", occurredAt: "2026-05-31T00:00:00Z" },
      { externalId: "a3", userId: ids.ana, postId: ids.yoga1, type: "CONVERSION", occurredAt: "2026-05-01T00:00:00Z" },
      { externalId: "a4", userId: ids.ana, postId: ids.yoga1, type: "VIEW", occurredAt: "2026-06-30T00:00:00Z" },
    ],
  } as never);
});

afterAll(async () => {
  await api?.stop();
});

describe("User.interests", () => {
  it("weights by type and halves every 30 days before the newest interaction (hand-checked)", async () => {
    const { node } = await api.ok<Interests, unknown>(InterestsQuery, { id: ids.ana });
    // running: share today 5 + like 30 days before 2 × 0.5 = 6; yoga: purchase 60 days before 8 × 0.25 + view today 0.5 = 2.5.
    const topics = node.interests.filter((i) => i.kind === "TOPIC");
    expect(topics.map((t) => [t.label, t.score])).toEqual([
      ["running", 6],
      ["yoga", 2.5],
    ]);
    expect(topics[0].share).toBeCloseTo(6 / 8.5, 10);
    // The run post's two hashtags share its weight: 3 each.
    expect(node.interests.filter((i) => i.kind === "HASHTAG").map((t) => [t.label, t.score])).toEqual([
      ["#trail", 3],
      ["#ultra", 3],
    ]);
    expect(node.interests.filter((i) => i.kind === "ACCOUNT").map((t) => [t.key, t.label])).toEqual([
      [ids.trailco, "@trailco"],
      [ids.zenco, "@zenco"],
    ]);
  });

  it("filters by kind and limits per kind; a person with no activity has none", async () => {
    const { node } = await api.ok<Interests, unknown>(InterestsQuery, { id: ids.ana, kinds: ["TOPIC"], first: 1 });
    expect(node.interests.map((i) => i.label)).toEqual(["running"]);
    const none = await api.ok<Interests, unknown>(InterestsQuery, { id: ids.trailco });
    expect(none.node.interests).toEqual([]);
    const bad = await api.query(InterestsQuery, { id: ids.ana, first: 0 });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
    // An empty list of kinds is a mistake, not "every kind".
    const empty = await api.query(InterestsQuery, { id: ids.ana, kinds: [] });
    expect(empty.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "kinds" });
  });
});
