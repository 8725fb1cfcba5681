import { cleanText } from "./text";
import { its, nlp, winkVersion } from "./nlp";

/**
 * The lexicon analyser: one wink-nlp pass over a text gives its sentiment (wink's lexicon with emoji,
 * emoticons and negation), per-sentence scores, and the text's parts (hashtags, mentions, URLs, emoji,
 * emoticons, keywords). Pure: no database, so the server, the worker threads and the evaluation CLI
 * score a text the same way.
 */

export type SentimentLabel = "negative" | "neutral" | "positive";
export const sentimentLabels: readonly SentimentLabel[] = ["negative", "neutral", "positive"];

/** Texts are cut here before analysis (and the result says so): a post or comment is far shorter. */
export const maxTextChars = 10_000;
/** |score| below this is neutral: the band the VADER gold labels use. */
export const neutralBand = 0.05;
const maxKeywords = 8;

/** What the lexicon analyser is, stored with every score; a change of either part means re-scoring. */
export const lexiconAnalyzer = { name: "lexicon", version: `${winkVersion}+r1` } as const;

export interface SentimentAnalysis {
  /** In [-1, 1]. */
  score: number;
  label: SentimentLabel;
  sentences: { text: string; score: number }[];
  words: number;
  /** Tokens inside a negation's scope. */
  negations: number;
  emoji: string[];
  emoticons: string[];
  hashtags: string[];
  mentions: string[];
  urls: string[];
  /** The most frequent content words (normalised, stop words removed). */
  keywords: string[];
  /** "other" when the text looks like another language (the lexicon is English: expect a neutral score). */
  language: "en" | "other";
  /** The text was longer than `maxTextChars` and only its start was analysed. */
  truncated: boolean;
  /** Brand vocabulary rules that matched, by phrase. */
  rulesApplied: string[];
}

export function labelOf(score: number): SentimentLabel {
  if (score >= neutralBand) return "positive";
  if (score <= -neutralBand) return "negative";
  return "neutral";
}

// ── Brand vocabulary ─────────────────────────────────────────────────────────────────────────────

/** A brand's word or phrase with the polarity it has for that brand ("sick" → +0.8 for a skate brand). */
export interface VocabularyRule {
  phrase: string;
  /** In [-1, 1]; 0 makes the phrase neutral. */
  polarity: number;
}

/**
 * Lexicon words by the score wink gives each alone. A rule rewrites its phrase to the word nearest its
 * polarity before scoring, so wink's negation and sentence rules still apply to it ("not sick" → "not
 * good" → negative), and the rest of the text keeps its own words.
 */
const ladder: readonly [string, number][] = [
  ["outstanding", 1],
  ["superb", 0.938],
  ["nice", 0.825],
  ["good", 0.776],
  ["pleasant", 0.75],
  ["helpful", 0.625],
  ["great", 0.6],
  ["decent", 0.563],
  ["fine", 0.4],
  ["easy", 0.292],
  ["cool", 0.2],
  ["thing", 0],
  ["broken", -0.2],
  ["wrong", -0.25],
  ["sad", -0.292],
  ["poor", -0.4],
  ["bad", -0.6],
  ["hate", -0.688],
  ["disappointing", -0.8],
  ["horrible", -1],
];

function ladderWord(polarity: number): string {
  let best = ladder[0];
  for (const step of ladder) if (Math.abs(step[1] - polarity) < Math.abs(best[1] - polarity)) best = step;
  return best[0];
}

export interface CompiledRules {
  readonly pattern: RegExp;
  readonly replacement: ReadonlyMap<string, { phrase: string; word: string }>;
  readonly size: number;
}

/** Normalises a rule's phrase: trimmed, lower-cased, inner whitespace collapsed. */
export function normalizePhrase(phrase: string): string {
  return phrase.normalize("NFC").trim().toLowerCase().replace(/\s+/g, " ");
}

