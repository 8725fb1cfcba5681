import type { FeatureRow, FeatureSpec } from "../../ml/types";
import type { UserAttributes } from "../users/user.entity";

/** A person's behaviour up to a cutoff, aggregated from their interactions, plus their account and CRM data. */
export interface UserFacts {
  views: number;
  likes: number;
  comments: number;
  shares: number;
  clicks: number;
  conversions: number;
  activeDays: number;
  /** Days from the last interaction to the cutoff (null: never active). */
  recencyDays: number | null;
  /** Days from the first interaction to the cutoff (null: never active). */
  tenureDays: number | null;
  followers: number;
  platform: string;
  attributes: UserAttributes | null;
  /** Share of the person's type-weighted interactions on posts of each topic (only when a spec asks for topic features). */
  topicShares?: Record<string, number>;
}

type Builder = { kind: FeatureSpec["kind"]; build: (u: UserFacts) => FeatureRow[string]; description: string };

const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
const actions = (u: UserFacts) => u.likes + u.comments + u.shares + u.clicks;

/**
 * Named user feature builders (behaviour, account, CRM). Besides these, a spec may name any CRM
 * attribute kept in `attributes.extra` as `extra.<key>` with its kind (e.g. the bank's `extra.euribor3m`).
 */
export const userFeatures: Record<string, Builder> = {
  views: { kind: "numeric", build: (u) => u.views, description: "posts viewed" },
  likes: { kind: "numeric", build: (u) => u.likes, description: "likes" },
  comments: { kind: "numeric", build: (u) => u.comments, description: "comments" },
  shares: { kind: "numeric", build: (u) => u.shares, description: "shares" },
  clicks: { kind: "numeric", build: (u) => u.clicks, description: "clicks" },
  conversions: { kind: "numeric", build: (u) => u.conversions, description: "purchases" },
  interactions: { kind: "numeric", build: (u) => u.views + actions(u) + u.conversions, description: "interactions of any type" },
  activeDays: { kind: "numeric", build: (u) => u.activeDays, description: "days with any activity" },
  recencyDays: { kind: "numeric", build: (u) => u.recencyDays, description: "days since the last activity" },
  tenureDays: { kind: "numeric", build: (u) => u.tenureDays, description: "days since the first activity" },
  frequency: { kind: "numeric", build: (u) => ratio(u.activeDays, Math.max(1, u.tenureDays ?? 0)), description: "share of days active since the first activity" },
  engagementRate: { kind: "numeric", build: (u) => ratio(actions(u), u.views), description: "actions (likes, comments, shares, clicks) per post viewed" },
  clickShare: { kind: "numeric", build: (u) => ratio(u.clicks, actions(u)), description: "share of actions that are clicks" },
  commentShare: { kind: "numeric", build: (u) => ratio(u.comments, actions(u)), description: "share of actions that are comments" },
  shareShare: { kind: "numeric", build: (u) => ratio(u.shares, actions(u)), description: "share of actions that are shares" },
  followers: { kind: "numeric", build: (u) => u.followers, description: "followers" },
  platform: { kind: "categorical", build: (u) => u.platform, description: "platform" },
  age: { kind: "numeric", build: (u) => u.attributes?.age ?? null, description: "age" },
  gender: { kind: "categorical", build: (u) => u.attributes?.gender ?? null, description: "gender" },
  job: { kind: "categorical", build: (u) => u.attributes?.job ?? null, description: "job" },
  maritalStatus: { kind: "categorical", build: (u) => u.attributes?.maritalStatus ?? null, description: "marital status" },
  education: { kind: "categorical", build: (u) => u.attributes?.education ?? null, description: "education" },
  country: { kind: "categorical", build: (u) => u.attributes?.country ?? null, description: "country" },
  language: { kind: "categorical", build: (u) => u.attributes?.language ?? null, description: "language" },
};

/** `extra.<key>` features read a CRM attribute from attributes.extra. */
export function extraFeature(name: string): string | undefined {
  return name.startsWith("extra.") && name.length > 6 ? name.slice(6) : undefined;
}

/**
 * `topic.<category>` features: the share of a person's type-weighted interactions (purchase 8, share 5,
 * comment 3, like 2, click 1.5, view 0.5) that went to posts of that category; `topic.*` in a spec
 * stands for every category in the data when the table is built.
 */
export function topicFeature(name: string): string | undefined {
  return name.startsWith("topic.") && name.length > 6 && name !== "topic.*" ? name.slice(6) : undefined;
}

/** The feature row of a person for the given features. */
export function buildUserRow(user: UserFacts, features: readonly FeatureSpec[]): FeatureRow {
  const row: FeatureRow = {};
  for (const f of features) {
    const topic = topicFeature(f.name);
    if (topic !== undefined) {
      row[f.name] = user.topicShares?.[topic] ?? 0;
      continue;
    }
    const key = extraFeature(f.name);
    if (key === undefined) {
      row[f.name] = userFeatures[f.name].build(user);
      continue;
    }
    const raw = user.attributes?.extra?.[key];
    if (raw == null || raw === "") row[f.name] = null;
    else if (f.kind === "numeric") row[f.name] = typeof raw === "number" ? raw : Number(raw);
    else if (f.kind === "boolean") row[f.name] = raw === true || raw === "yes" || raw === "true" || raw === 1;
    else row[f.name] = String(raw);
  }
  return row;
}
