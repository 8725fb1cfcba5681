import { rankSlots } from "../../src/modules/segments/best-times";
import { adjustedRandIndex, describeSegment, profileOf, withLiveSize, type MemberFacts } from "../../src/modules/segments/segment-profile";

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

    // Against an audience that shares little, they are the sharers of fitness (evening is the audience's own
    // peak too, so it says nothing about them); #brand is on nearly every post of the audience, so #hiit describes them.
    const audience = profileOf([...members, ...Array.from({ length: 8 }, () => member())], 10);
    const d = describeSegment(p, audience);
    expect(d.name).toBe("Sharers — fitness");
    // Against an audience busiest in the morning, the evening is theirs.
    const morning = Array.from({ length: 24 }, (_, h) => (h === 8 ? 50 : 0));
    expect(describeSegment(p, profileOf([...members, ...Array.from({ length: 8 }, () => member({ hours: morning }))], 10)).name).toBe("Evening sharers — fitness");
    // Shares per person: 5 against the audience's (6 + 4 + 8·1) / 10 = 1.8; of the audience's 88 actions 18 are shares (20%).
    expect(d.description).toBe(
      "2 people (20% of the audience) who share more than most (5.0 shares each against 1.8; 42% of their actions against 20%), most active around 19:00 UTC, into fitness and yoga (#hiit), convert at 50.0%, comments 75% positive, 25% negative.",
    );
    // After an erasure the size and share are the current ones; the rest is as trained.
    expect(withLiveSize(d.description, 1, 0.125)).toBe(d.description.replace("2 people (20% of the audience)", "1 person (13% of the audience)"));
  });

  it("calls members casual commenters when comments are a larger share of fewer actions than the audience's", () => {
    // The segment: 2 likes and 1 comment each. The audience: the segment and two people with 6 likes, 2 comments, 1 share, 1 click.
    // Comments are 1/3 of the segment's actions against 5/23 of the audience's (lift 1.53, ahead of likes' 1.10),
    // but 1 per person against the audience's 5/3.
    const seg = member({ likes: 2, comments: 1, shares: 0, clicks: 0 });
    const busy = member({ likes: 6, comments: 2, shares: 1, clicks: 1 });
    const d = describeSegment(profileOf([seg], 3), profileOf([seg, busy, busy], 3));
    expect(d.name).toBe("Casual commenters");
    expect(d.description).toMatch(/^1 person \(33% of the audience\) whose fewer actions lean to comments \(33% of their actions against 22%; 1\.0 comments each against 1\.7\), /);
  });

  it("does not call members who comment more than the audience lurkers, however little else they do", () => {
    // Few actions overall (1.2 against the audience's 6.1 each), but more comments per person than the audience's 1.0.
    const seg = member({ views: 8, likes: 0, comments: 1.2, shares: 0, clicks: 0 });
    const busy = member({ views: 20, likes: 6, comments: 1, shares: 1, clicks: 2 });
    const audience = profileOf([seg, ...Array.from({ length: 9 }, () => busy)], 10);
    expect(describeSegment(profileOf([seg], 10), audience).name).toBe("Commenters");
    // 1.2 each against the audience's 1.02: more than most. At the audience's own rate, "about as much".
    expect(describeSegment(profileOf([seg], 10), audience).description).toMatch(/ who comment more than most \(1\.2 comments each against 1\.0;/);
    const same = member({ views: 8, likes: 0, comments: 1, shares: 0, clicks: 0 });
    expect(describeSegment(profileOf([same], 10), profileOf([same, ...Array.from({ length: 9 }, () => busy)], 10)).description).toMatch(/ who comment about as much as most \(1\.0 comments each against 1\.0;/);
  });

  it("names quiet members by what they do: viewers, and lapsed ones", () => {
    const audience = profileOf([member(), member(), member({ views: 2, likes: 0, comments: 0, shares: 0, clicks: 0, recencyDays: 60 })], 3);
    const quiet = profileOf([member({ views: 2, likes: 0, comments: 0, shares: 0, clicks: 0, recencyDays: 60 })], 3);
    expect(describeSegment(quiet, audience).name).toBe("Lapsed lurkers");
  });
});

describe("rankSlots (best time to post)", () => {
  it("ranks by lift over the scope's mean, and puts the audience's lift on the scope's scale where the scope lacks evidence (hand-checked)", () => {
    const scope = [
      { weekday: 1, hour: 9, posts: 3, engagements: 6 },
      { weekday: 3, hour: 18, posts: 3, engagements: 15 },
      { weekday: 5, hour: 12, posts: 1, engagements: 30 },
    ];
    const audience = [...scope, { weekday: 5, hour: 12, posts: 4, engagements: 8 }].filter((_, i) => i !== 2);
    // Scope mean m = 51 / 7. Wednesday 18:00 = (15 + 3m) / 6, lift 0.843; Monday 9:00 = (6 + 3m) / 6, lift 0.637.
    // Friday 12:00 has 1 post of the scope: the audience's 4 posts stand in. Audience mean 29/10; its
    // Friday = (8 + 3·2.9) / 7 = 16.7 / 7, lift 16.7 / 20.3 = 0.823, so (16.7 / 20.3)·m expected from the scope.
    const m = 51 / 7;
    const ranked = rankSlots(scope, audience);
    expect(ranked.map((r) => [r.weekday, r.hour, r.basis])).toEqual([
      [3, 18, "scope"],
      [5, 12, "audience"],
      [1, 9, "scope"],
    ]);
    expect(ranked[0].expectedEngagements).toBeCloseTo((15 + 3 * m) / 6, 12);
    expect(ranked[0].lift).toBeCloseTo((15 + 3 * m) / 6 / m, 12);
    expect(ranked[1].lift).toBeCloseTo(16.7 / 20.3, 12);
    expect(ranked[1].expectedEngagements).toBeCloseTo((16.7 / 20.3) * m, 12);
    expect(ranked[2].lift).toBeCloseTo((6 + 3 * m) / 6 / m, 12);
  });

  it("orders by the audience's pattern when the scope drew no engagement at all", () => {
    const scope = [{ weekday: 2, hour: 10, posts: 5, engagements: 0 }];
    const audience = [
      { weekday: 2, hour: 10, posts: 5, engagements: 10 },
      { weekday: 4, hour: 20, posts: 5, engagements: 40 },
    ];
    const ranked = rankSlots(scope, audience);
    // Audience mean 5: Thursday 20:00 = (40 + 15) / 8 = 6.875, lift 1.375; the scope's own Tuesday slot has lift 1.
    expect(ranked.map((r) => [r.weekday, r.hour, r.basis, r.lift, r.expectedEngagements])).toEqual([
      [4, 20, "audience", 1.375, 0],
      [2, 10, "scope", 1, 0],
    ]);
  });
});