/** Checks and compiles rules once; longer phrases win over their parts. */
export function compileRules(rules: readonly VocabularyRule[]): CompiledRules | null {
  if (rules.length === 0) return null;
  const replacement = new Map<string, { phrase: string; word: string }>();
  for (const rule of rules) {
    const phrase = normalizePhrase(rule.phrase);
    if (!phrase) throw new Error("expected a non-empty phrase");
    if (!Number.isFinite(rule.polarity) || rule.polarity < -1 || rule.polarity > 1) throw new Error(`expected a polarity in [-1, 1] for "${phrase}", found ${rule.polarity}`);
    replacement.set(phrase, { phrase, word: ladderWord(rule.polarity) });
  }
  const alternatives = [...replacement.keys()].sort((a, b) => b.length - a.length).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+"));
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_#@])(?:${alternatives.join("|")})(?![\\p{L}\\p{N}_])`, "giu");
  return { pattern, replacement, size: replacement.size };
}

/** The text with every rule phrase replaced by its lexicon word, and the phrases that matched (also what the learned model reads). */
export function rewrite(text: string, rules: CompiledRules): { text: string; matched: string[] } {
  const matched = new Set<string>();
  const out = text.replace(rules.pattern, (m) => {
    const hit = rules.replacement.get(m.toLowerCase().replace(/\s+/g, " "));
    if (!hit) return m;
    matched.add(hit.phrase);
    return hit.word;
  });
  return { text: out, matched: [...matched] };
}

// ── Analysis ─────────────────────────────────────────────────────────────────────────────────────

const nonLatinLetter = /(?!\p{Script=Latin})\p{L}/u;
const nonLatinLetters = /(?!\p{Script=Latin})\p{L}/gu;
const anyLetter = /\p{L}/gu;

/** Most letters outside the Latin script (tested first without building arrays: most texts have none). */
function mostlyNonLatin(text: string): boolean {
  if (!nonLatinLetter.test(text)) return false;
  const letters = text.match(anyLetter)?.length ?? 0;
  return (text.match(nonLatinLetters)?.length ?? 0) > letters / 2;
}

function looksEnglish(text: string, words: number, stopWords: number, score: number): boolean {
  if (mostlyNonLatin(text)) return false;
  // English prose is ~40% stop words; a Latin-script text of 5+ words with almost none, and no sentiment, is likely not English.
  return !(words >= 5 && stopWords / words < 0.15 && score === 0);
}

function clamp(x: number): number {
  return x > 1 ? 1 : x < -1 ? -1 : x;
}

/** The text as analysed (here and by the learned model): cleaned, cut at `maxTextChars` (at a word boundary when one is near). */
export function prepare(input: unknown): { text: string; truncated: boolean } {
  let text = cleanText(typeof input === "string" ? input : "");
  let truncated = false;
  if (text.length > maxTextChars) {
    const cut = text.lastIndexOf(" ", maxTextChars);
    text = text.slice(0, cut > maxTextChars - 200 ? cut : maxTextChars);
    truncated = true;
  }
  return { text, truncated };
}

/** The document and sentence scores, with the brand rules applied (a second pass only when one matches). */
function scores(doc: ReturnType<typeof nlp.readDoc>, text: string, rules: CompiledRules | null): { score: number; sentences: number[]; rulesApplied: string[] } {
  let score = doc.out(its.sentiment) as unknown as number;
  let sentences = doc.sentences().out(its.sentiment) as unknown as number[];
  let rulesApplied: string[] = [];
  if (rules) {
    const rewritten = rewrite(text, rules);
    if (rewritten.matched.length > 0) {
      rulesApplied = rewritten.matched;
      const ruled = nlp.readDoc(rewritten.text);
      score = ruled.out(its.sentiment) as unknown as number;
      const ruledSentences = ruled.sentences().out(its.sentiment) as unknown as number[];
      if (ruledSentences.length === sentences.length) sentences = ruledSentences;
    }
  }
  return { score: clamp(Number.isFinite(score) ? score : 0), sentences: sentences.map((x) => clamp(Number.isFinite(x) ? x : 0)), rulesApplied };
}

