import { LRUCache } from "lru-cache";
import type { Database, Row } from "../../db/database";
import { BadUserInputError } from "../../graphql/errors";
import type { Loaders } from "../../graphql/loaders";
import type { Logger } from "../../lib/logger";
import { RecommenderClient } from "../../ml/recommend/client";
import { diversify } from "../../ml/recommend/diversity";
import { unpackArtifact } from "../../ml/artifact";
import type { RecommenderOptions } from "../../ml/recommend/recommender";
import type { BlendArtifact } from "../../ml/recommend/training";
import type { ModelService, RankingData } from "../models/model.service";
import type { Recommendation as Ranked, Reason } from "../../ml/recommend/types";
import type { InteractionType } from "../interactions/interaction.entity";
import { interestWeights } from "../interests/interest-scores";
import type { PostService } from "../posts/post.service";
import type { SegmentService } from "../segments/segment.service";
import type { UserService } from "../users/user.service";

export interface RecommendedPost {
  postId: number;
  rank: number;
  score: number;
  reason: string;
  source: Reason["kind"];
}

/** One entry of a ranked list: a post with the engine's reason, or a cold start's own reason. */
interface ListEntry {
  postId: number;
  score: number;
  source: Reason["kind"];
  reason?: string;
  ranked?: Ranked;
}

/** A person's ranked list as pages were cut from it: `complete` when it holds every post there is to recommend. */
interface RankedList {
  id: number;
  entries: ListEntry[];
  complete: boolean;
}

/** Lists kept for paging on (a person's current list and those their open pages came from). */
const keptLists = 20_000;

/** A fitted recommender is reused at least this long (then, on SQLite, until the data changes). */
const refitAfterMs = 60_000;
export const maxRecommendations = 50;
/** The model spec whose active version sets the blend's weights and half-lives. */
export const rankingModelName = "recommendations";
/** Ranked lists kept per person (a warm person's request reads only their history). */
const cachedPeople = 50_000;
/** Diversity: in every 10 consecutive recommendations, at most 4 from one topic (the rest wait for the next ten). */
const diversityPage = 10;
const diversityShare = 0.4;
/** How deep a cached list goes: two pages of the largest size. */
const cachedDepth = 2 * maxRecommendations + 1;

const verbs: Record<InteractionType, string> = { CONVERSION: "bought from", SHARE: "shared", COMMENT: "commented on", LIKE: "liked", CLICK: "clicked", VIEW: "viewed" };
/** The same, said of a tag, topic, format or account (“#running, which you bought through”). */
const interestVerbs: Record<InteractionType, string> = { CONVERSION: "bought through", SHARE: "shared", COMMENT: "commented on", LIKE: "liked", CLICK: "clicked on", VIEW: "viewed" };

/**
 * What a person did with the posts behind a content reason (the engine's evidence: up to three posts of their
 * history sharing the feature, the one with the strongest interaction first), in words: "often engage with"
 * when they did more than view three or more of them, else the strongest thing they did ("viewed" after
 * views only), with `posts` how many of them they did it with (1, 2 or 3: three means three or more).
 */
export function interestIn(evidence: readonly string[], history: ReadonlyArray<{ itemId: string; type: InteractionType }>): { words: string; often: boolean; posts: number } | null {
  const strongest = evidence.map((id) => {
    let type: InteractionType | undefined;
    for (const h of history) if (h.itemId === id && (type === undefined || interestWeights[h.type] > interestWeights[type])) type = h.type;
    return type;
  });
  const top = strongest[0];
  if (top === undefined) return null;
  if (strongest.length >= 3 && strongest.every((t) => t !== undefined && t !== "VIEW")) return { words: "often engage with", often: true, posts: 3 };
  return { words: interestVerbs[top], often: false, posts: strongest.filter((t) => t === top).length };
}

/** Common English words that say nothing about a post's content. */
const stopWords = new Set(
  "about after again also been before being both could does doing down each from further have having here into just more most only other over same should some such than that their them then there these they this those through under until very what when where which while will with would your yours you our ours".split(" "),
);

