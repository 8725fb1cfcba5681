import type { SentimentLabel } from "../sentiment";
import { cleanText } from "../text";

/** What `decideSentiment` needs of a learned prediction (`SentimentPrediction` has it). */
export interface LearnedAnswer {
  score: number;
  label: SentimentLabel;
  /** The share of the text's words (wink's "word" and "unk" tokens) the model has a word feature for; 1 for a text without words. */
  knownWords: number;
}

/**
 * Why a text keeps the lexicon's answer although a learned version is active: it is empty, or the lexicon
 * takes it for another language and the model knows fewer than `minKnownWords` of its words (the model
 * learned English; the lexicon then says what little it can, usually neutral).
 */
export type LearnedFallback = "EMPTY" | "OTHER_LANGUAGE";

/**
 * A text the language guess calls "other" is still the model's when the model knows at least this share of
 * its words: such texts are often English tweets quoting a foreign phrase ("I favorited a YouTube video --
 * El Ultimo de la Fila"), which the model reads better than the lexicon (on VADER's tweets, 10-fold, the
 * model is right on all 5 flagged texts and the lexicon on 3; on TweetEval's test tweets both on 6 of 10;
 * the texts below a third are right either way). Wholly foreign texts mostly fall below it: a model trained
 * on the tweets knows none of the words of "Das ist sehr gut", "Este producto es excelente" or "Ce produit
 * est nul" and a fifth of "Het is een slecht product"; one trained on UCI's reviews knows none of the first
 * three and 0.4 of the Dutch one. A foreign text that shares a few words with the training texts stays the
 * model's (the tweets' model knows 2 of the 6 words of "Das war schlecht, ich bin enttäuscht").
 */
export const minKnownWords = 1 / 3;

export function learnedFallback(text: string, lexicon: { language: string }, prediction: { knownWords: number }): LearnedFallback | null {
  if (cleanText(text).length === 0) return "EMPTY";
  if (lexicon.language === "other" && prediction.knownWords < minKnownWords) return "OTHER_LANGUAGE";
  return null;
}

/** The answer a learned version gives: the model's, or the lexicon's where `learnedFallback` says so. The server, the evaluation CLI and the training holdout all decide here. */
export function decideSentiment(
  text: string,
  lexicon: { score: number; label: SentimentLabel; language: string },
  prediction: LearnedAnswer,
): { score: number; label: SentimentLabel; fallback: LearnedFallback | null } {
  const fallback = learnedFallback(text, lexicon, prediction);
  const decided = fallback ? lexicon : prediction;
  return { score: decided.score, label: decided.label, fallback };
}
