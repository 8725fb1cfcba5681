/**
 * Content similarity: items as L2-normalised TF-IDF vectors over their `kind:value` features, a user as the
 * weighted sum of the vectors of their history, an item's score as the dot product, computed through an
 * inverted index (feature → items) so only items sharing a feature are touched.
 */
export interface ContentIndex {
  /** Per item: feature ids and TF-IDF weights (unit length). */
  itemFeatures: Array<{ f: number[]; v: number[] }>;
  /** Per feature: items holding it and their weights. */
  postings: Array<{ items: number[]; v: number[] }>;
  featureNames: string[];
}

export function buildContentIndex(features: ReadonlyArray<readonly string[]>): ContentIndex {
  const ids = new Map<string, number>();
  const featureNames: string[] = [];
  const df: number[] = [];
  const raw = features.map((fs) => {
    const tf = new Map<number, number>();
    for (const name of fs) {
      let id = ids.get(name);
      if (id === undefined) {
        id = featureNames.length;
        ids.set(name, id);
        featureNames.push(name);
        df.push(0);
      }
      tf.set(id, (tf.get(id) ?? 0) + 1);
    }
    for (const id of tf.keys()) df[id]++;
    return tf;
  });
  const n = features.length;
  const postings = featureNames.map(() => ({ items: [] as number[], v: [] as number[] }));
  const itemFeatures = raw.map((tf, item) => {
    const f = [...tf.keys()];
    const v = f.map((id) => tf.get(id)! * Math.log((1 + n) / (1 + df[id])));
    const len = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
    for (let k = 0; k < f.length; k++) {
      v[k] /= len;
      postings[f[k]].items.push(item);
      postings[f[k]].v.push(v[k]);
    }
    return { f, v };
  });
  return { itemFeatures, postings, featureNames };
}

/** The user's profile: Σ over history of weight × item vector, as a sparse map feature → value. */
export function userProfile(index: ContentIndex, history: ReadonlyArray<{ item: number; w: number }>): Map<number, number> {
  const profile = new Map<number, number>();
  for (const { item, w } of history) {
    const { f, v } = index.itemFeatures[item];
    for (let k = 0; k < f.length; k++) profile.set(f[k], (profile.get(f[k]) ?? 0) + w * v[k]);
  }
  return profile;
}

/** Adds profile · item into `out` for every item sharing a feature with the profile. */
export function scoreContent(index: ContentIndex, profile: ReadonlyMap<number, number>, out: Float64Array): void {
  for (const [f, p] of profile) {
    const { items, v } = index.postings[f];
    for (let k = 0; k < items.length; k++) out[items[k]] += p * v[k];
  }
}

/**
 * The feature that contributes most to profile · item, as its index in `featureNames` (−1: none shared). A word
 * of the text names a reason worse than a tag, a topic or an account ("also about “plans”"): one of those is
 * preferred when it contributes at least a quarter of what the best word does.
 */
export function topSharedFeatureIndex(index: ContentIndex, profile: ReadonlyMap<number, number>, item: number): number {
  const { f, v } = index.itemFeatures[item];
  let best = -1;
  let bestValue = 0;
  let named = -1;
  let namedValue = 0;
  for (let k = 0; k < f.length; k++) {
    const c = (profile.get(f[k]) ?? 0) * v[k];
    if (c > bestValue) {
      bestValue = c;
      best = f[k];
    }
    if (c > namedValue && !index.featureNames[f[k]].startsWith("word:")) {
      namedValue = c;
      named = f[k];
    }
  }
  return named >= 0 && namedValue >= 0.25 * bestValue ? named : best;
}
