import { rankingMetrics, type RankingMetrics } from "./metrics";
import type { Interaction } from "./types";

/** A user's test targets and the items to keep out of their list (their training history). */
export interface EvaluationCase {
  userId: string;
  targets: ReadonlySet<string>;
  exclude: ReadonlySet<string>;
}

/** Any ranker: a user, k and the items to leave out → k item ids. */
export type Ranker = (userId: string, k: number, exclude: ReadonlySet<string>) => readonly string[];

export function evaluateRanker(ranker: Ranker, cases: readonly EvaluationCase[], k: number, catalogueSize: number): RankingMetrics {
  return rankingMetrics(cases.map((c) => ({ targets: c.targets, ranked: ranker(c.userId, k, c.exclude) })), k, catalogueSize);
}

/** A fixed ranking (e.g. most popular first) served to everyone, minus each user's exclusions. */
export function fixedRanker(order: readonly string[]): Ranker {
  return (_user, k, exclude) => {
    const out: string[] = [];
    for (const id of order) {
      if (out.length >= k) break;
      if (!exclude.has(id)) out.push(id);
    }
    return out;
  };
}

/**
 * Cases from a train / test split: one per test user, targets = their test items, exclude = their train items.
 * Users of the test set with no train history are returned apart (`cold`).
 */
export function evaluationCases(train: readonly Interaction[], test: readonly Interaction[]): { warm: EvaluationCase[]; cold: EvaluationCase[] } {
  const seen = new Map<string, Set<string>>();
  for (const x of train) {
    let s = seen.get(x.userId);
    if (!s) seen.set(x.userId, (s = new Set()));
    s.add(x.itemId);
  }
  const targets = new Map<string, Set<string>>();
  for (const x of test) {
    let s = targets.get(x.userId);
    if (!s) targets.set(x.userId, (s = new Set()));
    s.add(x.itemId);
  }
  const warm: EvaluationCase[] = [];
  const cold: EvaluationCase[] = [];
  for (const [userId, t] of targets) {
    const exclude = seen.get(userId);
    (exclude ? warm : cold).push({ userId, targets: t, exclude: exclude ?? new Set() });
  }
  return { warm, cold };
}

/**
 * A validation split carved from training data only, like the test split: each user with at least
 * `minHistory` events holds out their last floor(fraction × n) events by time (at least one).
 */
export function lastItemsSplit(train: readonly Interaction[], fraction = 0.2, minHistory = 5): { fit: Interaction[]; validation: Interaction[] } {
  const byUser = new Map<string, Interaction[]>();
  for (const x of train) {
    let l = byUser.get(x.userId);
    if (!l) byUser.set(x.userId, (l = []));
    l.push(x);
  }
  const fit: Interaction[] = [];
  const validation: Interaction[] = [];
  for (const list of byUser.values()) {
    const sorted = [...list].sort((a, b) => a.time - b.time);
    const held = sorted.length >= minHistory ? Math.max(1, Math.floor(fraction * sorted.length)) : 0;
    fit.push(...sorted.slice(0, sorted.length - held));
    validation.push(...sorted.slice(sorted.length - held));
  }
  return { fit, validation };
}
