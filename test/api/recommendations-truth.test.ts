import { packArtifact } from "../../src/ml/artifact";
import { RecordInteractionsDocument, UpsertPostsDocument, UpsertUsersDocument } from "./__generated__/graphql";
import { startServer, type TestServer } from "./support/server";
import { openSql } from "../support/sql";

// What a recommendation list says must be true, whatever blend a training tuned (the audit's D1, D4, D6, D7):
// - someone with no history gets what is trending now, then popular posts, with scores and true reasons,
//   also when the active "recommendations" version switched off popularity and trending before the last
//   activity (the tuned blend below, the one the audit's training activated: every post then scored 0);
// - nobody is recommended their own posts, nor posts scheduled for later (here or in similarPosts);
// - "new" only for a post published within the last 7 days of the data (its latest interaction), and the
//   interest part says what the person did: one view is "viewed", not "engage with".
// Dates are relative to the clock: a post is scheduled, and an engagement recent, relative to it.

let api: TestServer;
const ids: Record<string, string> = {};
const handleOf: Record<string, string> = {};
const DAY = 86_400_000;
const now = Date.now();
const at = (days: number) => new Date(now + days * DAY).toISOString();
/** The tuned blend the audit's training activated ("popular" 0, no trending before the last activity). */
const tunedBlend = { weights: { similar: 0.5, content: 0.25, trending: 1, popular: 0 }, trendingBeforeDays: 0, trendingAfterDays: 60, userHalfLifeDays: 10 };

type Rec = { rank: number; score: number; reason: string; source: string; post: { id: string; externalId: string; publishedAt: string; author: { handle: string } } };
const Recs = `query($userId: ID!, $after: String) { recommendations(userId: $userId, first: 50, after: $after) {
  nodes { rank score reason source post { id externalId publishedAt author { handle } } } pageInfo { hasNextPage endCursor } } }`;
