import type { UserFacts } from "../predictions/user-features";

/**
 * Segment profiles and their names, pure: what the members of a cluster have in common, in numbers and
 * in words a marketer reads ("Evening sharers — fitness"), and the adjusted Rand index that says how
 * well clusters recover known groups.
 */

/** A member's behaviour counters (as the prediction features count them) and what the profile adds. */
export interface MemberFacts extends Pick<UserFacts, "views" | "likes" | "comments" | "shares" | "clicks" | "conversions" | "activeDays" | "recencyDays"> {
  /** Actions (likes, comments, shares, clicks; not views) per hour of day (UTC), 24 entries. */
  hours: number[];
  /** Topic → decayed interest score. */
  topics: Map<string, number>;
  hashtags: Map<string, number>;
  /** Their comments' sentiment: how many, and how many positive / negative. */
  comments_: { n: number; positive: number; negative: number; scoreSum: number };
  converted: boolean;
}

export interface SegmentProfile {
  size: number;
  share: number;
  /** Mean per member. */
  means: Record<string, number>;
  /** Share of the members' actions (likes, comments, shares, clicks) of each kind. */
  actionMix: Record<"likes" | "comments" | "shares" | "clicks", number>;
  /** Up to three hours (UTC) with the most actions (likes, comments, shares, clicks), busiest first. */
  activeHours: number[];
  /** What `activeHours` counts: "actions". Profiles stored before it counted every interaction, views included, and lack it. */
  hoursOf: "actions";
  topTopics: Array<{ key: string; share: number }>;
  topHashtags: Array<{ key: string; share: number }>;
  sentiment: { comments: number; meanScore: number | null; positive: number | null; negative: number | null };
  conversionRate: number;
}

const actionKinds = ["likes", "comments", "shares", "clicks"] as const;

function top(maps: Array<Map<string, number>>, n: number): Array<{ key: string; share: number }> {
  const sum = new Map<string, number>();
  for (const m of maps) for (const [k, v] of m) sum.set(k, (sum.get(k) ?? 0) + v);
  const total = [...sum.values()].reduce((a, b) => a + b, 0);
  return [...sum.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, n)
    .map(([key, v]) => ({ key, share: total > 0 ? v / total : 0 }));
}

export function profileOf(members: readonly MemberFacts[], population: number): SegmentProfile {
  const n = members.length;
  const mean = (f: (m: MemberFacts) => number) => (n ? members.reduce((s, m) => s + f(m), 0) / n : 0);
  const means: Record<string, number> = {
    views: mean((m) => m.views),
    likes: mean((m) => m.likes),
    comments: mean((m) => m.comments),
    shares: mean((m) => m.shares),
    clicks: mean((m) => m.clicks),
    conversions: mean((m) => m.conversions),
    activeDays: mean((m) => m.activeDays),
    recencyDays: mean((m) => m.recencyDays ?? 0),
  };
  const actionTotal = actionKinds.reduce((s, k) => s + means[k], 0);
  const actionMix = Object.fromEntries(actionKinds.map((k) => [k, actionTotal > 0 ? means[k] / actionTotal : 0])) as SegmentProfile["actionMix"];
  const hours = Array.from({ length: 24 }, (_, h) => members.reduce((s, m) => s + (m.hours[h] ?? 0), 0));
  const activeHours = hours
    .map((v, h) => [h, v] as const)
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, 3)
    .map(([h]) => h);
  const c = members.reduce((s, m) => ({ n: s.n + m.comments_.n, p: s.p + m.comments_.positive, g: s.g + m.comments_.negative, sum: s.sum + m.comments_.scoreSum }), { n: 0, p: 0, g: 0, sum: 0 });
  return {
    size: n,
    share: population > 0 ? n / population : 0,
    means,
    actionMix,
    activeHours,
    hoursOf: "actions",
    topTopics: top(members.map((m) => m.topics), 3),
    topHashtags: top(members.map((m) => m.hashtags), 3),
    sentiment: { comments: c.n, meanScore: c.n ? c.sum / c.n : null, positive: c.n ? c.p / c.n : null, negative: c.n ? c.g / c.n : null },
    conversionRate: n ? members.filter((m) => m.converted).length / n : 0,
  };
}

function timeOfDay(hour: number | undefined): string {
  if (hour === undefined) return "";
  if (hour >= 5 && hour < 11) return "Morning";
  if (hour >= 11 && hour < 14) return "Midday";
  if (hour >= 14 && hour < 18) return "Afternoon";
  if (hour >= 18 && hour < 23) return "Evening";
  return "Late-night";
}

const actor: Record<(typeof actionKinds)[number], string> = { likes: "likers", comments: "commenters", shares: "sharers", clicks: "clickers" };

/**
 * A name and a one-line description from a profile, relative to the whole audience: the most
 * over-represented action (against the audience's own mix, and "casual" when members do less of it per
 * person than the audience), the peak time of day when it is not the audience's, the activity level and the top topic. Names are made
 * unique by the caller. The description starts with "N people (X% of the audience)", which
 * `withLiveSize` keeps current after erasures.
 */
