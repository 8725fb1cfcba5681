import { catalogueCoverage, hitRateAtK, ndcgAtK, precisionAtK, rankingMetrics, recallAtK } from "../../src/ml/recommend/metrics";

const ranked = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
const targets = new Set(["1", "3", "5", "7"]);

describe("ranking metrics (binary relevance), values worked by hand", () => {
  it("precision@k: hits in the first k over k", () => {
    expect(precisionAtK(targets, ranked, 10)).toBeCloseTo(4 / 10, 12);
    expect(precisionAtK(targets, ranked, 4)).toBeCloseTo(2 / 4, 12); // 1 and 3
    expect(precisionAtK(targets, ["1"], 10)).toBeCloseTo(1 / 10, 12); // a short list is still over k
  });

  it("recall@k: hits in the first k over the number of targets", () => {
    expect(recallAtK(targets, ranked, 10)).toBeCloseTo(1, 12);
    expect(recallAtK(targets, ranked, 4)).toBeCloseTo(2 / 4, 12);
    expect(recallAtK(new Set(["1", "x"]), ranked, 10)).toBeCloseTo(1 / 2, 12); // an unreachable target still counts
  });

  it("NDCG@k: the Gorse evaluator_test.go example", () => {
    // hits at ranks 2, 4, 6, 8: DCG = 1/log2(3) + 1/log2(5) + 1/log2(7) + 1/log2(9)
    //                              = 0.63093 + 0.43068 + 0.35621 + 0.31546 = 1.73328
    // ideal: ranks 1..4: IDCG = 1 + 0.63093 + 0.5 + 0.43068 = 2.56161; 1.73328 / 2.56161 = 0.67664
    expect(ndcgAtK(targets, ranked, 10)).toBeCloseTo(0.67664, 4);
  });

  it("NDCG@k with fewer targets than k and a cut-off list", () => {
    // targets {b, d}, list [a, b, c, d], k = 3: DCG = 1/log2(3) = 0.63093; IDCG = 1 + 1/log2(3) = 1.63093 → 0.38685
    expect(ndcgAtK(new Set(["b", "d"]), ["a", "b", "c", "d"], 3)).toBeCloseTo(0.38685, 4);
    expect(ndcgAtK(new Set(["a"]), ["a", "b"], 10)).toBe(1);
    expect(ndcgAtK(new Set(), ["a"], 10)).toBe(0);
  });

  it("hit rate@k: 1 when any target is in the first k", () => {
    expect(hitRateAtK(targets, ranked, 1)).toBe(0);
    expect(hitRateAtK(targets, ranked, 2)).toBe(1);
  });

  it("coverage: distinct recommended items over the catalogue", () => {
    expect(catalogueCoverage([["a", "b"], ["b", "c"]], 10)).toBeCloseTo(3 / 10, 12);
    expect(catalogueCoverage([], 0)).toBe(0);
  });

  it("rankingMetrics averages over users and pools coverage", () => {
    const m = rankingMetrics(
      [
        { targets: new Set(["a"]), ranked: ["a", "b"] }, // p = 1/2, r = 1, ndcg = 1, hit = 1
        { targets: new Set(["z"]), ranked: ["b", "c"] }, // all 0
      ],
      2,
      4,
    );
    expect(m.precision).toBeCloseTo(0.25, 12);
    expect(m.recall).toBeCloseTo(0.5, 12);
    expect(m.ndcg).toBeCloseTo(0.5, 12);
    expect(m.hitRate).toBeCloseTo(0.5, 12);
    expect(m.coverage).toBeCloseTo(3 / 4, 12); // a, b, c of 4
  });
});