/** What ingest stores for a text: the scores, the language guess and the rules that applied. */
export interface SentimentScoreResult {
  score: number;
  label: SentimentLabel;
  sentenceScores: number[];
  language: "en" | "other";
  truncated: boolean;
  rulesApplied: string[];
}

/**
 * The ingest path: wink's document and sentence scores and nothing else unless needed. The language
 * guess reads token types and stop words only for a text the lexicon found nothing in (a text with
 * English sentiment words is taken as English), so scoring every post and comment costs little more
 * than wink's own sentiment call (see `npm run bench -- --only sentiment`).
 */
export function scoreSentiment(input: string, rules: CompiledRules | null = null): SentimentScoreResult {
  const { text, truncated } = prepare(input);
  if (text.length === 0) return { score: 0, label: "neutral", sentenceScores: [], language: "en", truncated, rulesApplied: [] };
  const doc = nlp.readDoc(text);
  const r = scores(doc, text, rules);
  let language: "en" | "other" = "en";
  if (mostlyNonLatin(text)) language = "other";
  else if (r.score === 0) {
    const tokens = doc.tokens();
    const types = tokens.out(its.type) as string[];
    const stops = tokens.out(its.stopWordFlag) as unknown as boolean[];
    let words = 0;
    let stopWords = 0;
    for (let i = 0; i < types.length; i++) {
      if (types[i] !== "word") continue;
      words++;
      if (stops[i]) stopWords++;
    }
    if (!looksEnglish(text, words, stopWords, 0)) language = "other";
  }
  return { score: r.score, label: labelOf(r.score), sentenceScores: r.sentences, language, truncated, rulesApplied: r.rulesApplied };
}

/**
 * Scores one text and takes it apart (for `analyzeText`). Never throws on text: empty or blank text is
 * neutral with no parts; text longer than `maxTextChars` is cut and flagged; other languages get the
 * lexicon's answer (usually neutral) and `language: "other"`.
 */
export function analyzeSentiment(input: string, rules: CompiledRules | null = null): SentimentAnalysis {
  const { text, truncated } = prepare(input);
  const doc = nlp.readDoc(text);
  const tokens = doc.tokens();
  const types = tokens.out(its.type) as string[];
  const normals = tokens.out(its.normal) as string[];
  const stops = tokens.out(its.stopWordFlag) as unknown as boolean[];
  const negated = tokens.out(its.negationFlag) as unknown as boolean[];

  let words = 0;
  let stopWords = 0;
  let negations = 0;
  const emoji: string[] = [];
  const emoticons: string[] = [];
  const hashtags: string[] = [];
  const mentions: string[] = [];
  const urls: string[] = [];
  const counts = new Map<string, number>();
  for (let i = 0; i < types.length; i++) {
    const type = types[i];
    if (negated[i]) negations++;
    switch (type) {
      case "word": {
        words++;
        if (stops[i]) {
          stopWords++;
          break;
        }
        const w = normals[i];
        if (w.length >= 3 && /\p{L}/u.test(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
        break;
      }
      case "emoji":
        emoji.push(normals[i]);
        break;
      case "emoticon":
        emoticons.push(normals[i]);
        break;
      case "hashtag":
        hashtags.push(normals[i].slice(1));
        break;
      case "mention":
        mentions.push(normals[i].slice(1));
        break;
      case "url":
        urls.push(normals[i]);
        break;
    }
  }
  const keywords = [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, maxKeywords)
    .map(([w]) => w);
  const r = scores(doc, text, rules);
  const sentenceTexts = text.length === 0 ? [] : (doc.sentences().out() as string[]);
  return {
    score: r.score,
    label: labelOf(r.score),
    sentences: sentenceTexts.map((s, i) => ({ text: s, score: r.sentences[i] ?? 0 })),
    words,
    negations,
    emoji,
    emoticons,
    hashtags: [...new Set(hashtags)],
    mentions: [...new Set(mentions)],
    urls,
    keywords,
    language: text.length === 0 || looksEnglish(text, words, stopWords, r.score) ? "en" : "other",
    truncated,
    rulesApplied: r.rulesApplied,
  };
}
