import { rankSlots } from "../../src/modules/segments/best-times";
import { adjustedRandIndex, describeSegment, profileOf, type MemberFacts } from "../../src/modules/segments/segment-profile";

function member(over: Partial<MemberFacts> = {}): MemberFacts {
  return {
    views: 20, likes: 4, comments: 1, shares: 1, clicks: 2, conversions: 0, activeDays: 5, recencyDays: 3,
    hours: Array.from({ length: 24 }, () => 0), topics: new Map(), hashtags: new Map([["brand", 10]]),
    comments_: { n: 0, positive: 0, negative: 0, scoreSum: 0 }, converted: false, ...over,
  };
}

describe("adjustedRandIndex", () => {
  it("is 1 for the same partition under other names, and matches a hand-worked table", () => {
    expect(adjustedRandIndex([0, 0, 1, 1, 2], ["b", "b", "a", "a", "c"])).toBe(1);
    // Pairs together in both: 2 (from the two 2-cells); row pairs 3 + 3 = 6; column pairs 1 + 1 + 1 = 3; C(6,2) = 15.
    // expected = 6·3/15 = 1.2, max = (6 + 3)/2 = 4.5 → (2 − 1.2)/(4.5 − 1.2) = 0.242424…
    expect(adjustedRandIndex([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2])).toBeCloseTo(0.8 / 3.3, 12);
  });
});

describe("profiles and names", () => {
  it("profile: means, action mix, busiest hours, top topics, comment sentiment, conversion rate", () => {
    const evening = Array.from({ length: 24 }, (_, h) => (h === 19 ? 5 : h === 20 ? 3 : h === 8 ? 1 : 0));
    const members = [
      member({ shares: 6, hours: evening, topics: new Map([["fitness", 6], ["yoga", 2]]), hashtags: new Map([["hiit", 3]]), comments_: { n: 4, positive: 3, negative: 1, scoreSum: 1.2 }, converted: true }),
      member({ shares: 4, hours: evening, topics: new Map([["fitness", 4]]), comments_: { n: 0, positive: 0, negative: 0, scoreSum: 0 } }),
    ];
    const p = profileOf(members, 10);
    expect(p).toMatchObject({ size: 2, share: 0.2, activeHours: [19, 20, 8], conversionRate: 0.5 });
    expect(p.means.shares).toBe(5);
    // Actions per member: likes 4, comments 1, shares 5, clicks 2 → shares 5/12.
    expect(p.actionMix.shares).toBeCloseTo(5 / 12, 12);
    expect(p.topTopics).toEqual([{ key: "fitness", share: 10 / 12 }, { key: "yoga", share: 2 / 12 }]);
    expect(p.sentiment).toEqual({ comments: 4, meanScore: 0.3, positive: 0.75, negative: 0.25 });

    // Against an audience that shares little, they are the evening sharers of fitness; #brand is on
    // nearly every post of the audience, so #hiit describes them.
    const audience = profileOf([...members, ...Array.from({ length: 8 }, () => member())], 10);
    const d = describeSegment(p, audience);
    expect(d.name).toBe("Evening sharers — fitness");
    expect(d.description).toMatch(/^2 people \(20% of the audience\) who share more than most \(42% of their actions\), most active around 19:00 UTC, into fitness and yoga \(#hiit\), convert at 50\.0%, comments 75% positive, 25% negative\.$/);
  });

  it("names quiet members by what they do: viewers, and lapsed ones", () => {
    const audience = profileOf([member(), member(), member({ views: 2, likes: 0, comments: 0, shares: 0, clicks: 0, recencyDays: 60 })], 3);
    const quiet = profileOf([member({ views: 2, likes: 0, comments: 0, shares: 0, clicks: 0, recencyDays: 60 })], 3);
    expect(describeSegment(quiet, audience).name).toBe("Lapsed lurkers");
  });
});

describe("rankSlots (best time to post)", () => {
  it("shrinks each slot's mean toward the scope's mean and falls back to the audience without evidence (hand-checked)", () => {
    const scope = [
      { weekday: 1, hour: 9, posts: 3, engagements: 6 },
      { weekday: 3, hour: 18, posts: 3, engagements: 15 },
      { weekday: 5, hour: 12, posts: 1, engagements: 30 },
    ];
    const audience = [...scope, { weekday: 5, hour: 12, posts: 4, engagements: 8 }].filter((_, i) => i !== 2);
    // Scope mean = 51 / 7; Wednesday 18:00 = (15 + 3·51/7) / 6, Monday 9:00 = (6 + 3·51/7) / 6.
    // Friday 12:00 has 1 post of the scope: the audience's 4 posts stand in, (8 + 3·29/10) / 7 with the audience's mean 29/10.
    const ranked = rankSlots(scope, audience);
    expect(ranked.map((r) => [r.weekday, r.hour, r.basis])).toEqual([
      [3, 18, "scope"],
      [1, 9, "scope"],
      [5, 12, "audience"],
    ]);
    expect(ranked[0].expectedEngagements).toBeCloseTo((15 + (3 * 51) / 7) / 6, 12);
    expect(ranked[2].expectedEngagements).toBeCloseTo((8 + (3 * 29) / 10) / 7, 12);
  });
});
