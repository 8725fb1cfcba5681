import { buildContentIndex, scoreContent, topSharedFeatureIndex, userProfile, type ContentIndex } from "./content";
import { itemNeighbours, type Neighbours } from "./item-knn";
import { decayedPopularity, TimelinePopularity } from "./popularity";
import type { CatalogueItem, Interaction, Reason, Recommendation } from "./types";

/**
 * The blended recommender: four scorers over the catalogue, each normalised to [0, 1] per user (divided by
 * its maximum over the user's candidates), summed with `weights`:
 * - `similar`: item-kNN (./item-knn) from the user's history, each history item weighted by its interaction
 *   weight × 2^(−age / userHalfLifeDays) (age back from the user's last interaction);
 * - `content`: TF-IDF profile of the same weighted history (./content);
 * - `trending`: popularity around the user's last interaction T (kernel half-lives `trendingBeforeDays` for
 *   events before T and `trendingAfterDays` for events after it — "popular since you were last here"); T is
 *   the model's reference time for a user without history;
 * - `popular`: popularity decayed back from the model's reference time (the last event).
 * Items in the user's history are never returned. A user without history gets `trending` + `popular` only,
 * with the defaults' own weights and trending windows (`coldStartOptions`) whatever the blend's: the tuning
 * scores people with a history only, and may switch off what a newcomer's list rests on (a tuned `popular`
 * 0 with `trendingBeforeDays` 0 scored every post 0 for them, in tie-break order).
 * Each item's reason is the scorer with the largest weighted contribution, except that a personal one
 * (similar, then content) is preferred when it gives at least a third of the largest: "because you liked …"
 * tells a person more than "trending" does. Items no scorer gives anything come last, by raw popularity and
 * then the newest first, with the reason "popular" (not `recent` unless engaged with lately) or, when nobody
 * ever engaged with them, "none". A reason says whether the item is new (published
 * within `recentDays` of the reference time, or after it) or, for trending and popular, was engaged with
 * that lately; for a user without history, trending that is not that recent is given as popular.
 */

const DAY = 86_400_000;

/**
 * Defaults = the values chosen on MovieTweetings' validation split (carved from train.dat only) by
 * `npm run eval -- recommend` (see its `validation` output); the eval re-tunes them unless --no-tune.
 */
export const defaultRecommenderOptions = {
  weights: { similar: 0.5, content: 0.25, trending: 1, popular: 0.1 },
  neighbours: 100,
  shrink: 5,
  /** > 0: co-occurrences within a user weighted by 2^(−|Δt| / this); 0: off (measured: +0.001 NDCG on validation, noise). */
  pairHalfLifeDays: 0,
  userHalfLifeDays: 10,
  trendingBeforeDays: 3,
  trendingAfterDays: 30,
  popularHalfLifeDays: 7,
};

export type RecommenderOptions = typeof defaultRecommenderOptions;

/**
 * What "now" means in a reason: a post published, or last engaged with, at most this many days before the
 * model's reference time (its latest interaction) — the defaults' popularity half-life.
 */
export const recentDays = 7;

/** A user without history is ranked with these, never with a tuned blend's (see above). */
export const coldStartOptions: Pick<RecommenderOptions, "weights" | "trendingBeforeDays" | "trendingAfterDays"> = {
  weights: { similar: 0, content: 0, trending: defaultRecommenderOptions.weights.trending, popular: defaultRecommenderOptions.weights.popular },
  trendingBeforeDays: defaultRecommenderOptions.trendingBeforeDays,
  trendingAfterDays: defaultRecommenderOptions.trendingAfterDays,
};
export type Scorer = keyof RecommenderOptions["weights"];
const scorers: readonly Scorer[] = ["similar", "content", "trending", "popular"];

interface HistoryEntry {
  item: number;
  w: number;
  time: number;
}

