import { fitRecommender, Recommender, type RecommenderJson } from "../../src/ml/recommend/recommender";
import { evaluationCases, fixedRanker, lastItemsSplit } from "../../src/ml/recommend/evaluation";
import type { CatalogueItem, Interaction } from "../../src/ml/recommend/types";

const DAY = 86_400_000;
const t0 = Date.UTC(2024, 0, 1);

// Two taste groups: {A, B} are co-consumed by u1–u3, {C, D} by u4–u5; E is consumed by everyone (popular).
// u6 has seen only A; u7 only C. F is a drama nobody else shares a user with, G a comedy.
const events: Array<[string, string, number]> = [
  ["u1", "A", 0], ["u1", "B", 1], ["u1", "E", 2],
  ["u2", "A", 0], ["u2", "B", 1], ["u2", "E", 2],
  ["u3", "A", 1], ["u3", "B", 2], ["u3", "E", 3],
  ["u4", "C", 1], ["u4", "D", 2], ["u4", "E", 3],
  ["u5", "C", 2], ["u5", "D", 3], ["u5", "E", 4],
  ["u6", "A", 4],
  ["u7", "C", 4],
  ["u8", "F", 4], ["u8", "G", 4],
];
const interactions: Interaction[] = events.map(([userId, itemId, day]) => ({ userId, itemId, weight: 1, time: t0 + day * DAY }));
const items: CatalogueItem[] = [
  { id: "A", features: ["genre:Action"] },
  { id: "B", features: ["genre:Action"] },
  { id: "C", features: ["genre:Drama"] },
  { id: "D", features: ["genre:Drama"] },
  { id: "E", features: ["genre:Comedy"] },
  { id: "F", features: ["genre:Drama", "word:river"] },
  { id: "G", features: ["genre:Comedy"] },
];

describe("fitRecommender on a hand-made dataset", () => {
  it("item-kNN recommends the co-consumed item, because of the item the user saw", () => {
    const model = fitRecommender(interactions, items, { weights: { similar: 1, content: 0, trending: 0, popular: 0 } });
    const [first] = model.recommend("u6", 3);
    expect(first.itemId).toBe("B");
    expect(first.reason).toEqual({ kind: "similar", because: "A" });
    expect(model.recommend("u7", 1)[0]).toMatchObject({ itemId: "D", reason: { kind: "similar", because: "C" } });
  });

  it("the default blend keeps the co-consumed item beside the popular one for u6", () => {
    const model = fitRecommender(interactions, items);
    const recs = model.recommend("u6", 2);
    expect(recs.map((r) => r.itemId).sort()).toEqual(["B", "E"]);
    expect(recs.find((r) => r.itemId === "B")!.reason).toEqual({ kind: "similar", because: "A" });
  });

  it("never returns an item of the user's history nor an excluded item", () => {
    const model = fitRecommender(interactions, items);
    const ids = model.recommend("u1", 10).map((r) => r.itemId);
    expect(ids).not.toEqual(expect.arrayContaining(["A"]));
    for (const seen of ["A", "B", "E"]) expect(ids).not.toContain(seen);
    expect(ids.length).toBe(4); // C, D, F, G
    expect(model.recommend("u6", 10, ["B"]).map((r) => r.itemId)).not.toContain("B");
  });

  it("content similarity recommends a drama to a drama watcher, saying which feature", () => {
    const model = fitRecommender(interactions, items, { weights: { similar: 0, content: 1, trending: 0, popular: 0 } });
    const recs = model.recommend("u7", 2);
    expect(recs.map((r) => r.itemId).sort()).toEqual(["D", "F"]);
    // u7's one item with that feature is the evidence; no item has a publication time, so none is new.
    expect(recs[0].reason).toEqual({ kind: "content", because: "genre Drama", evidence: ["C"], recent: false });
  });

  it("a cold-start user gets a full page led by the popular item, every item with a reason", () => {
    const model = fitRecommender(interactions, items);
    const recs = model.recommend("nobody", 5);
    expect(recs).toHaveLength(5);
    expect(recs[0].itemId).toBe("E");
    for (const r of recs) expect(["popular", "trending"]).toContain(r.reason.kind);
    expect(model.recommendForHistory([], 3)[0].itemId).toBe("E");
  });

  it("every item carries a finite score, in descending order, and a reason", () => {
    const model = fitRecommender(interactions, items);
    for (const user of ["u1", "u4", "u6", "u7", "u8", "nobody"]) {
      const recs = model.recommend(user, 10);
      expect(recs.length).toBeGreaterThan(0);
      for (let i = 0; i < recs.length; i++) {
        expect(Number.isFinite(recs[i].score)).toBe(true);
        expect(recs[i].reason.kind).toMatch(/^(similar|content|trending|popular|none)$/);
        if (i > 0) expect(recs[i].score).toBeLessThanOrEqual(recs[i - 1].score);
      }
    }
  });

  it("round-trips through JSON and refuses a foreign tag", () => {
    const model = fitRecommender(interactions, items);
    const json = JSON.parse(JSON.stringify(model.toJSON())) as RecommenderJson;
    const loaded = Recommender.fromJSON(json);
    for (const user of ["u1", "u6", "u7", "nobody"]) expect(loaded.recommend(user, 5)).toEqual(model.recommend(user, 5));
    expect(() => Recommender.fromJSON({ ...json, name: "randomForest" } as unknown as RecommenderJson)).toThrow(/Invalid model/);
  });

  it("rejects a non-positive weight with what it found", () => {
    expect(() => fitRecommender([{ userId: "u", itemId: "i", weight: 0, time: t0 }], [])).toThrow(/expected a positive weight/);
  });
});

