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
    expect(recs[0].reason).toEqual({ kind: "content", because: "genre Drama" });
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
        expect(recs[i].reason.kind).toMatch(/^(similar|content|trending|popular)$/);
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
    expect(action[0].reason).toEqual({ kind: "popular", segment: "action" });
    const drama = model.recommendForHistory(history, 2, ["E"], "drama");
    expect(drama.map((r) => r.itemId).sort()).toEqual(["C", "D"]);
  });
});