export interface RecommenderJson {
  name: "blendRecommender";
  version: 1;
  options: RecommenderOptions;
  referenceTime: number;
  items: string[];
  features: string[][];
  neighbours: Neighbours;
  popular: number[];
  events: { time: number[]; item: number[] };
  users: Record<string, { item: number[]; w: number[]; time: number[] }>;
  /** Per item, its publication time (null when unknown); absent in models saved before it was kept. */
  published?: Array<number | null>;
}

export class Recommender {
  private readonly itemIndex: Map<string, number>;
  private readonly content: ContentIndex;
  private readonly timeline: TimelinePopularity;
  /** Per item, its latest interaction (−Infinity: none). */
  private readonly lastEvent: Float64Array;

  private constructor(
    readonly options: RecommenderOptions,
    private readonly referenceTime: number,
    readonly items: readonly string[],
    private readonly features: ReadonlyArray<readonly string[]>,
    private readonly neighbours: Neighbours,
    private readonly popular: Float64Array,
    events: { time: Float64Array; item: Int32Array },
    private readonly users: Map<string, HistoryEntry[]>,
    /** Per item, its publication time (−Infinity: unknown). */
    private readonly published: Float64Array,
  ) {
    this.itemIndex = new Map(items.map((id, i) => [id, i]));
    this.content = buildContentIndex(features);
    this.timeline = new TimelinePopularity(events.time, events.item);
    this.lastEvent = new Float64Array(items.length).fill(-Infinity);
    // Events are in time order: the last one seen of an item is its latest.
    for (let e = 0; e < events.time.length; e++) this.lastEvent[events.item[e]] = events.time[e];
  }

  /** Fits on interactions; the catalogue is `items` plus every interacted item (without features when unknown). */
  static fit(interactions: readonly Interaction[], items: readonly CatalogueItem[], options: Partial<RecommenderOptions> = {}): Recommender {
    const opts: RecommenderOptions = { ...defaultRecommenderOptions, ...options, weights: { ...defaultRecommenderOptions.weights, ...options.weights } };
    const ids: string[] = [];
    const features: string[][] = [];
    const published: number[] = [];
    const index = new Map<string, number>();
    const add = (id: string, fs: readonly string[], time?: number) => {
      if (index.has(id)) return index.get(id)!;
      index.set(id, ids.length);
      ids.push(id);
      features.push([...fs]);
      published.push(time !== undefined && Number.isFinite(time) ? time : -Infinity);
      return ids.length - 1;
    };
    for (const item of items) add(item.id, item.features, item.time);
    const users = new Map<string, HistoryEntry[]>();
    let referenceTime = -Infinity;
    for (const x of interactions) {
      const w = x.weight ?? 1;
      if (!(w > 0) || !Number.isFinite(x.time)) throw new Error(`expected a positive weight and a finite time, found ${JSON.stringify(x)}`);
      const item = add(x.itemId, []);
      let h = users.get(x.userId);
      if (!h) users.set(x.userId, (h = []));
      h.push({ item, w, time: x.time });
      if (x.time > referenceTime) referenceTime = x.time;
    }
    if (!Number.isFinite(referenceTime)) referenceTime = 0;
    for (const h of users.values()) h.sort((a, b) => a.time - b.time);
    // Co-occurrence on one entry per (user, item): repeated events add their weights.
    const userItems = [...users.values()].map((h) => {
      const m = new Map<number, { item: number; w: number; time: number }>();
      for (const e of h) {
        const seen = m.get(e.item);
        if (seen) {
          seen.w += e.w;
          seen.time = e.time;
        } else m.set(e.item, { ...e });
      }
      return [...m.values()];
    });
    const neighbours = itemNeighbours(userItems, ids.length, opts.neighbours, opts.shrink, opts.pairHalfLifeDays);
    const events = [...users.values()].flat();
    const times = Float64Array.from(events, (e) => e.time);
    const its = Int32Array.from(events, (e) => e.item);
    const popular = decayedPopularity(times, its, ids.length, referenceTime, opts.popularHalfLifeDays);
    const sorted = TimelinePopularity.fromEvents(events);
    return new Recommender(opts, referenceTime, ids, features, neighbours, popular, { time: sorted.times, item: sorted.items }, users, Float64Array.from(published));
  }

