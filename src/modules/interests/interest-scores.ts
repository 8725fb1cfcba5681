import type { InteractionType } from "../interactions/interaction.entity";

/**
 * Interests, pure: a person's weighted affinity to topics (a post's category), hashtags and accounts
 * (a post's author), from what they did. Each interaction counts by its type — a purchase says more than
 * a share, a share more than a comment, and so on down to a view — and by its age: its weight halves
 * every `halfLifeDays` before the as-of time. A post's hashtags share its weight equally.
 */

export const interestWeights: Readonly<Record<InteractionType, number>> = {
  CONVERSION: 8,
  SHARE: 5,
  COMMENT: 3,
  LIKE: 2,
  CLICK: 1.5,
  VIEW: 0.5,
};

/** The same weights in SQL, for aggregates over `"i"` (interactions). */
export const interestWeightSql = `CASE "i"."type" ${Object.entries(interestWeights)
  .map(([t, w]) => `WHEN '${t}' THEN ${w}`)
  .join(" ")} ELSE 0 END`;

export const defaultInterestOptions = { halfLifeDays: 30 };

export type InterestKind = "TOPIC" | "HASHTAG" | "ACCOUNT";

export interface InterestEvent {
  type: InteractionType;
  occurredAt: Date;
  topic: string | null;
  hashtags: readonly string[];
  accountId: number;
}

export interface InterestScore {
  kind: InterestKind;
  key: string;
  /** Decayed, type-weighted sum. */
  score: number;
  /** The score's share of all of this person's scores of the same kind (0–1). */
  share: number;
}

const dayMs = 86_400_000;

/** Every interest of one person, largest score first within each kind (kinds in TOPIC, HASHTAG, ACCOUNT order). */
export function interestScores(events: readonly InterestEvent[], asOf: Date, options = defaultInterestOptions): InterestScore[] {
  if (!(options.halfLifeDays > 0)) throw new Error(`interestScores: expected halfLifeDays > 0, found ${options.halfLifeDays}`);
  const sums: Record<InterestKind, Map<string, number>> = { TOPIC: new Map(), HASHTAG: new Map(), ACCOUNT: new Map() };
  const add = (kind: InterestKind, key: string, w: number) => sums[kind].set(key, (sums[kind].get(key) ?? 0) + w);
  for (const e of events) {
    const age = Math.max(0, (asOf.getTime() - e.occurredAt.getTime()) / dayMs);
    const w = interestWeights[e.type] * Math.pow(0.5, age / options.halfLifeDays);
    if (!(w > 0)) continue;
    if (e.topic) add("TOPIC", e.topic, w);
    for (const tag of e.hashtags) add("HASHTAG", tag, w / e.hashtags.length);
    add("ACCOUNT", String(e.accountId), w);
  }
  const out: InterestScore[] = [];
  for (const kind of ["TOPIC", "HASHTAG", "ACCOUNT"] as const) {
    const total = [...sums[kind].values()].reduce((a, b) => a + b, 0);
    const list = [...sums[kind].entries()].map(([key, score]) => ({ kind, key, score, share: total > 0 ? score / total : 0 }));
    list.sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1));
    out.push(...list);
  }
  return out;
}
