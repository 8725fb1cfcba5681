import { recordMutation } from "./graphql";

/** A small seeded PRNG (mulberry32): the batches are the same from run to run, except their external ids. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Roughly the mix of a social feed: mostly views, then likes, clicks, comments, shares, a few conversions. */
const typeMix: Array<[type: string, weight: number]> = [
  ["VIEW", 60],
  ["LIKE", 20],
  ["CLICK", 8],
  ["COMMENT", 5],
  ["SHARE", 5],
  ["CONVERSION", 2],
];

const comments = ["love this 😍 #bench", "not sure about this one", "great post, thanks!", "meh :(", "where can I buy it?"];

export interface BatchOptions {
  /** Rows per request. */
  size: number;
  /**
   * "uniform": users, posts (among those given) and times (over the last 30 days) drawn uniformly — the
   * worst case for the indexes. "stream": what a live feed sends — events in time order within the
   * last hour, on the newest 200 posts with a heavy-tailed popularity, by users drawn uniformly.
   */
  mode?: "uniform" | "stream";
  /** Distinct (user, post, type, time) layouts cycled through; only the external ids change per request. */
  layouts?: number;
  seed?: number;
}

/**
 * Request bodies for `recordInteractions`, each a batch of `size` new interactions with external ids
 * never used before (so every row of every request is really written). The rows' users, posts, types
 * and times come from a few precomputed layouts, so building a body costs one string join in the
 * load generator.
 */
export class BatchFactory {
  private readonly head = `{"query":${JSON.stringify(recordMutation)},"variables":{"batch":[`;
  private readonly layouts: string[][];
  private sequence = 0;

  constructor(userIds: readonly string[], postIds: readonly string[], options: BatchOptions) {
    if (userIds.length === 0 || postIds.length === 0) throw new Error("expected users and posts to build interaction batches from");
    const random = mulberry32(options.seed ?? 7);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
    const total = typeMix.reduce((s, [, w]) => s + w, 0);
    const pickType = () => {
      let r = random() * total;
      for (const [type, w] of typeMix) if ((r -= w) < 0) return type;
      return typeMix[0][0];
    };
    const now = Date.now();
    const stream = options.mode === "stream";
    // Post ids come newest first; a stream's posts are the newest 200, the k-th drawn ∝ 1/(k+1).
    const recent = postIds.slice(0, 200);
    const pickRecent = () => recent[Math.min(recent.length - 1, Math.floor(Math.pow(recent.length + 1, random()) - 1))];
    const layouts = options.layouts ?? 8;
    this.layouts = Array.from({ length: layouts }, (_, l) =>
      Array.from({ length: options.size }, (_, i) => {
        const type = pickType();
        const at = new Date(stream ? now - 3_600_000 + ((l * options.size + i) * 3_600_000) / (layouts * options.size) : now - Math.floor(random() * 30 * 86_400_000)).toISOString();
        const extra = type === "COMMENT" ? `,"text":${JSON.stringify(pick(comments))}` : type === "CONVERSION" ? `,"value":${(random() * 100).toFixed(2)}` : "";
        // Everything after the external id's value: the id itself is written per request.
        return `","userId":"${pick(userIds)}","postId":"${stream ? pickRecent() : pick(postIds)}","type":"${type}","occurredAt":"${at}"${extra}}`;
      }),
    );
  }

  /** Bodies built so far (an upper bound of the batches sent). */
  get built(): number {
    return this.sequence;
  }

  /** The next body; `prefix` makes its external ids unique to this run and phase. */
  next(prefix: string): string {
    const n = this.sequence++;
    const layout = this.layouts[n % this.layouts.length];
    const idPrefix = `{"externalId":"${prefix}-${n}-`;
    const parts = new Array<string>(layout.length);
    for (let i = 0; i < layout.length; i++) parts[i] = idPrefix + i + layout[i];
    return `${this.head}${parts.join(",")}]}}`;
  }
}
