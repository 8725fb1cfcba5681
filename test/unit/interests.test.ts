import { InteractionType } from "../../src/modules/interactions/interaction.entity";
import { interestScores, interestWeights, type InterestEvent } from "../../src/modules/interests/interest-scores";

const asOf = new Date("2026-06-30T00:00:00Z");
const daysAgo = (d: number) => new Date(asOf.getTime() - d * 86_400_000);

describe("interestScores", () => {
  it("ranks the interaction types conversion > share > comment > like > click > view", () => {
    const order = Object.entries(interestWeights).sort((a, b) => b[1] - a[1]).map(([t]) => t);
    expect(order).toEqual(["CONVERSION", "SHARE", "COMMENT", "LIKE", "CLICK", "VIEW"]);
  });

  it("weights by type and halves the weight every 30 days (hand-checked)", () => {
    const events: InterestEvent[] = [
      // running: a share today (5) + a like 30 days ago (2 × 0.5 = 1) = 6
      { type: InteractionType.SHARE, occurredAt: daysAgo(0), topic: "running", hashtags: ["trail", "ultra"], accountId: 7 },
      { type: InteractionType.LIKE, occurredAt: daysAgo(30), topic: "running", hashtags: ["trail"], accountId: 7 },
      // yoga: a purchase 60 days ago (8 × 0.25 = 2) + a view today (0.5) = 2.5
      { type: InteractionType.CONVERSION, occurredAt: daysAgo(60), topic: "yoga", hashtags: [], accountId: 9 },
      { type: InteractionType.VIEW, occurredAt: daysAgo(0), topic: "yoga", hashtags: [], accountId: 9 },
    ];
    const s = interestScores(events, asOf);
    const topics = s.filter((i) => i.kind === "TOPIC");
    expect(topics.map((t) => t.key)).toEqual(["running", "yoga"]);
    expect(topics[0].score).toBeCloseTo(6, 12);
    expect(topics[1].score).toBeCloseTo(2.5, 12);
    expect(topics[0].share).toBeCloseTo(6 / 8.5, 12);
    // Hashtags share a post's weight: trail 5/2 + 1 = 3.5, ultra 5/2 = 2.5.
    const tags = s.filter((i) => i.kind === "HASHTAG");
    expect(tags.map((t) => [t.key, t.score])).toEqual([
      ["trail", 3.5],
      ["ultra", 2.5],
    ]);
    const accounts = s.filter((i) => i.kind === "ACCOUNT");
    expect(accounts.map((a) => [a.key, Number(a.score.toFixed(12))])).toEqual([
      ["7", 6],
      ["9", 2.5],
    ]);
  });

  it("gives nothing for no events, and refuses a bad half-life", () => {
    expect(interestScores([], asOf)).toEqual([]);
    expect(() => interestScores([], asOf, { halfLifeDays: 0 })).toThrow("expected halfLifeDays > 0");
  });
});
