import path from "node:path";
import { parseArgs } from "node:util";
import { consoleProgress } from "../lib/progress";
import { stratifiedKFold } from "../ml/cross-validation";
import { accuracy, macroF1, macroRecall, pearson } from "../ml/multiclass-metrics";
import { createRng, shuffled } from "../ml/random";
import { trainSentimentModel, type CandidateResult, type MetricOption, type SentimentExample, type SentimentModel } from "../nlp/learned-sentiment";
import { decideSentiment } from "../nlp/learned/decide";
import { analyzeSentiment, type SentimentAnalysis, type SentimentLabel } from "../nlp/sentiment";
import { readSentimentTsv } from "../nlp/sentiment-tsv";

/**
 * `npm run eval -- sentiment --test <tsv>... [--train <tsv>...]` and
 * `npm run eval -- sentiment --train <tsv>... --split 0.5 [--extra-train <tsv>...] [--seed 42] [--repeats 3]` and
 * `npm run eval -- sentiment --train <tsv>... --cv 10 [--extra-train <tsv>...] [--seed 42] [--repeats 2]`.
 *
 * Scores every test file with the lexicon analyser (`analyzeSentiment`, wink-nlp) and, when there is
 * training data, with the learned model trained on it (`trainSentimentModel`, whose cross-validation
 * chooses its own hyper-parameters on the training part only). With --split, each --train file is cut
 * per label (stratified, seeded) into a held-out part of that fraction, reported under the file's name,
 * and a training part; --extra-train files are trained on whole. With --cv k, each --train file is cut per
 * label into k folds and every row is predicted once by a model trained on the other folds of every file
 * (see `runCrossFitted`): the closest estimate of training on a whole file and testing on as much again. Progress goes to stderr; the last line
 * of stdout is one JSON object:
 * `{"task":"sentiment","results":[{"file","model":"lexicon"|"learned","n","accuracy","macroF1","macroRecall","pearson"}…],…}`.
 *
 * A 2-class gold file (no neutral row, e.g. UCI) is scored on its two classes: a "neutral" prediction
 * counts as the sign of the predicted score (≥ 0 → positive). Pearson r is against the gold score where
 * the file has one (VADER sets), else null. With --repeats, metrics are means over the splits (seeds
 * seed, seed + 1, …) and each split is listed under `runs`.
 */

export const sentimentUsage = `usage:
  npm run eval -- sentiment --test <tsv>… [--train <tsv>…]
  npm run eval -- sentiment --train <tsv>… --split <held-out fraction> [--extra-train <tsv>…] [--seed 42] [--repeats 1]
  npm run eval -- sentiment --train <tsv>… --cv <k> [--extra-train <tsv>…] [--seed 42] [--repeats 1]
options: --metric auto|accuracy|macroF1|macroRecall (the learned model's CV selection; default auto)  --folds 3  --no-embeddings
files are label<TAB>score<TAB>text with a header (../shared/data/sentiment/README.md); a file option takes one or more
files, separated by spaces or commas, or repeats (--test a.tsv b.tsv = --test a.tsv,b.tsv = --test a.tsv --test b.tsv)`;

interface TestSet {
  file: string;
  examples: SentimentExample[];
  binary: boolean;
}

export interface SentimentResultRow {
  file: string;
  model: "lexicon" | "learned";
  n: number;
  accuracy: number;
  macroF1: number;
  macroRecall: number;
  pearson: number | null;
  runs?: Omit<SentimentResultRow, "file" | "model" | "runs">[];
}

function list(values: string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
}

function load(file: string): SentimentExample[] {
  const examples = readSentimentTsv(file);
  if (examples.length === 0) throw new Error(`expected labelled rows in ${file}, found none`);
  return examples;
}

/** Splits one file's rows per label: `fraction` of each label (at least one when it has two or more) held out. */
export function stratifiedSplit<T extends { label: string }>(rows: T[], fraction: number, seed: number): { train: T[]; test: T[] } {
  const byLabel = new Map<string, number[]>();
  rows.forEach((r, i) => byLabel.set(r.label, [...(byLabel.get(r.label) ?? []), i]));
  const rng = createRng(seed);
  const testIdx = new Set<number>();
  for (const label of [...byLabel.keys()].sort()) {
    const idx = shuffled(byLabel.get(label)!, rng);
    let take = Math.round(idx.length * fraction);
    if (idx.length >= 2) take = Math.min(Math.max(take, 1), idx.length - 1);
    for (const i of idx.slice(0, take)) testIdx.add(i);
  }
  return { train: rows.filter((_, i) => !testIdx.has(i)), test: rows.filter((_, i) => testIdx.has(i)) };
}

/**
 * Fold index (0…k−1) of every row, from the project's `stratifiedKFold` over the labels (sorted by name):
 * per label, shuffled (seeded) and dealt round-robin, so each fold holds ~1/k of every label.
 */