  /** The same fitted parts with other blend weights / serving-time options (no refit of the neighbours). */
  withOptions(options: Partial<Pick<RecommenderOptions, "weights" | "userHalfLifeDays" | "trendingBeforeDays" | "trendingAfterDays">>): Recommender {
    const opts = { ...this.options, ...options, weights: { ...this.options.weights, ...options.weights } };
    const copy = new Recommender(opts, this.referenceTime, this.items, this.features, this.neighbours, this.popular,
      { time: this.timeline.times, item: this.timeline.items }, this.users, this.published);
    copy.segmentPopular = this.segmentPopular;
    copy.segmentLast = this.segmentLast;
    return copy;
  }

  /** Per segment, recency-aware popularity among its members (the popular scorer for a member of one). */
  private segmentPopular = new Map<string, Float64Array>();
  /** Per segment, each item's latest interaction by one of its members (−Infinity: none). */
  private segmentLast = new Map<string, Float64Array>();

  /**
   * Groups of users (e.g. audience segments): each gets its own recency-aware popularity, from its
   * members' histories with the same half-life as the global one, used for its members' "popular" scorer.
   */
  setSegments(segmentOf: ReadonlyMap<string, string>): void {
    const h = this.options.popularHalfLifeDays * DAY;
    const out = new Map<string, Float64Array>();
    const lastOut = new Map<string, Float64Array>();
    for (const [userId, entries] of this.users) {
      const segment = segmentOf.get(userId);
      if (segment === undefined) continue;
      let arr = out.get(segment);
      if (!arr) out.set(segment, (arr = new Float64Array(this.items.length)));
      let last = lastOut.get(segment);
      if (!last) lastOut.set(segment, (last = new Float64Array(this.items.length).fill(-Infinity)));
      for (const e of entries) {
        arr[e.item] += Math.pow(2, -Math.max(0, this.referenceTime - e.time) / h);
        if (e.time > last[e.item]) last[e.item] = e.time;
      }
    }
    this.segmentPopular = out;
    this.segmentLast = lastOut;
  }

  /** Published, or (`times` = the latest interactions) engaged with, within `recentDays` of the reference time. */
  private isRecent(times: Float64Array, i: number): boolean {
    return this.timeline.times.length > 0 && times[i] >= this.referenceTime - recentDays * DAY;
  }

  hasUser(userId: string): boolean {
    return this.users.has(userId);
  }

  /** Top k items for a known user (a user the model has not seen is served as cold start). */
  recommend(userId: string, k: number, exclude: Iterable<string> = []): Recommendation[] {
    return this.rank(this.users.get(userId) ?? [], k, exclude);
  }

  /** Top k items for a history given at serving time (e.g. fresher than the model). */
  recommendForHistory(history: ReadonlyArray<Pick<Interaction, "itemId" | "weight" | "time">>, k: number, exclude: Iterable<string> = [], segment?: string): Recommendation[] {
    const entries: HistoryEntry[] = [];
    const unknown: string[] = [];
    for (const h of history) {
      const item = this.itemIndex.get(h.itemId);
      if (item === undefined) unknown.push(h.itemId);
      else entries.push({ item, w: h.weight ?? 1, time: h.time });
    }
    return this.rank(entries, k, [...exclude, ...unknown], segment);
  }

