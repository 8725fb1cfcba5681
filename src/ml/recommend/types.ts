/** One user–item event. `weight` already folds the event type / rating (e.g. conversion > share > like > view). */
export interface Interaction {
  userId: string;
  itemId: string;
  /** > 0; default 1. */
  weight?: number;
  /** Epoch milliseconds. */
  time: number;
}

/** An item of the catalogue with content features as `kind:value` strings, e.g. `genre:Drama`, `word:matrix`, `hashtag:fitness`. */
export interface CatalogueItem {
  id: string;
  features: readonly string[];
  /** When it was published (epoch milliseconds), if known: says whether it is new. */
  time?: number;
}

/**
 * Why an item was recommended; the server turns it into text. `recent`: the item was published (content,
 * none) or last engaged with (trending, popular) within `recentDays` of the model's reference time (the
 * latest interaction it was fitted on), or after it.
 */
export type Reason =
  | { kind: "similar"; because: string } // co-consumed with this item of the user's history
  // Shares this feature ("genre Drama") with the user's history; `evidence`: up to 3 items of that history
  // carrying it, the one with the strongest single interaction (weight) first.
  | { kind: "content"; because: string; evidence: string[]; recent: boolean }
  | { kind: "trending" } // popular around the user's last activity (for a user without history: engaged with lately)
  | { kind: "popular"; segment?: string; recent: boolean } // decayed popularity, among all users or among the user's segment
  | { kind: "none"; recent: boolean }; // no signal at all: nobody engaged with it (ranked last, newest first)

export interface Recommendation {
  itemId: string;
  score: number;
  reason: Reason;
}