export function stratifiedFolds<T extends { label: string }>(rows: T[], k: number, seed: number): number[] {
  if (!(Number.isInteger(k) && k >= 2)) throw new Error(`stratifiedFolds: expected k ≥ 2, found ${k}`);
  const labels = [...new Set(rows.map((r) => r.label))].sort();
  const fold = new Array<number>(rows.length).fill(0);
  stratifiedKFold(
    rows.map((r) => labels.indexOf(r.label)),
    { folds: k, seed },
  ).forEach((f, i) => f.test.forEach((r) => (fold[r] = i)));
  return fold;
}

/** A predicted label as the gold file's classes understand it (no neutral in a 2-class file: the score's sign). */
export function toGoldClasses(label: SentimentLabel, score: number, binary: boolean): SentimentLabel {
  if (binary && label === "neutral") return score >= 0 ? "positive" : "negative";
  return label;
}

function metrics(set: TestSet, predictions: { label: SentimentLabel; score: number }[]): Omit<SentimentResultRow, "file" | "model" | "runs"> {
  const gold = set.examples.map((e) => e.label);
  const predicted = predictions.map((p) => toGoldClasses(p.label, p.score, set.binary));
  const scored = set.examples.every((e) => typeof e.score === "number");
  const r = scored ? pearson(set.examples.map((e) => e.score as number), predictions.map((p) => p.score)) : null;
  const round = (x: number) => Math.round(x * 10000) / 10000;
  return {
    n: gold.length,
    accuracy: round(accuracy(gold, predicted)),
    macroF1: round(macroF1(gold, predicted)),
    macroRecall: round(macroRecall(gold, predicted)),
    pearson: r === null || Number.isNaN(r) ? null : round(r),
  };
}

interface Run {
  seed: number;
  rows: SentimentResultRow[];
  training: { n: number; seconds: number; chosen: Record<string, unknown>; candidates: CandidateResult[]; predictionsPerSecond: number } | null;
}

interface Trained {
  model: SentimentModel;
  info: Omit<NonNullable<Run["training"]>, "predictionsPerSecond">;
}

/** Trains the learned model on `train` with progress on stderr. */
function trainOnce(train: SentimentExample[], seed: number, options: { metric: MetricOption; folds: number; embeddings: boolean }, label = ""): Trained {
  process.stderr.write(`learned: training on ${train.length} texts (seed ${seed}${label})\n`);
  const progress = consoleProgress();
  let stage = "";
  const started = performance.now();
  const { model, crossValidation } = trainSentimentModel(train, {
    seed,
    folds: options.folds,
    metric: options.metric,
    embeddings: options.embeddings,
    onProgress: (fraction, s) => {
      if (s !== stage) {
        if (stage) progress.stop();
        stage = s;
        progress.start(s, 100);
      }
      progress.update(Math.round(fraction * 100));
    },
  });
  progress.stop();
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write(`learned: chose ${JSON.stringify(crossValidation.chosen)} in ${seconds.toFixed(1)} s\n`);
  return { model, info: { n: train.length, seconds: Math.round(seconds * 10) / 10, chosen: crossValidation.chosen, candidates: crossValidation.candidates } };
}

/** The lexicon's answers for every text of every set (also what a learned version falls back to). */
function lexiconOf(tests: TestSet[]): SentimentAnalysis[][] {
  return tests.map((set) => {
    process.stderr.write(`lexicon: scoring ${set.examples.length} texts of ${set.file}\n`);
    return set.examples.map((e) => analyzeSentiment(e.text));
  });
}

function lexiconRows(tests: TestSet[], lexicon: SentimentAnalysis[][]): SentimentResultRow[] {
  return tests.map((set, i) => ({ file: set.file, model: "lexicon" as const, ...metrics(set, lexicon[i]) }));
}

function runOnce(tests: TestSet[], train: SentimentExample[], seed: number, options: { metric: MetricOption; folds: number; embeddings: boolean }): Run {
  const lexicon = lexiconOf(tests);
  const rows = lexiconRows(tests, lexicon);
  if (train.length === 0) return { seed, rows, training: null };
  const { model, info } = trainOnce(train, seed, options);
  let predicted = 0;
  const predictStarted = performance.now();
  tests.forEach((set, i) => {
    const predictions = model.predict(set.examples.map((e) => e.text));
    predicted += predictions.length;
    rows.push({ file: set.file, model: "learned", ...metrics(set, predictions.map((p, r) => decideSentiment(set.examples[r].text, lexicon[i][r], p))) });
  });
  const predictSeconds = (performance.now() - predictStarted) / 1000;
  return { seed, rows, training: { ...info, predictionsPerSecond: Math.round(predicted / Math.max(predictSeconds, 1e-9)) } };
}

