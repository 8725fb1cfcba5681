import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * VADER (Hutto & Gilbert 2014) as the `vader-sentiment` package (1.1.3, Apache-2.0, © Comcast) computes it, in one
 * pass without its per-call allocations. That package rebuilds a punctuation × word dictionary for every text and
 * copies its negation list for every word it checks; this port computes the same answers directly (the equality
 * with the package on every text of the shared corpora and on generated texts is a test,
 * `test/unit/vader.test.ts`). The package's lexicon file is read once; the package stays the reference.
 */

export interface VaderScores {
  neg: number;
  neu: number;
  pos: number;
  compound: number;
}

/** The package's word valences (−4…4), read once from its lexicon file. */
export const vaderLexicon: ReadonlyMap<string, number> = (() => {
  const file = path.join(path.dirname(require.resolve("vader-sentiment/package.json")), "vader_lexicon.txt");
  const lexicon = new Map<string, number>();
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const [word, valence] = line.split("\t");
    const v = Number(valence);
    if (word && Number.isFinite(v)) lexicon.set(word, v);
  }
  return lexicon;
})();

const B_INCR = 0.293;
const B_DECR = -0.293;
const C_INCR = 0.733;
/** VADER's factor for a valence inside a negation's scope. */
export const N_SCALAR = -0.74;

/** The package's punctuation class: every ASCII punctuation character. */
const PUNCTUATION = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');
const PUNC_LIST = new Set([".", "!", "?", ",", ";", ":", "-", "'", '"', "!!", "!!!", "??", "???", "?!?", "!?!", "?!?!", "!?!?"]);
const NEGATE = new Set([
  "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt", "ain't", "aren't", "can't", "couldn't",
  "daren't", "didn't", "doesn't", "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither", "don't",
  "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't", "neednt", "needn't", "never", "none", "nope", "nor",
  "not", "nothing", "nowhere", "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent", "oughtn't", "shan't",
  "shouldn't", "uh-uh", "wasn't", "weren't", "without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom",
  "despite",
]);
const BOOSTER_DICT: ReadonlyMap<string, number> = new Map([
  ...["absolutely", "amazingly", "awfully", "completely", "considerably", "decidedly", "deeply", "effing", "enormously",
    "entirely", "especially", "exceptionally", "extremely", "fabulously", "flipping", "flippin", "fricking", "frickin",
    "frigging", "friggin", "fully", "fucking", "greatly", "hella", "highly", "hugely", "incredibly", "intensely",
    "majorly", "more", "most", "particularly", "purely", "quite", "really", "remarkably", "so", "substantially",
    "thoroughly", "totally", "tremendously", "uber", "unbelievably", "unusually", "utterly", "very"].map((w) => [w, B_INCR] as const),
  ...["almost", "barely", "hardly", "just enough", "kind of", "kinda", "kindof", "kind-of", "less", "little", "marginally",
    "occasionally", "partly", "scarcely", "slightly", "somewhat", "sort of", "sorta", "sortof", "sort-of"].map((w) => [w, B_DECR] as const),
]);
const SPECIAL_CASE_IDIOMS: ReadonlyMap<string, number> = new Map([
  ["the shit", 3],
  ["the bomb", 3],
  ["bad ass", 1.5],
  ["yeah right", -2],
  ["cut the mustard", 2],
  ["kiss of death", -1.5],
  ["hand to mouth", -2],
]);

/** Python's `str.isupper` as the package reads it: some A–Z and no a–z. */
function isUpper(word: string): boolean {
  return /^[^a-z]*[A-Z]+[^a-z]*$/.test(word);
}

/** The package's `negated([word])`: a negation word, or a word containing "n't" (case-sensitive). */
function negatedWord(word: string | undefined): boolean {
  return word !== undefined && (NEGATE.has(word) || word.includes("n't"));
}

/**
 * The package's tokens: whitespace-separated, longer than one character, and a token that is one of its
 * punctuation marks plus a punctuation-free word of two or more characters (either order) becomes the word.
 */
export function vaderTokens(text: string): string[] {
  const out: string[] = [];
  for (const token of text.split(/\s/)) {
    if (token.length <= 1) continue;
    out.push(stripPunctuation(token));
  }
  return out;
}

function stripPunctuation(token: string): string {
  let start = 0;
  while (start < token.length && PUNCTUATION.has(token[start])) start++;
  let end = token.length;
  while (end > start && PUNCTUATION.has(token[end - 1])) end--;
  if (start > 0 && end < token.length) return token; // punctuation on both sides: kept as it is
  if (start === 0 && end === token.length) return token;
  const word = token.slice(start, end);
  if (word.length <= 1) return token;
  for (let i = 0; i < word.length; i++) if (PUNCTUATION.has(word[i])) return token;
  const mark = start > 0 ? token.slice(0, start) : token.slice(end);
  return PUNC_LIST.has(mark) ? word : token;
}

function scalarIncDec(word: string, valence: number, isCapDiff: boolean): number {
  const boost = BOOSTER_DICT.get(word.toLowerCase());
  if (boost === undefined) return 0;
  let scalar = valence < 0 ? -boost : boost;
  if (isCapDiff && isUpper(word)) scalar += valence > 0 ? C_INCR : -C_INCR;
  return scalar;
}

function neverCheck(valence: number, words: string[], startI: number, index: number): number {
  if (startI === 0) {
    if (negatedWord(words[index - 1])) valence *= N_SCALAR;
  } else if (startI === 1) {
    if (words[index - 2] === "never" && (words[index - 1] === "so" || words[index - 1] === "this")) valence *= 1.5;
    else if (negatedWord(words[index - 2])) valence *= N_SCALAR;
  } else {
    if ((words[index - 3] === "never" && (words[index - 2] === "so" || words[index - 2] === "this")) || words[index - 1] === "so" || words[index - 1] === "this") {
      valence *= 1.25;
    } else if (negatedWord(words[index - 3])) valence *= N_SCALAR;
  }
  return valence;
}

