import winkNLP from "wink-nlp";
import model from "wink-eng-lite-web-model";

/**
 * The one wink-nlp instance, built once at start (loading the model costs ~80 ms and ~100 MB). The pipe
 * is what sentiment needs: sentence boundaries, negation and sentiment; the tokenizer gives token types
 * (word, emoji, emoticon, hashtag, mention, url, …), normals and stop-word flags without POS tagging,
 * which would cost ~40% more per text (../shared/STACK-NOTES.md, B3).
 */
export const nlpPipe = ["sbd", "negation", "sentiment"] as const;
export const nlp = winkNLP(model, [...nlpPipe]);
export const its = nlp.its;
export const as = nlp.as;

/** wink-nlp + model versions ("2.4.0+1.8.1"): stored scores are re-scored when either changes. */
export const winkVersion = `${require("wink-nlp/package.json").version}+${require("wink-eng-lite-web-model/package.json").version}`;