  private rank(history: readonly HistoryEntry[], k: number, exclude: Iterable<string>, segment?: string): Recommendation[] {
    const n = this.items.length;
    const cold = history.length === 0;
    const options: RecommenderOptions = cold ? { ...this.options, ...coldStartOptions } : this.options;
    const { weights } = options;
    const blocked = new Uint8Array(n);
    for (const h of history) blocked[h.item] = 1;
    for (const id of exclude) {
      const i = this.itemIndex.get(id);
      if (i !== undefined) blocked[i] = 1;
    }
    const last = history.length ? history.reduce((m, h) => Math.max(m, h.time), -Infinity) : this.referenceTime;
    const decayed = history.map((h) => ({ item: h.item, w: h.w * Math.pow(2, -(last - h.time) / (options.userHalfLifeDays * DAY)) }));
    const parts: Record<Scorer, Float64Array | undefined> = { similar: undefined, content: undefined, trending: undefined, popular: undefined };
    let because: Int32Array | undefined;
    let profile: Map<number, number> | undefined;
    if (history.length && weights.similar > 0) {
      const s = new Float64Array(n);
      const best = new Float64Array(n);
      because = new Int32Array(n).fill(-1);
      for (const { item, w } of decayed) {
        const idx = this.neighbours.index[item];
        const sim = this.neighbours.sim[item];
        for (let j = 0; j < idx.length; j++) {
          const c = w * sim[j];
          s[idx[j]] += c;
          if (c > best[idx[j]]) {
            best[idx[j]] = c;
            because[idx[j]] = item;
          }
        }
      }
      parts.similar = s;
    }
    if (history.length && weights.content > 0) {
      profile = userProfile(this.content, decayed);
      parts.content = new Float64Array(n);
      scoreContent(this.content, profile, parts.content);
    }
    if (weights.trending > 0) {
      parts.trending = new Float64Array(n);
      this.timeline.scoreAround(last, options.trendingBeforeDays, options.trendingAfterDays, parts.trending);
    }
    const fromSegment = segment !== undefined ? this.segmentPopular.get(segment) : undefined;
    if (weights.popular > 0) parts.popular = fromSegment ?? this.popular;
    const scale: Record<Scorer, number> = { similar: 0, content: 0, trending: 0, popular: 0 };
    for (const name of scorers) {
      const p = parts[name];
      if (!p) continue;
      let max = 0;
      for (let i = 0; i < n; i++) if (!blocked[i] && p[i] > max) max = p[i];
      scale[name] = max > 0 ? weights[name] / max : 0;
    }
    const total = new Float64Array(n);
    for (const name of scorers) {
      const p = parts[name];
      if (!p || scale[name] === 0) continue;
      for (let i = 0; i < n; i++) total[i] += scale[name] * p[i];
    }
    // Top k by score (ties: higher raw popularity, then the newer, then catalogue order), by insertion into a short list.
    const top: number[] = [];
    const pub = this.published;
    const better = (a: number, b: number) =>
      total[a] > total[b] ||
      (total[a] === total[b] && (this.popular[a] > this.popular[b] || (this.popular[a] === this.popular[b] && (pub[a] > pub[b] || (pub[a] === pub[b] && a < b)))));
    for (let i = 0; i < n && k > 0; i++) {
      if (blocked[i]) continue;
      if (top.length === k && !better(i, top[k - 1])) continue;
      let at = top.length === k ? k - 1 : top.length;
      while (at > 0 && better(i, top[at - 1])) at--;
      top.splice(at, 0, i);
      if (top.length > k) top.pop();
    }
    // The history's items, each with its strongest interaction (then the latest), strongest first: a content reason's evidence.
    let strongest: HistoryEntry[] | undefined;
    if (profile) {
      const m = new Map<number, HistoryEntry>();
      for (const h of history) {
        const s = m.get(h.item);
        if (!s || h.w > s.w || (h.w === s.w && h.time > s.time)) m.set(h.item, h);
      }
      strongest = [...m.values()].sort((a, b) => b.w - a.w || b.time - a.time || a.item - b.item);
    }
    const segmentLast = fromSegment ? this.segmentLast.get(segment!) : undefined;
    return top.map((i) => {
      let reason = this.reason(i, parts, scale, because, profile, strongest);
      if (reason.kind === "trending" && cold && !this.isRecent(this.lastEvent, i)) reason = { kind: "popular", recent: false };
      if (reason.kind === "popular" && fromSegment && (parts.popular?.[i] ?? 0) > 0) reason = { kind: "popular", segment, recent: segmentLast ? this.isRecent(segmentLast, i) : false };
      return { itemId: this.items[i], score: total[i], reason };
    });
  }