describe("evaluation helpers", () => {
  it("lastItemsSplit holds out each user's last floor(20%) by time, only for users with ≥ 5 events", () => {
    const x = (userId: string, itemId: string, day: number): Interaction => ({ userId, itemId, time: t0 + day * DAY });
    const train = [x("a", "1", 5), x("a", "2", 1), x("a", "3", 2), x("a", "4", 3), x("a", "5", 4), x("a", "6", 0), x("b", "1", 0), x("b", "2", 1)];
    const { fit, validation } = lastItemsSplit(train);
    expect(validation.map((v) => v.itemId)).toEqual(["1"]); // a has 6 events: floor(1.2) = 1, the latest (day 5)
    expect(fit).toHaveLength(7);
  });

  it("evaluationCases excludes train items and sets apart test users without train history", () => {
    const x = (userId: string, itemId: string): Interaction => ({ userId, itemId, time: t0 });
    const { warm, cold } = evaluationCases([x("a", "1"), x("a", "2")], [x("a", "3"), x("z", "1")]);
    expect(warm).toEqual([{ userId: "a", targets: new Set(["3"]), exclude: new Set(["1", "2"]) }]);
    expect(cold.map((c) => c.userId)).toEqual(["z"]);
  });

  it("fixedRanker serves the same order minus each user's exclusions", () => {
    expect(fixedRanker(["a", "b", "c", "d"])("u", 2, new Set(["a"]))).toEqual(["b", "c"]);
  });
});

describe("segment popularity", () => {
  it("a member's popular scorer counts only their segment's activity, and says so in the reason", () => {
    const model = fitRecommender(interactions, items).withOptions({ weights: { similar: 0, content: 0, trending: 0, popular: 1 } });
    // Segment "action": u1–u3 (A, B, E); segment "drama": u4, u5 (C, D, E). Globally E is the most popular.
    model.setSegments(new Map([["u1", "action"], ["u2", "action"], ["u3", "action"], ["u4", "drama"], ["u5", "drama"]]));
    const history = [{ itemId: "G", weight: 1, time: t0 + 4 * DAY }];
    const global = model.recommendForHistory(history, 1);
    expect(global[0]).toMatchObject({ itemId: "E", reason: { kind: "popular" } });
    const action = model.recommendForHistory(history, 3, ["E"], "action");
    expect(action.map((r) => r.itemId).slice(0, 2).sort()).toEqual(["A", "B"]);
    // The segment's members engaged with A and B 1–3 days before the last event: lately.
    expect(action[0].reason).toEqual({ kind: "popular", segment: "action", recent: true });
    const drama = model.recommendForHistory(history, 2, ["E"], "drama");
    expect(drama.map((r) => r.itemId).sort()).toEqual(["C", "D"]);
  });
});