type RecPage = { recommendations: { nodes: Rec[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

/** A person's whole list, paged to its end. */
async function listOf(who: string): Promise<Rec[]> {
  const all: Rec[] = [];
  let after: string | null = null;
  for (let i = 0; i < 10; i++) {
    const page: RecPage = await api.ok<RecPage, unknown>(Recs, { userId: ids[who], after });
    all.push(...page.recommendations.nodes);
    if (!page.recommendations.pageInfo.hasNextPage) return all;
    after = page.recommendations.pageInfo.endCursor;
  }
  throw new Error("the list did not end");
}

// Posts (the day each was published, relative to now) and their hashtags; runner, a person, wrote one.
const posts: Array<{ id: string; by: string; days: number; text: string }> = [
  { id: "t-old1", by: "trailco", days: -60, text: "Trail shoes for wet ground #running" },
  { id: "t-old2", by: "trailco", days: -50, text: "Hill repeats that pay off #running" },
  { id: "t-new", by: "trailco", days: -2, text: "Fresh racing flats landed #running" },
  { id: "t-solo", by: "trailco", days: -70, text: "Ultra kit checklist #running #ultra" },
  { id: "t-yoga1", by: "trailco", days: -45, text: "Morning flow for runners #yoga" },
  { id: "t-yoga2", by: "trailco", days: -44, text: "Hip openers after long miles #yoga" },
  { id: "t-yoga3", by: "trailco", days: -43, text: "Breathing drills for calm #yoga" },
  { id: "t-yoga4", by: "trailco", days: -42, text: "Balance poses for ankles #yoga" },
  { id: "t-yoga-new", by: "trailco", days: -1.5, text: "Evening stretch routine #yoga" },
  { id: "p-hot", by: "peakco", days: -5, text: "Summit sunrise giveaway #trail" },
  { id: "p-old", by: "peakco", days: -100, text: "Winter camping basics #camping" },
  { id: "p-quiet", by: "peakco", days: -30, text: "Tent pitching in wind #camping" },
  { id: "p-fresh", by: "peakco", days: -1, text: "Lantern review coming #camping" },
  { id: "p-future", by: "peakco", days: 30, text: "Spring running collection #running" },
  { id: "r-own", by: "runner", days: -3, text: "My first marathon medal #running" },
];

beforeAll(async () => {
  api = await startServer();
  const people = ["runner", "viewer", "fan", "newbie", ...Array.from({ length: 6 }, (_, k) => `crowd${k}`)];
  const { upsertUsers } = await api.ok(UpsertUsersDocument, {
    users: [{ platform: "INSTAGRAM", handle: "trailco", isBrand: true }, { platform: "INSTAGRAM", handle: "peakco", isBrand: true }, ...people.map((handle) => ({ platform: "INSTAGRAM", handle }))],
  } as never);
  for (const u of upsertUsers.items) ids[u.handle] = u.id;
  const { upsertPosts } = await api.ok(UpsertPostsDocument, {
    posts: posts.map((p) => ({ platform: "INSTAGRAM", externalId: p.id, authorHandle: p.by, text: p.text, mediaType: "PHOTO", publishedAt: at(p.days) })),
  } as never);
  for (const p of upsertPosts.items) {
    ids[p.externalId] = p.id;
    handleOf[p.externalId] = p.author.handle;
  }
  // The crowd: p-hot (6 likes), r-own (3) and t-new (2) a day ago; t-old1 and t-old2 45 days ago, p-old 90.
  // runner liked t-old1 and commented on t-old2; viewer viewed t-solo once (nobody else touched it); fan liked
  // three yoga posts (nobody else did). p-quiet and p-fresh have no interactions; latest interaction: a day ago.
  const events: Array<[string, string, string, number]> = [
    ...Array.from({ length: 6 }, (_, k) => [`crowd${k}`, "p-hot", "LIKE", -1 - k / 24] as [string, string, string, number]),
    ...Array.from({ length: 3 }, (_, k) => [`crowd${k}`, "r-own", "LIKE", -1 - k / 24] as [string, string, string, number]),
    ...Array.from({ length: 2 }, (_, k) => [`crowd${k + 3}`, "t-new", "LIKE", -1 - k / 24] as [string, string, string, number]),
    ["crowd0", "t-old1", "LIKE", -45], ["crowd1", "t-old2", "LIKE", -45], ["crowd2", "p-old", "LIKE", -90],
    ["runner", "t-old1", "LIKE", -40], ["runner", "t-old2", "COMMENT", -40],
    ["viewer", "t-solo", "VIEW", -20],
    ["fan", "t-yoga1", "LIKE", -20.5], ["fan", "t-yoga2", "LIKE", -20.4], ["fan", "t-yoga3", "SHARE", -20.3],
  ];
  await api.ok(RecordInteractionsDocument, {
    interactions: events.map(([who, what, type, days], k) => ({ externalId: `e${k}`, userId: ids[who], postId: ids[what], type, text: type === "COMMENT" ? "great" : undefined, occurredAt: at(days) })),
  } as never);
  // The audit's tuned blend becomes the active "recommendations" version before the recommender's first fit.
  const sql = await openSql(api.database.url);
  try {
    const createdAt = api.database.dialect === "sqlite" ? new Date().toISOString().replace("T", " ").replace("Z", "") : new Date();
    await sql.all(`INSERT INTO "model_versions" ("modelName", "version", "status", "task", "spec", "createdAt", "artifact") VALUES (?, ?, ?, ?, ?, ?, ?)`, [
      "recommendations", 1, "candidate", "ranking", "{}", createdAt, packArtifact({ name: "recommenderBlend", version: 1, options: tunedBlend }),
    ]);
    const [row] = await sql.all<{ id: number }>(`SELECT "id" FROM "model_versions" WHERE "modelName" = 'recommendations'`);
    await api.ok(`mutation($id: ID!) { activateModelVersion(id: $id) { status } }`, { id: Buffer.from(`ModelVersion:${row.id}`).toString("base64") });
  } finally {
    await sql.close();
  }
});

afterAll(async () => {
  await api?.stop();
});

describe("recommendations say what is true, whatever the tuned blend", () => {
  it("someone with no history: trending now, then popular posts, with scores above 0 and true reasons; unengaged posts last, newest first", async () => {
    // (The scheduled p-future is left out here: that it is never listed is the next tests' matter.)
    const list = (await listOf("newbie")).filter((r) => r.post.externalId !== "p-future");
    const byId = new Map(list.map((r) => [r.post.externalId, r]));
    // Every post someone engaged with scores above 0 (the tuned blend alone gave 0 to all but the posts engaged
    // with at the very last instant, then ordered them by the tie-break).
    const engagedIds = ["p-hot", "r-own", "t-new", "t-old1", "t-old2", "p-old", "t-solo", "t-yoga1", "t-yoga2", "t-yoga3"];
    for (const id of engagedIds) expect([id, byId.get(id)?.score]).toEqual([id, expect.any(Number)]);
    for (const id of engagedIds) expect([id, byId.get(id)!.score > 0]).toEqual([id, true]);
    // Engaged with within the last 7 days: "trending now", best first, scores above 0.
    expect(list.slice(0, 3).map((r) => r.post.externalId)).toEqual(["p-hot", "r-own", "t-new"]);
    for (const r of list.slice(0, 3)) expect(r).toMatchObject({ source: "trending", reason: "trending now" });
    // Engaged with only weeks or months ago: popular, but not "now".
    for (const id of ["t-old1", "t-old2", "p-old", "t-solo", "t-yoga1", "t-yoga2", "t-yoga3"]) {
      expect(byId.get(id)).toMatchObject({ source: "popular", reason: "popular earlier" });
    }
    const engaged = list.filter((r) => r.source !== "none");
    expect(engaged.map((r) => r.post.externalId).sort()).toEqual([...engagedIds].sort());
    for (let i = 1; i < engaged.length; i++) expect(engaged[i].score).toBeLessThanOrEqual(engaged[i - 1].score);
    // Every post of the others, once (r-own is runner's, not newbie's).
    expect([...byId.keys()].sort()).toEqual(posts.map((p) => p.id).filter((id) => id !== "p-future").sort());
    // Nobody engaged with these: last, score 0, and said so; the newest first, "new" only for one published lately.
    expect(list.slice(10).map((r) => [r.post.externalId, r.source, r.score, r.reason])).toEqual([
      ["p-fresh", "none", 0, "new, no engagement yet"],
      ["t-yoga-new", "none", 0, "new, no engagement yet"],
      ["p-quiet", "none", 0, "no engagement yet"],
      ["t-yoga4", "none", 0, "no engagement yet"],
    ]);
    // People with a history keep the tuned blend: its "popular" 0 gives viewer nothing for p-old (its one like
    // was 90 days ago, before viewer's last activity), which comes after every post with a signal.
    const { model } = await api.ok<{ model: { activeVersion: { version: number; status: string } } }, unknown>(`{ model(name: "recommendations") { activeVersion { version status } } }`);
    expect(model.activeVersion).toEqual({ version: 1, status: "ACTIVE" });
    const viewer = await listOf("viewer");
    const old = viewer.findIndex((r) => r.post.externalId === "p-old");
    expect(viewer[old]).toMatchObject({ score: 0, source: "popular", reason: "popular earlier" });
    expect(viewer.slice(0, old).every((r) => r.score > 0)).toBe(true);
    expect(byId.get("p-old")!.score).toBeGreaterThan(0);
  });

  it("never recommends a person's or a brand's own posts", async () => {
    const runner = await listOf("runner");
    expect(runner.length).toBeGreaterThan(5);
    expect(runner.map((r) => r.post.externalId)).not.toContain("r-own");
    const brand = await listOf("trailco");
    expect(brand.length).toBeGreaterThan(0);
    expect(brand.filter((r) => r.post.author.handle === "trailco")).toEqual([]);
    expect(new Set(brand.map((r) => r.post.author.handle))).toEqual(new Set(["peakco", "runner"]));
  });

  it("never recommends a post scheduled for later, nor lists it as similar", async () => {
    for (const who of ["newbie", "runner", "viewer", "fan", "crowd0"]) {
      expect((await listOf(who)).map((r) => r.post.externalId)).not.toContain("p-future");
    }
    const { similarPosts } = await api.ok<{ similarPosts: Array<{ post: { externalId: string } }> }, unknown>(
      `query($postId: ID!) { similarPosts(postId: $postId, first: 50) { post { externalId } } }`,
      { postId: ids["t-new"] },
    );
    expect(similarPosts.length).toBeGreaterThan(5);
    expect(similarPosts.map((s) => s.post.externalId)).not.toContain("p-future");
  });

  it("says “new” only of a post published in the last 7 days, and “viewed” after one view", async () => {
    const viewer = await listOf("viewer");
    const reasonOf = (list: Rec[], id: string) => list.find((r) => r.post.externalId === id)?.reason;
    // viewer's whole history is one view of a #running post from 70 days ago.
    expect(reasonOf(viewer, "t-new")).toBe("new on #running, which you viewed");
    expect(reasonOf(viewer, "t-old1")).toBe("on #running, which you viewed");
    expect(reasonOf(viewer, "t-old2")).toBe("on #running, which you viewed");
    const fan = await listOf("fan");
    // fan liked two and shared one of trailco's #yoga posts, six weeks old.
    expect(reasonOf(fan, "t-yoga-new")).toBe("new on #yoga, which you often engage with");
    expect(reasonOf(fan, "t-yoga4")).toBe("on #yoga, which you often engage with");
    const runner = await listOf("runner");
    // runner liked one #running post and commented on another.
    expect(reasonOf(runner, "t-new")).toMatch(/^new (on #running, which|from @trailco, whose posts?) you commented on$/);
    // Whoever reads them: "new" only for posts published in the last 7 days of the data.
    for (const r of [...viewer, ...fan, ...runner, ...(await listOf("newbie"))]) {
      if (/^(a )?new\b/.test(r.reason)) expect(Date.parse(r.post.publishedAt)).toBeGreaterThanOrEqual(now - 8 * DAY);
      expect(r.reason).not.toMatch(/which you engage with|whose posts you engage with/);
    }
  });
});

describe("a scheduled post", () => {
  let own: TestServer;
  afterAll(async () => {
    await own?.stop();
  });

  it("is recommended once its publication time has passed, not before, with no refit in between", async () => {
    own = await startServer();
    const { upsertUsers } = await own.ok(UpsertUsersDocument, { users: [{ platform: "INSTAGRAM", handle: "soonco", isBrand: true }, { platform: "INSTAGRAM", handle: "fan" }, { platform: "INSTAGRAM", handle: "newcomer" }] } as never);
    const user = Object.fromEntries(upsertUsers.items.map((u) => [u.handle, u.id]));
    const goesLive = Date.now() + 6_000;
    const { upsertPosts } = await own.ok(UpsertPostsDocument, {
      posts: [
        { platform: "INSTAGRAM", externalId: "live", authorHandle: "soonco", text: "Out now #launch", mediaType: "PHOTO", publishedAt: at(-3) },
        { platform: "INSTAGRAM", externalId: "soon", authorHandle: "soonco", text: "Coming up #launch", mediaType: "PHOTO", publishedAt: new Date(goesLive).toISOString() },
      ],
    } as never);
    await own.ok(RecordInteractionsDocument, { interactions: [{ externalId: "x1", userId: user.fan, postId: upsertPosts.items[0].id, type: "LIKE", occurredAt: at(-1) }] } as never);
    const Q = `query($userId: ID!) { recommendations(userId: $userId, first: 10) { nodes { reason post { externalId } } } }`;
    type Page = { recommendations: { nodes: Array<{ reason: string; post: { externalId: string } }> } };
    const before = await own.ok<Page, unknown>(Q, { userId: user.newcomer });
    expect(Date.now()).toBeLessThan(goesLive);
    expect(before.recommendations.nodes.map((n) => n.post.externalId)).toEqual(["live"]);
    await new Promise((r) => setTimeout(r, goesLive - Date.now() + 50));
    // The same fit (no data changed), the same person with the same history: the list is ranked again.
    const after = await own.ok<Page, unknown>(Q, { userId: user.newcomer });
    expect(after.recommendations.nodes.map((n) => [n.post.externalId, n.reason])).toEqual([["live", "trending now"], ["soon", "new, no engagement yet"]]);
  });
});
