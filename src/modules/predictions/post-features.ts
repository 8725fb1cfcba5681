import type { FeatureRow, FeatureSpec } from "../../ml/types";

/** What a post's features are built from: known before it is published, so drafts qualify too. */
export interface PostFacts {
  text: string;
  mediaType: string;
  category: string | null;
  paid: boolean;
  platform: string;
  /** Publication time (or, for a draft, the planned one); features use its UTC hour, weekday and month. */
  publishedAt: Date;
  hashtags: readonly string[];
  mentions: readonly string[];
  authorFollowers: number;
}

const pictograph = /\p{Extended_Pictographic}/u;
const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

/** Emoji as a reader counts them: one per grapheme cluster with a pictograph (🏃‍♀️ and 👍🏽 are one each). */
export function countEmoji(text: string): number {
  if (!pictograph.test(text)) return 0;
  let n = 0;
  for (const { segment } of graphemes.segment(text)) if (pictograph.test(segment)) n++;
  return n;
}
const urlPattern = /https?:\/\/\S+/;

/**
 * Named post feature builders. Each is pure and reads only facts known before publication, so a
 * model trained on published posts can score a draft. Hour and weekday are in UTC.
 */
const weekdayNames: Record<string, string> = { sun: "Sunday", mon: "Monday", tue: "Tuesday", wed: "Wednesday", thu: "Thursday", fri: "Friday", sat: "Saturday" };
const monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** `show`: how an explanation writes a value of the feature (the model's own value, for labels only). */
export const postFeatures: Record<string, { kind: FeatureSpec["kind"]; build: (p: PostFacts) => FeatureRow[string]; description: string; show?: (v: string | number) => string }> = {
  mediaType: { kind: "categorical", build: (p) => p.mediaType, description: "media type" },
  platform: { kind: "categorical", build: (p) => p.platform, description: "platform" },
  category: { kind: "categorical", build: (p) => p.category, description: "topic / category" },
  paid: { kind: "boolean", build: (p) => p.paid, description: "paid promotion" },
  hour: { kind: "numeric", build: (p) => p.publishedAt.getUTCHours(), description: "hour of publication", show: (v) => (Number.isInteger(v) ? `${String(v).padStart(2, "0")}:00 UTC` : `${v} h UTC`) },
  weekday: { kind: "categorical", build: (p) => ["sun", "mon", "tue", "wed", "thu", "fri", "sat"][p.publishedAt.getUTCDay()], description: "weekday of publication (UTC)", show: (v) => weekdayNames[String(v)] ?? String(v) },
  month: { kind: "numeric", build: (p) => p.publishedAt.getUTCMonth() + 1, description: "month of publication", show: (v) => monthNames[Number(v) - 1] ?? `month ${v}` },
  textLength: { kind: "numeric", build: (p) => p.text.length, description: "text length (characters)" },
  wordCount: { kind: "numeric", build: (p) => (p.text.trim() === "" ? 0 : p.text.trim().split(/\s+/).length), description: "number of words in the text" },
  hashtagCount: { kind: "numeric", build: (p) => p.hashtags.length, description: "number of hashtags" },
  mentionCount: { kind: "numeric", build: (p) => p.mentions.length, description: "number of mentions" },
  emojiCount: { kind: "numeric", build: (p) => countEmoji(p.text), description: "number of emoji" },
  hasLink: { kind: "boolean", build: (p) => urlPattern.test(p.text), description: "contains a link" },
  hasQuestion: { kind: "boolean", build: (p) => p.text.includes("?"), description: "asks a question" },
  authorFollowers: { kind: "numeric", build: (p) => p.authorFollowers, description: "author's followers" },
};

/** The feature row of a post for the given feature names (unknown names are a programming error: specs are validated at start). */
export function buildPostRow(post: PostFacts, names: readonly string[]): FeatureRow {
  const row: FeatureRow = {};
  for (const name of names) row[name] = postFeatures[name].build(post);
  return row;
}