describe("what a list says is true (cold start, recency, evidence)", () => {
  // The same events; the items now have publication times: F and G were published on day 4 (the last event's
  // day), A–E on day 0, H on day −30 and I on day 3, and nobody engaged with H or I.
  const dated: CatalogueItem[] = [
    ...items.map((it) => ({ ...it, time: t0 + (it.id === "F" || it.id === "G" ? 4 : 0) * DAY })),
    { id: "H", features: ["genre:Drama"], time: t0 - 30 * DAY },
    { id: "I", features: ["genre:Comedy"], time: t0 + 3 * DAY },
  ];
  /** A tuned blend that leaves a newcomer nothing: no popularity, no trending before the last event. */
  const tuned = { weights: { similar: 0.5, content: 0.25, trending: 1, popular: 0 }, trendingBeforeDays: 0, trendingAfterDays: 60 };

  it("a user without history is ranked with the defaults' trending and popularity, whatever the blend", () => {
    const model = fitRecommender(interactions, dated, tuned);
    const defaults = fitRecommender(interactions, dated);
    const cold = model.recommend("nobody", 9);
    expect(cold).toEqual(defaults.recommend("nobody", 9));
    // Every engaged-with item scores above 0; the two nobody engaged with come last, newest first.
    expect(cold.slice(0, 7).every((r) => r.score > 0)).toBe(true);
    expect(cold.slice(7)).toEqual([
      { itemId: "I", score: 0, reason: { kind: "none", recent: true } },
      { itemId: "H", score: 0, reason: { kind: "none", recent: false } },
    ]);
    expect(cold[0]).toMatchObject({ itemId: "E", reason: { kind: "trending" } });
    // A user with a history keeps the tuned blend: u1's list is not the default blend's.
    expect(model.recommend("u1", 6)).not.toEqual(defaults.recommend("u1", 6));
    expect(model.recommend("u1", 6)).toEqual(fitRecommender(interactions, dated).withOptions(tuned).recommend("u1", 6));
  });

  it("says “now” only of what was engaged with in the last 7 days, and “new” only of what was published then", () => {
    // Two events: X on day 0, Y on day 20 (the reference time); Z published on day 18, W on day 5, unengaged.
    const xs: Interaction[] = [{ userId: "a", itemId: "X", time: t0 }, { userId: "b", itemId: "Y", time: t0 + 20 * DAY }];
    const cat: CatalogueItem[] = [
      { id: "X", features: ["tag:a"], time: t0 },
      { id: "Y", features: ["tag:x"], time: t0 + 19 * DAY },
      { id: "Z", features: ["tag:x"], time: t0 + 18 * DAY },
      { id: "W", features: ["tag:x"], time: t0 + 5 * DAY },
    ];
    const model = fitRecommender(xs, cat);
    const cold = model.recommend("nobody", 4);
    // X's only engagement is 20 days old: beyond the trending window's reach, "popular", not recent.
    expect(cold.map((r) => [r.itemId, r.reason])).toEqual([
      ["Y", { kind: "trending" }],
      ["X", { kind: "popular", recent: false }],
      ["Z", { kind: "none", recent: true }],
      ["W", { kind: "none", recent: false }],
    ]);
    // Content: Z (published 2 days before the reference time) is new, W is not; b's evidence is Y.
    const content = model.withOptions({ weights: { similar: 0, content: 1, trending: 0, popular: 0 } }).recommend("b", 3);
    expect(content.find((r) => r.itemId === "Z")!.reason).toEqual({ kind: "content", because: "tag x", evidence: ["Y"], recent: true });
    expect(content.find((r) => r.itemId === "W")!.reason).toEqual({ kind: "content", because: "tag x", evidence: ["Y"], recent: false });
  });

  it("a content reason's evidence: up to three items with the feature, the strongest interaction first", () => {
    const cat: CatalogueItem[] = ["P", "Q", "R", "S", "T"].map((id) => ({ id, features: ["hashtag:yoga"] }));
    const model = fitRecommender([{ userId: "x", itemId: "T", time: t0 }], [...cat, { id: "U", features: ["hashtag:run"] }]).withOptions({ weights: { similar: 0, content: 1, trending: 0, popular: 0 } });
    const history = [
      { itemId: "P", weight: 0.5, time: t0 },
      { itemId: "Q", weight: 2, time: t0 },
      { itemId: "Q", weight: 0.5, time: t0 + DAY },
      { itemId: "R", weight: 5, time: t0 },
      { itemId: "S", weight: 2, time: t0 + DAY },
      { itemId: "U", weight: 8, time: t0 },
    ];
    const [t] = model.recommendForHistory(history, 1);
    // R (5), then S and Q (2 each; S the later); P's view and U (another tag) are not evidence.
    expect(t).toMatchObject({ itemId: "T", reason: { kind: "content", because: "hashtag yoga", evidence: ["R", "S", "Q"] } });
  });
});