  private reason(
    i: number,
    parts: Record<Scorer, Float64Array | undefined>,
    scale: Record<Scorer, number>,
    because: Int32Array | undefined,
    profile: Map<number, number> | undefined,
    strongest: readonly HistoryEntry[] | undefined,
  ): Reason {
    let best: Scorer = "popular";
    let bestValue = 0;
    for (const name of scorers) {
      const v = (parts[name]?.[i] ?? 0) * scale[name];
      if (v > bestValue) {
        bestValue = v;
        best = name;
      }
    }
    for (const personal of ["similar", "content"] as const) {
      if (best === "similar") break;
      const v = (parts[personal]?.[i] ?? 0) * scale[personal];
      if (v > 0 && v >= bestValue / 3) {
        best = personal;
        break;
      }
    }
    // No signal for this user: ranked by raw popularity (the tie-break), then the newest first.
    if (bestValue === 0) return Number.isFinite(this.lastEvent[i]) ? { kind: "popular", recent: this.isRecent(this.lastEvent, i) } : { kind: "none", recent: this.isRecent(this.published, i) };
    if (best === "similar" && because && because[i] >= 0) return { kind: "similar", because: this.items[because[i]] };
    if (best === "content" && profile) {
      const feature = topSharedFeatureIndex(this.content, profile, i);
      if (feature >= 0) {
        const evidence: string[] = [];
        for (const h of strongest ?? []) {
          if (evidence.length === 3) break;
          if (this.content.itemFeatures[h.item].f.includes(feature)) evidence.push(this.items[h.item]);
        }
        return { kind: "content", because: this.content.featureNames[feature].replace(":", " "), evidence, recent: this.isRecent(this.published, i) };
      }
    }
    if (best === "trending") return { kind: "trending" };
    return { kind: "popular", recent: this.isRecent(this.lastEvent, i) };
  }

  toJSON(): RecommenderJson {
    const users: RecommenderJson["users"] = {};
    for (const [id, h] of this.users) users[id] = { item: h.map((e) => e.item), w: h.map((e) => e.w), time: h.map((e) => e.time) };
    return {
      name: "blendRecommender",
      version: 1,
      options: this.options,
      referenceTime: this.referenceTime,
      items: [...this.items],
      features: this.features.map((f) => [...f]),
      neighbours: this.neighbours,
      popular: [...this.popular],
      events: { time: [...this.timeline.times], item: [...this.timeline.items] },
      users,
      published: Array.from(this.published, (t) => (Number.isFinite(t) ? t : null)),
    };
  }

  static fromJSON(json: RecommenderJson): Recommender {
    if (json?.name !== "blendRecommender" || json.version !== 1) {
      throw new Error(`Invalid model: expected name "blendRecommender" version 1, found ${JSON.stringify(json?.name)} version ${JSON.stringify(json?.version)}`);
    }
    const users = new Map<string, HistoryEntry[]>();
    for (const [id, h] of Object.entries(json.users)) users.set(id, h.item.map((item, k) => ({ item, w: h.w[k], time: h.time[k] })));
    const published = Float64Array.from(json.items, (_, i) => json.published?.[i] ?? -Infinity);
    return new Recommender(json.options, json.referenceTime, json.items, json.features, json.neighbours, Float64Array.from(json.popular),
      { time: Float64Array.from(json.events.time), item: Int32Array.from(json.events.item) }, users, published);
  }
}

export function fitRecommender(interactions: readonly Interaction[], items: readonly CatalogueItem[], options: Partial<RecommenderOptions> = {}): Recommender {
  return Recommender.fit(interactions, items, options);
}
