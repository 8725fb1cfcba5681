import { priorStrengths, rankSlots, slotOf, varianceComponents } from "../../src/modules/segments/best-times";
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
    expect(p).toMatchObject({ size: 2, share: 0.2, activeHours: [19, 20, 8], hoursOf: "actions", conversionRate: 0.5 });
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
      "2 people (20% of the audience) who share more than most (5.0 shares each against 1.8; 42% of their actions against 20%), most active around 19:00 UTC (likes, comments, shares, clicks), into fitness and yoga (#hiit), convert at 50.0%, comments 75% positive, 25% negative.",
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
  // The audit's Friday 21:00: one paid video drew 246 where the slot's other posts drew 0–27. smallco's posts are
  // 2 and 0 there, 9 on Wednesday 20:00 and 5, 6, 4 on Monday 9:00; the rest are bigco's.
  const audience = [
    slotOf(5, 21, [2, 0, 2, 246, 11, 27]),
    slotOf(3, 20, [9, 20, 25, 18, 22, 30]),
    slotOf(1, 9, [5, 6, 4, 5, 6, 4]),
    slotOf(7, 18, [3, 3, 4]),
  ];
  const smallco = [slotOf(5, 21, [2, 0]), slotOf(3, 20, [9]), slotOf(1, 9, [5, 6, 4])];
  const L = Math.log1p;

  it("estimates the shrinkage from the audience's variance of log(1 + engagements) within and between slots (hand-checked)", () => {
    // Slot sums of log(1 + e): Friday 13.523724, Wednesday 18.119124, Monday 10.694215, Sunday 4.382027; 21 posts, mean 2.224719.
    // Within (pooled, 21 − 4 = 17 df): 1.204284. Between: mean square (Σ n·(slot mean − mean)²) / 3 = 2.241298,
    // n0 = (21 − (36 + 36 + 36 + 9) / 21) / 3 = 5.142857, so (2.241298 − 1.204284) / 5.142857 = 0.201642.
    const a = varianceComponents(audience);
    expect(a.within).toBeCloseTo(1.204284, 5);
    expect(a.between).toBeCloseTo(0.201642, 5);
    // smallco's own within-slot variance: Friday (ln 3 − ln 1)² / 2 = 0.603474, Monday's 5, 6, 4 add 0.056740, over 6 − 3 = 3 df: 0.220071.
    expect(varianceComponents(smallco).within).toBeCloseTo((((L(2) - L(0)) ** 2) / 2 + (L(5) ** 2 + L(6) ** 2 + L(4) ** 2 - (L(5) + L(6) + L(4)) ** 2 / 3)) / 3, 12);
    expect(varianceComponents(smallco).within).toBeCloseTo(0.220071, 5);
    // The audience's slots shrink by 1.204284 / 0.201642 = 5.97 → 6 posts; smallco's posts weigh the audience's
    // figure as 0.220071 / 0.201642 = 1.09 posts, raised to the floor of 3.
    expect(priorStrengths(audience, null)).toEqual({ shrink: 6, weight: 6 });
    expect(priorStrengths(audience, smallco)).toEqual({ shrink: 6, weight: 3 });
    // Nothing to estimate from (every slot one post): the floor; slots differing no more than chance: the ceiling.
    expect(priorStrengths([slotOf(1, 9, [4]), slotOf(2, 9, [40])], null).shrink).toBe(3);
    expect(priorStrengths([slotOf(1, 9, [0, 10, 3]), slotOf(2, 9, [10, 0, 3])], null).shrink).toBe(100);
  });

  it("ranks the whole audience's slots on log(1 + engagements), so one outlier does not carry a slot (hand-checked)", () => {
    const ranked = rankSlots(null, audience);
    // Means per post: Friday 48.0 (246 of its 288 from one post), Wednesday 20.7. Old method (means shrunk by 3 posts
    // toward 21.52): Friday (288 + 3·21.52) / 9 = 39.17, lift 1.82, first. On the log scale, a slot's lift is
    // exp((Σ log(1 + e) − n · 2.224719) / (n + 6)): Wednesday exp((18.119124 − 13.348314) / 12) = exp(0.397568) = 1.488201,
    // Friday exp((13.523724 − 13.348314) / 12) = 1.014725, Monday exp(−0.221175) = 0.801577, Sunday exp(−0.254681) = 0.775164.
    expect(ranked.map((r) => [r.weekday, r.hour, r.basis, r.posts])).toEqual([
      [3, 20, "scope", 6],
      [5, 21, "scope", 6],
      [1, 9, "scope", 6],
      [7, 18, "scope", 3],
    ]);
    const mean = 452 / 21;
    expect(ranked.map((r) => r.lift)).toEqual([1.488201, 1.014725, 0.801577, 0.775164].map((x) => expect.closeTo(x, 6)));
    expect(ranked[0].lift).toBeCloseTo(Math.exp((L(9) + L(20) + L(25) + L(18) + L(22) + L(30) - 6 * 2.224719) / 12), 5);
    // Expected: the audience's average (452 / 21 = 21.52) times the lift; Friday's median is (2 + 11) / 2.
    expect(ranked.map((r) => r.expectedEngagements)).toEqual(ranked.map((r) => expect.closeTo(mean * r.lift, 10)));
    expect(ranked[1]).toMatchObject({ average: mean, median: 6.5, priorShrink: 6 });
    expect(ranked[1].expectedEngagements).toBeCloseTo(21.840749, 5);
  });

  it("lets an account's own few posts count, weighed with the audience's figure for the slot, on the account's own scale (hand-checked)", () => {
    const ranked = rankSlots(smallco, audience);
    // smallco: 26 engagements over 6 posts (average 4.333), mean log(1 + e) 1.458051; the audience's figure counts as 3 posts.
    // Friday: its 2 and 0 (log deviations 1.098612 − 1.458051 and 0 − 1.458051) with the audience's 0.014618 three times:
    // (−1.817490 + 0.043854) / 5 = −0.354727, exp = 0.701365: below its typical post (the old ranking gave it the audience's 1.82×).
    // Wednesday: (2.302585 − 1.458051 + 3 · 0.397568) / 4 = 0.509309 → 1.664142. Monday: 0.051572 → 1.052925.
    // Sunday: no post of smallco's, the audience's 0.775164 alone, applied to smallco's average.
    expect(ranked.map((r) => [r.weekday, r.hour, r.basis, r.posts, r.priorPosts])).toEqual([
      [3, 20, "scope", 1, 6],
      [1, 9, "scope", 3, 6],
      [7, 18, "audience", 3, 3],
      [5, 21, "scope", 2, 6],
    ]);
    expect(ranked.map((r) => r.lift)).toEqual([1.664142, 1.052925, 0.775164, 0.701365].map((x) => expect.closeTo(x, 6)));
    const own = (26 / 6) * Math.exp((L(2) - 1.458051 + (L(0) - 1.458051) + 3 * Math.log(1.014725)) / 5);
    expect(ranked[3].expectedEngagements).toBeCloseTo(own, 4);
    expect(ranked[3].expectedEngagements).toBeCloseTo(3.039247, 5);
    expect(ranked[3]).toMatchObject({ average: 26 / 6, median: 1, priorWeight: 3, priorShrink: 6 });
    expect(ranked[3].priorLift).toBeCloseTo(1.014725, 6);
    expect(ranked[2].expectedEngagements).toBeCloseTo((26 / 6) * 0.775164, 5);
  });

  it("gives a scope with no posts the audience's own figures, and one with posts but no engagement expected 0", () => {
    expect(rankSlots([], audience)).toEqual(rankSlots(null, audience).map((r) => ({ ...r, basis: "audience" })));
    // No engagement at all: log deviations 0 against the audience's, so the order is the audience's, damped; its scale is 0.
    const quiet = rankSlots([slotOf(1, 9, [0, 0]), slotOf(5, 21, [0])], audience);
    expect(quiet.map((r) => [r.weekday, r.hour, r.basis, r.expectedEngagements])).toEqual([
      [3, 20, "audience", 0],
      [5, 21, "scope", 0],
      [1, 9, "scope", 0],
      [7, 18, "audience", 0],
    ]);
    // A slot needs 3 posts of the audience to be listed, however many of them are the scope's.
    expect(rankSlots(null, [...audience, slotOf(6, 12, [500, 400])]).map((r) => `${r.weekday}:${r.hour}`)).not.toContain("6:12");
  });
});
