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
}

/** Why an item was recommended; the server turns it into text. */
export type Reason =
  | { kind: "similar"; because: string } // co-consumed with this item of the user's history
  | { kind: "content"; because: string } // shares this feature ("genre Drama") with the user's history
  | { kind: "trending" } // popular around the user's last activity
  | { kind: "popular"; segment?: string }; // popular recently, among all users or among the user's segment

export interface Recommendation {
  itemId: string;
  score: number;
  reason: Reason;
}
