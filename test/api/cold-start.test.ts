import { TrainingRunDocument, TrainModelDocument } from "./__generated__/graphql";
import { startServer, type TestServer } from "./support/server";

// Recommendations for someone with no history, on the demo audience with trained segments: the segment's
// favourites come first, and the topic-spreading rule (at most 4 of any 10 share a topic) holds for them as
// for everyone; someone who never did anything is not told about "your last visit".

type Rec = { rank: number; reason: string; source: string; post: { id: string; category: string | null } };
const Recs = `query($id: ID!, $first: Int!, $after: String) { recommendations(userId: $id, first: $first, after: $after) {
  nodes { rank reason source post { id category } } pageInfo { hasNextPage endCursor } } }`;
type RecPage = { recommendations: { nodes: Rec[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

let api: TestServer;

/** The largest number of items of one topic in each run of ten. */
function worstTopicShare(recs: readonly Rec[]): number {
  let worst = 0;
  for (let start = 0; start < recs.length; start += 10) {
    const counts = new Map<string, number>();
    for (const r of recs.slice(start, start + 10)) if (r.post.category) counts.set(r.post.category, (counts.get(r.post.category) ?? 0) + 1);
    worst = Math.max(worst, ...counts.values());
  }
  return worst;
}

async function newPerson(handle: string, attributes?: Record<string, unknown>): Promise<string> {
  const r = await api.ok<{ upsertUsers: { items: Array<{ id: string }> } }, unknown>(`mutation($users: [UserInput!]!) { upsertUsers(users: $users) { items { id } } }`, {
    users: [{ platform: "INSTAGRAM", handle, ...(attributes ? { attributes } : {}) }],
  });
  return r.upsertUsers.items[0].id;
}

beforeAll(async () => {
  api = await startServer({ seed: true, env: { SEED: "3", SEED_USERS: "400", SEED_POSTS: "300", SEED_INTERACTIONS: "15000" } });
  const { trainModel } = await api.ok(TrainModelDocument, { name: "segments" });
  const deadline = Date.now() + 120_000;
  for (;;) {
    const { trainingRun } = await api.ok(TrainingRunDocument, { id: trainModel!.id });
    if (trainingRun.status === "SUCCEEDED") break;
    if (trainingRun.status === "FAILED" || Date.now() > deadline) throw new Error(`segments training: ${JSON.stringify(trainingRun)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  // Activation materialises the segments in the background.
  for (let i = 0; i < 200; i++) {
    const { segments } = await api.ok<{ segments: Array<{ id: string }> }, unknown>(`{ segments { id } }`);
    if (segments.length > 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("segments were not materialised");
}, 180_000);

afterAll(async () => {
  await api?.stop();
});

describe("recommendations for someone with no history", () => {
  it("spreads topics: at most 4 of any 10 share one, the segment's favourites first", async () => {
    const id = await newPerson("cold_one", { age: 30, job: "admin.", gender: "female", country: "PT" });
    const page = await api.ok<RecPage, unknown>(Recs, { id, first: 10 });
    const recs = page.recommendations.nodes;
    expect(recs).toHaveLength(10);
    expect(recs[0].reason).toMatch(/^popular with “.+”, people like you$/);
    expect(worstTopicShare(recs)).toBeLessThanOrEqual(4);
    // The next ten follow on from the same list: no repeats, and spread as well.
    const next = await api.ok<RecPage, unknown>(Recs, { id, first: 10, after: page.recommendations.pageInfo.endCursor });
    expect(next.recommendations.nodes.map((r) => r.rank)).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    const twenty = [...recs, ...next.recommendations.nodes];
    expect(new Set(twenty.map((r) => r.post.id)).size).toBe(20);
    expect(worstTopicShare(twenty)).toBeLessThanOrEqual(4);
    // Asking for twenty at once gives the same list.
    const all = await api.ok<RecPage, unknown>(Recs, { id, first: 20 });
    expect(all.recommendations.nodes.map((r) => r.post.id)).toEqual(twenty.map((r) => r.post.id));
  });

  it("tells someone with neither history nor attributes what is trending now, not “since your last visit”", async () => {
    const id = await newPerson("cold_two");
    const { recommendations } = await api.ok<RecPage, unknown>(Recs, { id, first: 20 });
    expect(recommendations.nodes).toHaveLength(20);
    expect(recommendations.nodes.every((r) => ["trending", "popular"].includes(r.source))).toBe(true);
    expect(recommendations.nodes.some((r) => r.source === "trending")).toBe(true);
    for (const r of recommendations.nodes) {
      expect(r.reason).not.toMatch(/last visit/);
      // "now" for a post engaged with in the data's last 7 days, "earlier" otherwise (see recommendations-truth).
      expect(r.reason).toMatch(r.source === "trending" ? /^trending now$/ : /^popular (now|earlier)$/);
    }
    expect(worstTopicShare(recommendations.nodes)).toBeLessThanOrEqual(4);
  });
});

describe("recommendations for someone with a history", () => {
  it("are of the person's own platform only, and spread topics page after page", async () => {
    const { users } = await api.ok<{ users: { nodes: Array<{ id: string; interactions: { totalCount: number } }> } }, unknown>(
      `{ users(first: 20, filter: { platform: TWITTER, isBrand: false }) { nodes { id interactions(first: 1) { totalCount } } } }`,
    );
    const person = users.nodes.find((u) => u.interactions.totalCount >= 5)!;
    expect(person).toBeDefined();
    const Q = `query($id: ID!, $after: String) { recommendations(userId: $id, first: 50, after: $after) { nodes { rank post { id platform category } } pageInfo { hasNextPage endCursor } } }`;
    type Page = { recommendations: { nodes: Array<{ rank: number; post: { id: string; platform: string; category: string | null } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
    const all: Page["recommendations"]["nodes"] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page: Page = await api.ok<Page, unknown>(Q, { id: person.id, after });
      all.push(...page.recommendations.nodes);
      if (!page.recommendations.pageInfo.hasNextPage) break;
      after = page.recommendations.pageInfo.endCursor;
    }
    expect(all.length).toBeGreaterThan(10);
    expect(new Set(all.map((r) => r.post.platform))).toEqual(new Set(["TWITTER"]));
    expect(new Set(all.map((r) => r.post.id)).size).toBe(all.length);
    // Every ten consecutive (a sliding window) keep to at most 4 of one topic.
    const spread = all.map((r) => ({ rank: r.rank, reason: "", source: "", post: { id: r.post.id, category: r.post.category } }));
    let checked = 0;
    for (let start = 0; start + 10 <= spread.length; start++) {
      // Checked while the rest of the list could keep to it (no topic over 40% of what is left).
      const rest = spread.slice(start).map((r) => r.post.category);
      const most = Math.max(...[...new Set(rest)].map((t) => rest.filter((x) => x === t).length));
      if (most > 0.4 * rest.length) break;
      expect(worstTopicShare(spread.slice(start, start + 10))).toBeLessThanOrEqual(4);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });
});

describe("best times for a new account", () => {
  it("asked about a segment, falls back on that segment's own figures, not the whole audience's", async () => {
    const { segments } = await api.ok<{ segments: Array<{ id: string }> }, unknown>(`{ segments { id } }`);
    const { upsertUsers } = await api.ok<{ upsertUsers: { items: Array<{ id: string }> } }, unknown>(`mutation { upsertUsers(users: [{ platform: INSTAGRAM, handle: "brand_new_co", isBrand: true }]) { items { id } } }`);
    type Times = { bestTimesToPost: Array<{ weekday: number; hour: number; expectedEngagements: number; lift: number; basis: string; reason: string }> };
    const Q = `query($a: ID, $s: ID) { bestTimesToPost(accountId: $a, segmentId: $s, first: 3) { weekday hour expectedEngagements lift basis reason } }`;
    const both = await api.ok<Times, unknown>(Q, { a: upsertUsers.items[0].id, s: segments[0].id });
    const segment = await api.ok<Times, unknown>(Q, { s: segments[0].id });
    expect(both.bestTimesToPost.every((t) => t.basis === "SEGMENT")).toBe(true);
    expect(both.bestTimesToPost[0].reason).toMatch(/^this account has no posts yet, so this is this segment's figure \(its engagement with everyone's posts, not this account's\): \d+ posts published \w+s at \d+:00 \(median [\d.]+ engagements? from this segment\), weighed with the whole audience's [\d.]+× at that time \(\d+ posts, counted as \d+\): [\d.]+× the typical post, so [\d.]+ engagements from this segment expected per post, against the average of [\d.]+ from this segment$/);
    // The same best slot as the segment's own, with its lift and figure (the segment's scale, not the audience's).
    const own = segment.bestTimesToPost.find((t) => t.basis === "SEGMENT")!;
    expect([both.bestTimesToPost[0].weekday, both.bestTimesToPost[0].hour]).toEqual([own.weekday, own.hour]);
    expect(both.bestTimesToPost[0].lift).toBeCloseTo(own.lift, 10);
    expect(both.bestTimesToPost[0].expectedEngagements).toBeCloseTo(own.expectedEngagements, 10);
  });
});