/**
 * K-fold cross-fitting: every --train file is cut per label into `k` folds (seeded); for each fold a model
 * is trained on the other folds of every file (plus the extra files) and predicts that fold, so every row
 * is predicted once by a model that never saw it, trained on (k − 1)/k of the data. Metrics are on the
 * pooled predictions per file: the estimate closest to "train on all of this, test on as much again".
 */
function runCrossFitted(sets: TestSet[], extra: SentimentExample[], k: number, seed: number, options: { metric: MetricOption; folds: number; embeddings: boolean }): Run {
  const lexicon = lexiconOf(sets);
  const rows = lexiconRows(sets, lexicon);
  const assignment = sets.map((s) => stratifiedFolds(s.examples, k, seed));
  const pooled = sets.map((s) => new Array<{ label: SentimentLabel; score: number }>(s.examples.length));
  let trainedOn = 0;
  let seconds = 0;
  let predictSeconds = 0;
  const chosen: Record<string, unknown>[] = [];
  for (let f = 0; f < k; f++) {
    const train = [...sets.flatMap((s, i) => s.examples.filter((_, r) => assignment[i][r] !== f)), ...extra];
    const { model, info } = trainOnce(train, seed, options, `, fold ${f + 1} of ${k}`);
    trainedOn += info.n;
    seconds += info.seconds;
    chosen.push(info.chosen);
    const predictStarted = performance.now();
    sets.forEach((s, i) => {
      const at = s.examples.map((_, r) => r).filter((r) => assignment[i][r] === f);
      const predictions = model.predict(at.map((r) => s.examples[r].text));
      at.forEach((r, j) => (pooled[i][r] = decideSentiment(s.examples[r].text, lexicon[i][r], predictions[j])));
    });
    predictSeconds += (performance.now() - predictStarted) / 1000;
  }
  const predicted = sets.reduce((n, s) => n + s.examples.length, 0);
  sets.forEach((s, i) => rows.push({ file: s.file, model: "learned", ...metrics(s, pooled[i]) }));
  return {
    seed,
    rows,
    training: {
      n: Math.round(trainedOn / k),
      seconds: Math.round(seconds * 10) / 10,
      chosen: { perFold: chosen },
      candidates: [],
      predictionsPerSecond: Math.round(predicted / Math.max(predictSeconds, 1e-9)),
    },
  };
}

function meanRows(runs: Run[]): SentimentResultRow[] {
  if (runs.length === 1) return runs[0].rows;
  return runs[0].rows.map((row, i) => {
    const all = runs.map((r) => r.rows[i]);
    const mean = (k: "accuracy" | "macroF1" | "macroRecall") => Math.round((all.reduce((s, r) => s + r[k], 0) / all.length) * 10000) / 10000;
    const rs = all.map((r) => r.pearson);
    return {
      file: row.file,
      model: row.model,
      n: row.n,
      accuracy: mean("accuracy"),
      macroF1: mean("macroF1"),
      macroRecall: mean("macroRecall"),
      pearson: rs.every((r) => r !== null) ? Math.round(((rs as number[]).reduce((s, r) => s + r, 0) / rs.length) * 10000) / 10000 : null,
      runs: all.map(({ n, accuracy: a, macroF1: f, macroRecall: m, pearson: p }) => ({ n, accuracy: a, macroF1: f, macroRecall: m, pearson: p })),
    };
  });
}

/** The options that name files: each takes one or more files, repeated, comma-separated or space-separated. */
const fileOptions = ["train", "test", "extra-train"] as const;

/**
 * Parses the command line. Files may follow a file option separated by spaces (`--test a.tsv b.tsv`, as a
 * shell glob gives them), by commas (`--test a.tsv,b.tsv`) or repeat it (`--test a.tsv --test b.tsv`).
 */