function idiomsCheck(valence: number, words: string[], index: number): number {
  const w = (i: number) => `${words[i]}`; // the package interpolates `undefined` as such
  const onezero = `${w(index - 1)} ${w(index)}`;
  const twoonezero = `${w(index - 2)} ${w(index - 1)} ${w(index)}`;
  const twoone = `${w(index - 2)} ${w(index - 1)}`;
  const threetwoone = `${w(index - 3)} ${w(index - 2)} ${w(index - 1)}`;
  const threetwo = `${w(index - 3)} ${w(index - 2)}`;
  for (const sequence of [onezero, twoonezero, twoone, threetwoone, threetwo]) {
    const v = SPECIAL_CASE_IDIOMS.get(sequence);
    if (v !== undefined) {
      valence = v;
      break;
    }
  }
  if (words.length - 1 > index) {
    const v = SPECIAL_CASE_IDIOMS.get(`${words[index]} ${words[index + 1]}`);
    if (v !== undefined) valence = v;
  }
  if (words.length - 1 > index + 1) {
    const v = SPECIAL_CASE_IDIOMS.get(`${words[index]} ${words[index + 1]} ${words[index + 2]}`);
    if (v !== undefined) valence = v;
  }
  if (BOOSTER_DICT.has(threetwo) || BOOSTER_DICT.has(twoone)) valence = valence + B_DECR;
  return valence;
}

function leastCheck(valence: number, words: string[], index: number): number {
  if (index > 1 && words[index - 1].toLowerCase() === "least" && !vaderLexicon.has("least")) {
    const before = words[index - 2].toLowerCase();
    if (before !== "at" && before !== "very") valence *= N_SCALAR;
  } else if (index > 0 && words[index - 1].toLowerCase() === "least" && !vaderLexicon.has("least")) {
    valence *= N_SCALAR;
  }
  return valence;
}

function sentimentValence(words: string[], lower: string[], index: number, isCapDiff: boolean): number {
  const item = words[index];
  let valence = vaderLexicon.get(lower[index]);
  if (valence === undefined) return 0;
  if (isCapDiff && isUpper(item)) valence += valence > 0 ? C_INCR : -C_INCR;
  for (let startI = 0; startI < 3; startI++) {
    if (index > startI && !vaderLexicon.has(lower[index - (startI + 1)])) {
      let s = scalarIncDec(words[index - (startI + 1)], valence, isCapDiff);
      if (startI === 1 && s !== 0) s = s * 0.95;
      else if (startI === 2 && s !== 0) s = s * 0.9;
      valence = valence + s;
      valence = neverCheck(valence, words, startI, index);
      if (startI === 2) valence = idiomsCheck(valence, words, index);
    }
  }
  return leastCheck(valence, words, index);
}

function normalize(score: number, alpha = 15): number {
  const x = score / Math.sqrt(score * score + alpha);
  return x < -1 ? -1 : x > 1 ? 1 : x;
}

function count(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

/** VADER's scores of one text, equal to `vader-sentiment`'s `polarity_scores(text)`. */
export function vaderScores(text: string): VaderScores {
  const words = vaderTokens(text);
  const lower = words.map((w) => w.toLowerCase());
  let caps = 0;
  for (const w of words) if (isUpper(w)) caps++;
  const isCapDiff = words.length - caps > 0 && words.length - caps < words.length;
  const sentiments: number[] = [];
  for (let i = 0; i < words.length; i++) {
    if ((i < words.length - 1 && lower[i] === "kind" && lower[i + 1] === "of") || BOOSTER_DICT.has(lower[i])) {
      sentiments.push(0);
      continue;
    }
    sentiments.push(sentimentValence(words, lower, i, isCapDiff));
  }
  // "but": what comes before it is halved, what comes after it is weighted 1.5.
  let but = words.indexOf("but");
  if (but === -1) but = words.indexOf("BUT");
  if (but !== -1) {
    for (let i = 0; i < sentiments.length; i++) {
      if (i < but) sentiments[i] = sentiments[i] * 0.5;
      else if (i > but) sentiments[i] = sentiments[i] * 1.5;
    }
  }
  if (sentiments.length === 0) return { neg: 0, neu: 0, pos: 0, compound: 0 };
  let sum = 0;
  for (const s of sentiments) sum += s;
  const exclamations = Math.min(count(text, "!"), 4);
  const questions = count(text, "?");
  const amplifier = exclamations * 0.292 + (questions > 1 ? (questions <= 3 ? questions * 0.18 : 0.96) : 0);
  if (sum > 0) sum += amplifier;
  else if (sum < 0) sum -= amplifier;
  const compound = normalize(sum);
  let posSum = 0;
  let negSum = 0;
  let neutral = 0;
  for (const s of sentiments) {
    if (s > 0) posSum += s + 1;
    else if (s < 0) negSum += s - 1;
    else neutral += 1;
  }
  if (posSum > Math.abs(negSum)) posSum += amplifier;
  else if (posSum < Math.abs(negSum)) negSum -= amplifier;
  const total = posSum + Math.abs(negSum) + neutral;
  return {
    neg: parseFloat(Math.abs(negSum / total).toFixed(3)),
    neu: parseFloat(Math.abs(neutral / total).toFixed(3)),
    pos: parseFloat(Math.abs(posSum / total).toFixed(3)),
    compound: parseFloat(compound.toFixed(4)),
  };
}
