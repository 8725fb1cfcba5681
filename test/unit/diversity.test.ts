import { diversify } from "../../src/ml/recommend/diversity";

const topic = (s: string) => (s.includes(":") ? s.split(":")[0] : null);

describe("diversify", () => {
  it("holds back a topic over its share of a window and brings it back as soon as it fits (hand-worked)", () => {
    // Page of 5, at most floor(5 × 0.4) = 2 per topic.
    const ranked = ["run:1", "run:2", "run:3", "run:4", "yoga:1", "camp:1", "x", "run:5", "yoga:2", "camp:2"];
    expect(diversify(ranked, topic, 5)).toEqual([
      "run:1", "run:2", "yoga:1", "camp:1", "x", // page 1: run:3 and run:4 wait
      "run:3", "run:4", "yoga:2", "camp:2", "run:5", // page 2: the waiting ones first, run:5 waits until there is room
    ]);
  });

  it("leaves a list alone when no topic is over its share, and never drops an item", () => {
    const ranked = ["a:1", "b:1", "c:1", "a:2", "b:2", "c:2"];
    expect(diversify(ranked, topic, 5)).toEqual(ranked);
    const one = Array.from({ length: 7 }, (_, i) => `run:${i}`);
    expect(diversify(one, topic, 5).sort()).toEqual([...one].sort());
    expect(() => diversify(one, topic, 0)).toThrow("expected pageSize");
  });

  it("leaves out what still waits at the end of a partial list (the head of a longer ranking) instead of a run of one topic", () => {
    const ranked = ["run:1", "run:2", "run:3", "run:4", "yoga:1", "camp:1", "x", "run:5", "yoga:2", "camp:2"];
    expect(diversify(ranked, topic, 5, 0.4, true)).toEqual(["run:1", "run:2", "yoga:1", "camp:1", "x", "run:3", "run:4", "yoga:2", "camp:2"]);
    // Ranked deeper, the held-back run:5 comes in between the posts that follow.
    const deeper = [...ranked, "trail:1", "trail:2", "yoga:3", "run:6"];
    expect(diversify(deeper, topic, 5, 0.4, true)).toEqual(["run:1", "run:2", "yoga:1", "camp:1", "x", "run:3", "run:4", "yoga:2", "camp:2", "trail:1", "run:5", "trail:2", "yoga:3", "run:6"]);
  });

  it("keeps to the share in every window of consecutive items, not only in fixed pages (hand-worked)", () => {
    // Page of 5, at most 2 per topic. Fixed pages would give a1 b1 a2 c1 d1 | a3 a4 e1: three a's in ranks 3–7.
    const ranked = ["a:1", "b:1", "a:2", "c:1", "d:1", "a:3", "a:4", "e:1"];
    const out = diversify(ranked, topic, 5);
    expect(out).toEqual(["a:1", "b:1", "a:2", "c:1", "d:1", "a:3", "e:1", "a:4"]);
    for (let i = 0; i + 5 <= out.length; i++) expect(out.slice(i, i + 5).filter((x) => x.startsWith("a:")).length).toBeLessThanOrEqual(2);
  });
});
