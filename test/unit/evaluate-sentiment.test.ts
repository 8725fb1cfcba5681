import { stratifiedFolds, stratifiedSplit, toGoldClasses } from "../../src/cli/evaluate-sentiment";

/** The resampling of `npm run eval -- sentiment` (--split and --cv), checked by counting by hand. */

const rows = (labels: string) => labels.split("").map((c, i) => ({ label: { a: "positive", b: "neutral", c: "negative" }[c] as string, i }));

function perLabelPerFold(data: { label: string }[], fold: number[]): Record<string, Record<number, number>> {
  const out: Record<string, Record<number, number>> = {};
  data.forEach((r, i) => {
    out[r.label] ??= {};
    out[r.label][fold[i]] = (out[r.label][fold[i]] ?? 0) + 1;
  });
  return out;
}

describe("stratifiedFolds (--cv)", () => {
  it("deals each label round-robin over the folds, continuing across labels so the folds stay even", () => {
    // labels sorted: negative (1 row), neutral (2), positive (3); dealt 0 | 1 0 | 1 0 1
    const data = rows("aaabbc");
    const fold = stratifiedFolds(data, 2, 42);
    expect(perLabelPerFold(data, fold)).toEqual({ negative: { 0: 1 }, neutral: { 1: 1, 0: 1 }, positive: { 1: 2, 0: 1 } });
    expect(fold.filter((f) => f === 0)).toHaveLength(3);
    expect(fold.filter((f) => f === 1)).toHaveLength(3);
  });

  it("puts every row in exactly one of k folds, the same ones for the same seed, others for another seed", () => {
    const data = rows("a".repeat(40) + "b".repeat(7) + "c".repeat(23));
    const fold = stratifiedFolds(data, 10, 42);
    expect(fold).toHaveLength(70);
    expect(fold.every((f) => Number.isInteger(f) && f >= 0 && f < 10)).toBe(true);
    for (let f = 0; f < 10; f++) expect(fold.filter((x) => x === f)).toHaveLength(7);
    // 40 positives over 10 folds: exactly 4 in each
    const positives = perLabelPerFold(data, fold).positive;
    expect(Object.values(positives)).toEqual(new Array(10).fill(4));
    expect(stratifiedFolds(data, 10, 42)).toEqual(fold);
    expect(stratifiedFolds(data, 10, 43)).not.toEqual(fold);
  });

  it("refuses fewer than two folds", () => {
    expect(() => stratifiedFolds(rows("ab"), 1, 42)).toThrow("stratifiedFolds: expected k ≥ 2, found 1");
  });
});

describe("stratifiedSplit (--split)", () => {
  it("holds out the fraction of every label, at least one of a label with two rows or more", () => {
    const data = rows("a".repeat(10) + "b".repeat(2) + "c".repeat(5));
    const { train, test } = stratifiedSplit(data, 0.2, 42);
    const count = (xs: { label: string }[], l: string) => xs.filter((x) => x.label === l).length;
    expect([count(test, "positive"), count(test, "neutral"), count(test, "negative")]).toEqual([2, 1, 1]);
    expect(train).toHaveLength(17 - 4);
    expect(new Set([...train, ...test].map((r) => (r as { i: number }).i)).size).toBe(17);
  });
});

describe("toGoldClasses", () => {
  it("maps a neutral prediction to the score's sign only for a 2-class gold file", () => {
    expect(toGoldClasses("neutral", 0.01, true)).toBe("positive");
    expect(toGoldClasses("neutral", -0.01, true)).toBe("negative");
    expect(toGoldClasses("neutral", 0, true)).toBe("positive");
    expect(toGoldClasses("neutral", -0.01, false)).toBe("neutral");
    expect(toGoldClasses("negative", 0.5, true)).toBe("negative");
  });
});