function parseSentimentArgs(argv: string[]) {
  const parsed = parseArgs({
    args: argv,
    allowPositionals: true,
    tokens: true,
    options: {
      train: { type: "string", multiple: true },
      test: { type: "string", multiple: true },
      "extra-train": { type: "string", multiple: true },
      split: { type: "string" },
      cv: { type: "string" },
      seed: { type: "string" },
      repeats: { type: "string" },
      metric: { type: "string" },
      folds: { type: "string" },
      "no-embeddings": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const values = parsed.values;
  let listOption: (typeof fileOptions)[number] | null = null;
  for (const token of parsed.tokens) {
    if (token.kind === "option") {
      listOption = (fileOptions as readonly string[]).includes(token.name) ? (token.name as (typeof fileOptions)[number]) : null;
    } else if (token.kind === "positional") {
      if (!listOption) throw new Error(`expected a file only after --train, --test or --extra-train, found ${JSON.stringify(token.value)}\n${sentimentUsage}`);
      (values[listOption] ??= []).push(token.value);
    }
  }
  return values;
}

export async function evaluateSentiment(argv: string[]): Promise<void> {
  const values = parseSentimentArgs(argv);
  if (values.help) {
    process.stdout.write(`${sentimentUsage}\n`);
    return;
  }
  const trainFiles = list(values.train);
  const testFiles = list(values.test);
  const extraFiles = list(values["extra-train"]);
  const seed = values.seed === undefined ? 42 : Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`expected an integer --seed, found ${values.seed}`);
  const repeats = values.repeats === undefined ? 1 : Number(values.repeats);
  if (!(Number.isInteger(repeats) && repeats >= 1 && repeats <= 20)) throw new Error(`expected --repeats between 1 and 20, found ${values.repeats}`);
  const folds = values.folds === undefined ? 3 : Number(values.folds);
  if (!(Number.isInteger(folds) && folds >= 2 && folds <= 10)) throw new Error(`expected --folds between 2 and 10, found ${values.folds}`);
  const metric = (values.metric ?? "auto") as MetricOption;
  if (!["auto", "accuracy", "macroF1", "macroRecall"].includes(metric)) throw new Error(`expected --metric auto, accuracy, macroF1 or macroRecall, found ${values.metric}`);
  const split = values.split === undefined ? undefined : Number(values.split);
  if (split !== undefined && !(split > 0 && split < 1)) throw new Error(`expected --split between 0 and 1 (the held-out fraction of each --train file), found ${values.split}`);
  const cv = values.cv === undefined ? undefined : Number(values.cv);
  if (cv !== undefined && !(Number.isInteger(cv) && cv >= 2 && cv <= 20)) throw new Error(`expected --cv between 2 and 20 (folds over each --train file), found ${values.cv}`);
  if (cv !== undefined && split !== undefined) throw new Error("expected --split or --cv, not both");
  if (cv !== undefined && (trainFiles.length === 0 || testFiles.length > 0)) throw new Error(`expected --train <tsv> and no --test with --cv (every --train row is predicted once)\n${sentimentUsage}`);
  const resampled = split !== undefined || cv !== undefined;
  if (split === undefined && cv === undefined && testFiles.length === 0) throw new Error(`expected --test <tsv> (or --train <tsv> with --split <fraction>)\n${sentimentUsage}`);
  if (split !== undefined && trainFiles.length === 0) throw new Error(`expected --train <tsv> with --split\n${sentimentUsage}`);
  if (!resampled && repeats > 1) throw new Error("--repeats applies to --split or --cv; with --test there is one evaluation");
  if (extraFiles.length && !resampled) throw new Error("--extra-train applies to --split or --cv; without it, list every training file under --train");
  const options = { metric, folds, embeddings: !values["no-embeddings"] };

  const started = performance.now();
  const named = (file: string, examples: SentimentExample[]): TestSet => ({ file: path.basename(file), examples, binary: !examples.some((e) => e.label === "neutral") });
  const fixedTests = testFiles.map((f) => named(f, load(f)));
  const trainSets = trainFiles.map((f) => ({ file: f, examples: load(f) }));
  const extra = extraFiles.flatMap(load);
  const runs: Run[] = [];
  for (let r = 0; r < (resampled ? repeats : 1); r++) {
    const runSeed = seed + r;
    if (cv !== undefined) {
      if (repeats > 1) process.stderr.write(`cross-fitting ${r + 1} of ${repeats} (seed ${runSeed})\n`);
      runs.push(runCrossFitted(trainSets.map((s) => named(s.file, s.examples)), extra, cv, runSeed, options));
      continue;
    }
    if (split === undefined) {
      runs.push(runOnce(fixedTests, trainSets.flatMap((s) => s.examples), runSeed, options));
      continue;
    }
    if (repeats > 1) process.stderr.write(`split ${r + 1} of ${repeats} (seed ${runSeed})\n`);
    const parts = trainSets.map((s) => ({ ...named(s.file, s.examples), parts: stratifiedSplit(s.examples, split, runSeed) }));
    const tests = [...parts.map((p) => ({ file: p.file, binary: p.binary, examples: p.parts.test })), ...fixedTests];
    runs.push(runOnce(tests, [...parts.flatMap((p) => p.parts.train), ...extra], runSeed, options));
  }
  const out = {
    task: "sentiment",
    ...(split === undefined ? {} : { split, seed, repeats }),
    ...(cv === undefined ? {} : { cv, seed, repeats }),
    results: meanRows(runs),
    training: runs.map((r) => (r.training ? { seed: r.seed, ...r.training } : null)).filter((t) => t !== null),
    seconds: { total: Math.round((performance.now() - started) / 100) / 10 },
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}