/** A post's content words for the TF-IDF index: lower-cased, 4+ letters, no stop words, hashtags and links dropped, at most 20. */
export function textWords(text: string): string[] {
  const words = new Set<string>();
  for (const m of text.toLowerCase().replace(/https?:\/\/\S+|[#@][\p{L}\p{N}_]+/gu, " ").matchAll(/\p{L}{4,}/gu)) {
    if (!stopWords.has(m[0])) words.add(`word:${m[0]}`);
    if (words.size >= 20) break;
  }
  return [...words];
}

/** The start of a post's text for a reason, cut at a character boundary (never inside an emoji: half of one is not valid JSON text). */
export function snippet(text: string): string {
  const t = text.replace(/\s+/g, " ").trim();
  if (t.length <= 40) return t;
  let end = 0;
  for (const { index, segment } of graphemes.segment(t)) {
    if (index + segment.length > 39) break;
    end = index + segment.length;
  }
  return `${t.slice(0, end)}…`;
}

const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

/**
 * Recommendations of posts for people, from the engine in src/ml/recommend: item-item collaborative
 * filtering over type-weighted interactions, content similarity (hashtags, topic, author, media type),
 * trending around the person's last activity and recent popularity, blended. The engine is fitted from
 * the database on first use and again when the data has changed; each request ranks with the person's
 * current history from the database, so what they just engaged with is already filtered out.
 */
export class RecommendationService {
  private fitted: { client: RecommenderClient; version: string | undefined; at: number } | null = null;
  private fitting: Promise<RecommenderClient> | null = null;
  private models: ModelService | null = null;
  /**
   * Per person, the ranked list and the history it was ranked from (its size and newest time): reused
   * while the same model serves and the person has done nothing new, recomputed otherwise.
   */
  private readonly ranked = new LRUCache<number, { model: RecommenderClient; key: string; list: RankedList; until: number }>({ max: cachedPeople });
  /** Lists pages were cut from, by "<userId>:<list id>", so that the next page continues the same list. */
  private readonly lists = new LRUCache<string, RankedList>({ max: keptLists });
  private nextListId = 1;

  constructor(
    private readonly db: Database,
    private readonly posts: PostService,
    private readonly users: UserService,
    private readonly segments: SegmentService,
    private readonly logger: Logger,
  ) {}

  /**
   * The engine, fitted from every interaction and post in a worker thread of its own (once, then again
   * after the data changed). A refit happens in a new worker while the current one keeps ranking; the
   * new one takes over when it is ready.
   */
  private async model(): Promise<RecommenderClient> {
    const version = this.db.dataVersion();
    const f = this.fitted;
    const fresh = f && (Date.now() - f.at < refitAfterMs || (this.db.dialect === "sqlite" && (version === undefined || f.version === version)));
    if (f && fresh) return f.client;
    this.fitting ??= this.fit(version).finally(() => {
      this.fitting = null;
    });
    // The current model serves while its successor is fitted; only the very first request waits.
    if (f) {
      this.fitting.catch((err) => this.logger.error({ err }, "recommender refit failed; the current model keeps serving"));
      return f.client;
    }
    return this.fitting;
  }

  /** Everyone's interactions (as typed arrays) and the catalogue with its content features. */
  async readData(): Promise<RankingData> {
    const events = await this.db.query<Row>(`SELECT "userId", "postId", "type", "occurredAt" FROM "interactions"`);
    const n = events.length;
    const users = new Int32Array(n);
    const items = new Int32Array(n);
    const weights = new Float32Array(n);
    const times = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const e = events[i];
      users[i] = Number(e.userId);
      items[i] = Number(e.postId);
      weights[i] = interestWeights[e.type as InteractionType];
      times[i] = this.db.toDate(e.occurredAt)!.getTime();
    }
    const posts = await this.db.query<Row>(`SELECT "id", "category", "authorId", "mediaType", "text", "publishedAt" FROM "posts"`);
    const tags = await this.db.query<{ postId: number; tag: string }>(`SELECT "postId", "tag" FROM "post_hashtags"`);
    const tagsOf = new Map<number, string[]>();
    for (const t of tags) {
      const id = Number(t.postId);
      if (!tagsOf.has(id)) tagsOf.set(id, []);
      tagsOf.get(id)!.push(`hashtag:${t.tag}`);
    }
    const catalogue = posts.map((p) => ({
      id: String(p.id),
      features: [...(tagsOf.get(Number(p.id)) ?? []), ...(p.category ? [`topic:${p.category}`] : []), `account:${p.authorId}`, `media:${p.mediaType}`, ...textWords(String(p.text ?? ""))],
      time: this.db.toDate(p.publishedAt)?.getTime(),
    }));
    return { users, items, weights, times, catalogue };
  }

  /** The blend's options of the active "recommendations" version, or the engine's defaults. */
  private async blend(): Promise<{ options: Partial<RecommenderOptions>; version: number | null }> {
    const active = this.models ? await this.models.activeVersion(rankingModelName) : undefined;
    if (!active?.artifact) return { options: {}, version: null };
    return { options: unpackArtifact<BlendArtifact>(active.artifact).options as Partial<RecommenderOptions>, version: active.version };
  }

  private async fit(version: string | undefined): Promise<RecommenderClient> {
    const started = performance.now();
    const data = await this.readData();
    const n = data.users.length;
    const blend = await this.blend();
    const read = performance.now();
    const client = new RecommenderClient();
    const members = await this.db.query<{ userId: number; segmentId: number }>(
      `SELECT "sm"."userId", "sm"."segmentId" FROM "segment_memberships" "sm" JOIN "segments" "g" ON "g"."id" = "sm"."segmentId" ` +
        `JOIN "model_versions" "mv" ON "mv"."id" = "g"."modelVersionId" AND "mv"."status" = 'active' AND "mv"."modelName" = 'segments'`,
    );
    const fitted = await client.fit({ ...data, options: blend.options, segments: members.map((m) => [Number(m.userId), Number(m.segmentId)] as [number, number]) });
    const previous = this.fitted?.client;
    this.fitted = { client, version, at: Date.now() };
    // Requests already sent to the old worker get their answers first.
    if (previous) setTimeout(() => void previous.close(), 5_000).unref();
    this.logger.info({ interactions: n, posts: data.catalogue.length, blendVersion: blend.version, readSeconds: (read - started) / 1000, fitSeconds: fitted.seconds }, "recommender fitted");
    return client;
  }

  /** Lets the active "recommendations" version choose the blend (wired by the composition root). */
  attachModels(models: ModelService): void {
    this.models = models;
  }

  /** A new blend version serves: the next request refits (in a new worker, the current one serving meanwhile). */
  blendChanged(): void {
    if (this.fitted) this.fitted = { ...this.fitted, at: 0, version: "changed" };
  }

  /**
   * An erasure committed: the cached lists may hold the erased posts, and the fit their interactions. The
   * lists are dropped and the next request refits (the current fit serves meanwhile, its erased posts
   * filtered out as they are read).
   */
  dataRemoved(): void {
    this.ranked.clear();
    this.lists.clear();
    if (this.fitted) this.fitted = { ...this.fitted, at: 0, version: "changed" };
  }

  /** Stops the recommender workers (shutdown). */
  async close(): Promise<void> {
    const f = this.fitted;
    this.fitted = null;
    await this.fitting?.then((c) => c.close()).catch(() => undefined);
    await f?.client.close();
  }

  /**
   * Posts not published yet (scheduled after `now`) and when the first of them goes live (Infinity: none):
   * they are recommended to no one until then.
   */
  private async scheduled(now: number): Promise<{ ids: string[]; until: number }> {
    const rows = await this.db.query<Row>(`SELECT "id", "publishedAt" FROM "posts" WHERE "publishedAt" > ?`, [this.db.param(new Date(now))]);
    let until = Infinity;
    for (const r of rows) until = Math.min(until, this.db.toDate(r.publishedAt)!.getTime());
    return { ids: rows.map((r) => String(r.id)), until };
  }

  /** The posts a person authored: never recommended to them. */
  private async authored(userId: number): Promise<string[]> {
    return (await this.db.query<Row>(`SELECT "id" FROM "posts" WHERE "authorId" = ?`, [userId])).map((r) => String(r.id));
  }

  private async history(userId: number): Promise<Array<{ itemId: string; weight: number; time: number; type: InteractionType }>> {
    const rows = await this.db.query<Row>(`SELECT "postId", "type", "occurredAt" FROM "interactions" WHERE "userId" = ?`, [userId]);
    return rows.map((r) => ({ itemId: String(r.postId), type: r.type as InteractionType, weight: interestWeights[r.type as InteractionType], time: this.db.toDate(r.occurredAt)!.getTime() }));
  }

  /**
   * Posts for a person, best first, from position `offset` of a ranked list; never one they already
   * engaged with, one they authored, or one not published yet. A page names its list (`listId`): the next page, asked for with that id, continues the
   * same list even if the person did something since (which re-ranks their current list), leaving out
   * only what they engaged with meanwhile, so an infinite-scroll feed neither repeats nor skips a post.
   * Without a list id (or once it is forgotten) the person's current list is used.
   */
  async forUser(loaders: Loaders, userId: number, first: number, offset: number, listId: number | null = null): Promise<{ items: RecommendedPost[]; hasNextPage: boolean; listId: number; end: number }> {
    if (!Number.isInteger(first) || first < 1 || first > maxRecommendations) throw new BadUserInputError("first", `expected \`first\` between 1 and ${maxRecommendations}, found ${first}`);
    const history = await this.history(userId);
    const needed = offset + first + 1;
    let list = listId === null ? undefined : this.lists.get(`${userId}:${listId}`);
    if (!list) list = await this.currentList(loaders, userId, history, needed);
    else if (!list.complete && list.entries.length < needed) {
      // The list ran out of ranked posts: it goes on with the current ranking's posts it does not hold yet.
      const current = await this.currentList(loaders, userId, history, needed + list.entries.length);
      const held = new Set(list.entries.map((e) => e.postId));
      list.entries.push(...current.entries.filter((e) => !held.has(e.postId)));
      list.complete = current.complete;
    }
    const engaged = new Set(history.map((h) => Number(h.itemId)));
    const page = list.entries.slice(offset, offset + first).flatMap((e, i) => (engaged.has(e.postId) ? [] : [{ e, rank: offset + i + 1 }]));
    const segment = history.length ? await this.segments.ofUser(loaders, userId) : null;
    const items = await Promise.all(
      page.map(({ e, rank }) =>
        e.reason ? { postId: e.postId, rank, score: e.score, reason: e.reason, source: e.source } : this.describe(loaders, e.ranked!, rank, history, segment?.name ?? null),
      ),
    );
    // `end`: the list position after this page, past any post left out because the person engaged with it since.
    return { items, hasNextPage: list.entries.length > offset + first, listId: list.id, end: Math.min(offset + first, list.entries.length) };
  }

  /**
   * The person's current list, at least `needed` deep unless the catalogue runs out: a warm person's
   * ranking (reused while they do nothing new, the same fit serves and no scheduled post went live), or a
   * cold start's. It is kept under a new id, or the id it was kept under before when it is the same list.
   */
  private async currentList(loaders: Loaders, userId: number, history: ReadonlyArray<{ itemId: string; weight: number; time: number }>, needed: number): Promise<RankedList> {
    const model = await this.model();
    const key = `${history.length}:${history.reduce((m, h) => Math.max(m, h.time), 0)}`;
    const cached = this.ranked.get(userId);
    // A cached list answers when it holds this page and one more, or holds everything there is to recommend.
    if (cached && cached.model === model && cached.key === key && Date.now() < cached.until && (cached.list.complete || cached.list.entries.length >= needed)) {
      if (!this.lists.has(`${userId}:${cached.list.id}`)) this.lists.set(`${userId}:${cached.list.id}`, cached.list);
      return cached.list;
    }
    const now = Date.now();
    const scheduled = await this.scheduled(now);
    // Left out by the engine: what the person engaged with, what they authored and what is not published yet.
    const seen = [...new Set([...history.map((h) => h.itemId), ...(await this.authored(userId)), ...scheduled.ids])];
    const segmentId = (await this.segments.ofUser(loaders, userId))?.id;
    const platform = (await this.users.byId(loaders, userId))?.platform ?? null;
    let depth = Math.max(cachedDepth, needed);
    let ranked: Ranked[];
    let complete: boolean;
    for (;;) {
      const raw = await model.rank(history.map(({ itemId, weight, time }) => ({ itemId, weight, time })), depth, seen, undefined, segmentId);
      // Fewer than asked for: the catalogue ran out. Posts erased since the fit, posts of other platforms and
      // posts held back for another page's topic budget leave gaps: rank deeper.
      complete = raw.length < depth;
      ranked = await this.spreadTopics(loaders, raw, (r) => Number(r.itemId), userId, platform, now, !complete);
      if (complete || ranked.length >= needed) break;
      depth += depth - ranked.length;
    }
    const entries = history.length === 0 ? await this.coldStart(loaders, userId, ranked, platform, now, !complete) : ranked.map((r) => ({ postId: Number(r.itemId), score: r.score, source: r.reason.kind, ranked: r }));
    const list: RankedList = { id: this.nextListId++, entries, complete };
    this.ranked.set(userId, { model, key, list, until: scheduled.until });
    this.lists.set(`${userId}:${list.id}`, list);
    return list;
  }

  /**
   * A ranked list without the posts that no longer exist (erased since the fit), are on another platform
   * than the person's, are the person's own or are not published at `now` (as they are stored now: an edit
   * since the fit counts), re-ordered so that at most `diversityShare` of any `diversityPage` consecutive
   * posts share a topic.
   */
  private async spreadTopics<T>(loaders: Loaders, list: T[], postIdOf: (item: T) => number, userId: number, platform: string | null, now: number, partial: boolean): Promise<T[]> {
    const posts = await Promise.all(list.map((r) => this.posts.byId(loaders, postIdOf(r))));
    // An account sees the posts of its own platform: a Twitter account cannot like an Instagram post.
    const existing = list.filter((_, i) => {
      const p = posts[i];
      return p !== undefined && (platform === null || p.platform === platform) && p.authorId !== userId && p.publishedAt.getTime() <= now;
    });
    const topicOf = new Map(list.map((r, i) => [postIdOf(r), posts[i]?.category ?? null]));
    return diversify(existing, (r) => topicOf.get(postIdOf(r)), diversityPage, diversityShare, partial);
  }

  /**
   * Someone with no history: their segment (kept from earlier activity, or the one of the people most like
   * them by CRM attributes) gives the posts its members engage with most lately, "popular with <segment>";
   * the engine's trending and popular posts fill the rest of the list. Topics are spread over the whole list
   * as over everyone's (at most 4 of any 10 from one topic).
   */
  private async coldStart(loaders: Loaders, userId: number, fallback: Ranked[], platform: string | null, now: number, partial: boolean): Promise<ListEntry[]> {
    const user = await this.users.byId(loaders, userId);
    const segment = (await this.segments.ofUser(loaders, userId)) ?? (await this.segments.segmentByAttributes(user?.attributes ?? null));
    const fromSegment = segment ? await this.segments.popularIn(segment.id, cachedDepth) : [];
    const taken = new Set(fromSegment.map(String));
    const list: ListEntry[] = [
      ...fromSegment.map((postId, i) => ({ postId, score: 1 - i / (fromSegment.length + 1), source: "popular" as const, reason: `popular with “${segment!.name}”, people like you` })),
      ...fallback.filter((r) => !taken.has(r.itemId)).map((r) => ({ postId: Number(r.itemId), score: r.score, source: r.reason.kind, ranked: r })),
    ];
    return this.spreadTopics(loaders, list, (r) => r.postId, userId, platform, now, partial);
  }

  /** Posts like this one: what the people who engaged with it also engaged with, and posts sharing its tags. */
  async similarTo(loaders: Loaders, postId: number, first: number): Promise<RecommendedPost[]> {
    if (!Number.isInteger(first) || first < 1 || first > maxRecommendations) throw new BadUserInputError("first", `expected \`first\` between 1 and ${maxRecommendations}, found ${first}`);
    const model = await this.model();
    const now = Date.now();
    const scheduled = await this.scheduled(now);
    // A few more than asked for, in case some were erased (or moved to the future) since the fit.
    const ranked = await model.rank([{ itemId: String(postId), weight: 1, time: now }], first + 10, [String(postId), ...scheduled.ids], { similar: 1, content: 0.5, trending: 0, popular: 0.05 });
    const posts = await Promise.all(ranked.map((r) => this.posts.byId(loaders, Number(r.itemId))));
    const existing = ranked.filter((_, i) => posts[i] !== undefined && posts[i]!.publishedAt.getTime() <= now).slice(0, first);
    return Promise.all(existing.map((r, i) => this.describe(loaders, r, i + 1, [], null, true)));
  }

  /** A reason a person reads. */
  private async describe(loaders: Loaders, r: Ranked, rank: number, history: ReadonlyArray<{ itemId: string; type: InteractionType }>, segmentName: string | null, similarMode = false): Promise<RecommendedPost> {
    const postId = Number(r.itemId);
    const why = r.reason;
    let reason: string;
    switch (why.kind) {
      case "similar": {
        const because = await this.posts.byId(loaders, Number(why.because));
        // The strongest thing the person did with that post ("commented on" rather than the view that came with it).
        let type: InteractionType | undefined;
        for (const h of history) if (h.itemId === why.because && (type === undefined || interestWeights[h.type] > interestWeights[type])) type = h.type;
        reason = similarMode
          ? "people who engaged with this post engaged with it too"
          : `because you ${type ? verbs[type] : "engaged with"} “${snippet(because?.text ?? "a post")}”`;
        break;
      }
      case "content": {
        const i = why.because.indexOf(" ");
        const kind = why.because.slice(0, i);
        const value = why.because.slice(i + 1);
        const label = kind === "hashtag" ? `#${value}` : kind === "topic" ? value : kind === "word" ? `“${value}”` : kind === "account" ? "an account" : `${value.toLowerCase()} posts`;
        if (similarMode) {
          reason = kind === "account" ? `also from @${(await this.users.byId(loaders, Number(value)))?.handle ?? "the same account"}` : `also about ${label}`;
          break;
        }
        // "new" only for a post published within the engine's recency window (see Reason); the interest part
        // says what the person did with the posts behind it, no more.
        const interest = interestIn(why.evidence, history);
        if (kind === "account") {
          const handle = (await this.users.byId(loaders, Number(value)))?.handle ?? "an account";
          const whose = interest ? `, whose ${interest.posts > 1 || interest.often ? "posts" : "post"} you ${interest.words}` : "";
          reason = `${why.recent ? "new" : "more"} from @${handle}${whose}`;
        } else if (kind === "media") {
          reason = `${why.recent ? "a new" : "a"} ${value.toLowerCase()} post${interest ? `, a format you ${interest.words}` : ""}`;
        } else {
          const about = kind === "word" ? `${why.recent ? "new, " : ""}about ${label}` : `${why.recent ? "new " : ""}on ${label}`;
          reason = `${about}${interest ? `, which you ${interest.words}` : ""}`;
        }
        break;
      }
      case "trending":
        // Without history the engine's trending is around the data's latest time (and engaged with lately): the
        // person has no "last visit".
        reason = history.length > 0 ? "trending since your last visit" : "trending now";
        break;
      case "popular": {
        // "now" / "lately" only when engaged with within the engine's recency window.
        const when = why.recent ? (why.segment && segmentName ? "lately" : "now") : "earlier";
        reason = why.segment && segmentName ? `popular with “${segmentName}” ${when}` : `popular ${when}`;
        break;
      }
      case "none":
        reason = why.recent ? "new, no engagement yet" : "no engagement yet";
        break;
    }
    return { postId, rank, score: r.score, reason, source: why.kind };
  }
}