export function describeSegment(p: SegmentProfile, audience: SegmentProfile): { name: string; description: string } {
  const lift = actionKinds.map((k) => [k, audience.actionMix[k] > 0 ? p.actionMix[k] / audience.actionMix[k] : 0] as const).sort((a, b) => b[1] - a[1]);
  const totalActions = actionKinds.reduce((s, k) => s + p.means[k], 0);
  const audienceActions = actionKinds.reduce((s, k) => s + audience.means[k], 0);
  // Quiet: few actions of every kind (a segment that comments more than the audience, however little it likes, is not lurking).
  const quiet = totalActions < 0.35 * audienceActions && actionKinds.every((k) => p.means[k] < audience.means[k]);
  // The action most over-represented in the mix; "commenters" only if they also comment more per person
  // than the audience does, "casual commenters" when comments are a larger share of fewer actions.
  const lead = lift[0][0];
  const perPerson = audience.means[lead] > 0 ? p.means[lead] / audience.means[lead] : 1;
  const who = quiet ? (p.means.views > 0.5 * audience.means.views ? "viewers" : "lurkers") : `${perPerson < 1 ? "casual " : ""}${actor[lead]}`;
  const level = p.means.recencyDays > 2 * Math.max(1, audience.means.recencyDays) ? "Lapsed" : p.means.activeDays > 1.5 * audience.means.activeDays ? "Devoted" : "";
  // The time of day only when it sets them apart: the audience's own peak says nothing about a segment.
  const peak = timeOfDay(p.activeHours[0]);
  const when = audience.activeHours.length && timeOfDay(audience.activeHours[0]) === peak ? "" : peak;
  const topic = p.topTopics[0]?.key;
  const head = [level, level ? when.toLowerCase() : when, who].filter(Boolean).join(" ");
  const name = `${head.charAt(0).toUpperCase()}${head.slice(1)}${topic ? ` — ${topic}` : ""}`;
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  // The hashtag most over-represented against the audience: the brand's own tag, on every post, says nothing.
  const lifted = p.topHashtags
    .map((t) => ({ ...t, lift: t.share / Math.max(1e-9, audience.topHashtags.find((a) => a.key === t.key)?.share ?? t.share / 2) }))
    .filter((t) => t.lift > 1.2)
    .sort((a, b) => b.lift - a.lift);
  const tag = lifted[0];
  const verb = { likes: "like", comments: "comment", shares: "share", clicks: "click" }[lead];
  const rate = `${p.means[lead].toFixed(1)} ${lead} each against ${audience.means[lead].toFixed(1)}`;
  const mix = `${pct(p.actionMix[lead])} of their actions against ${pct(audience.actionMix[lead])}`;
  const what = quiet
    ? `who mostly watch (${p.means.views.toFixed(1)} views, ${totalActions.toFixed(1)} actions each)`
    : perPerson >= 1
      ? `who ${verb} ${perPerson >= 1.05 ? "more than most" : "about as much as most"} (${rate}; ${mix})`
      : `whose fewer actions lean to ${lead} (${mix}; ${rate})`;
  const parts = [
    `${people(p.size)} (${pct(p.share)} of the audience) ${what}`,
    p.activeHours.length ? `most active around ${p.activeHours[0]}:00 UTC (likes, comments, shares, clicks)` : "",
    p.topTopics.length ? `into ${p.topTopics.map((t) => t.key).slice(0, 2).join(" and ")}${tag ? ` (#${tag.key})` : ""}` : "",
    `convert at ${(p.conversionRate * 100).toFixed(1)}%`,
    p.sentiment.comments ? `comments ${pct(p.sentiment.positive ?? 0)} positive, ${pct(p.sentiment.negative ?? 0)} negative` : "",
  ].filter(Boolean);
  return { name, description: `${parts.join(", ")}.` };
}

/** Adjusted Rand index of two labelings of the same items (1: identical partitions, ~0: chance). */
export function adjustedRandIndex(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  if (a.length !== b.length) throw new Error(`adjustedRandIndex: expected labelings of equal length, found ${a.length} and ${b.length}`);
  const n = a.length;
  const choose2 = (x: number) => (x * (x - 1)) / 2;
  const table = new Map<string, number>();
  const rows = new Map<string | number, number>();
  const cols = new Map<string | number, number>();
  for (let i = 0; i < n; i++) {
    const key = `${a[i]}\u0000${b[i]}`;
    table.set(key, (table.get(key) ?? 0) + 1);
    rows.set(a[i], (rows.get(a[i]) ?? 0) + 1);
    cols.set(b[i], (cols.get(b[i]) ?? 0) + 1);
  }
  const index = [...table.values()].reduce((s, v) => s + choose2(v), 0);
  const sumRows = [...rows.values()].reduce((s, v) => s + choose2(v), 0);
  const sumCols = [...cols.values()].reduce((s, v) => s + choose2(v), 0);
  const expected = (sumRows * sumCols) / choose2(n);
  const max = (sumRows + sumCols) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}

const people = (n: number) => `${n} ${n === 1 ? "person" : "people"}`;

/** The description's leading "N people (X% of the audience)" with the segment's current size and share. */
export function withLiveSize(description: string, size: number, share: number): string {
  return description.replace(/^\d+ (?:people|person) \(\d+% of the audience\)/, `${people(size)} (${Math.round(share * 100)}% of the audience)`);
}
