import { packArtifact, unpackArtifact } from "../../ml/artifact";
import { holdoutFingerprint, minComparisonRows, type Incumbent, type IncumbentScore } from "../../ml/training/run-training";
import { stratifiedKFold } from "../../ml/cross-validation";
import { accuracy, macroF1, macroRecall, pearson } from "../../ml/multiclass-metrics";
import type { CandidateResult, FeatureImportance, Metrics, SelectionResult } from "../../ml/types";
import type { TrainOutcome } from "../../ml/training/run-training";
import { sentimentModelFromJSON, trainSentimentModel, type ClassWeighting, type SentimentExample, type TrainOptions } from "../learned-sentiment";
import { scoreSentiment, type SentimentLabel } from "../sentiment";
import { decideSentiment } from "./decide";

/** One training run of a text model, as plain data (it crosses into a worker thread). */
export interface SentimentTrainJob {
  kind: "sentiment";
  examples: SentimentExample[];
  /** The spec's grid (lambda, ridgeLambda, classWeights, embeddings). */
  grid: Record<string, unknown[]>;
  metric: "macroRecall" | "macroF1" | "accuracy";
  folds: number;
  holdout: number;
  seed: number;
  /** The active version: its packed model and the examples stored after it trained (it has not seen them). */
  incumbent?: Incumbent;
}

/** A predicted label in the gold data's classes: a 2-class corpus has no neutral, so the score's sign decides. */
function inClasses(label: SentimentLabel, score: number, binary: boolean): SentimentLabel {
  return binary && label === "neutral" ? (score >= 0 ? "positive" : "negative") : label;
}

function metricsOf(gold: SentimentExample[], predicted: Array<{ label: SentimentLabel; score: number }>): Metrics {
  const binary = !gold.some((e) => e.label === "neutral");
  const labels = gold.map((e) => e.label);
  const guesses = predicted.map((p) => inClasses(p.label, p.score, binary));
  const out: Record<string, number> = { accuracy: accuracy(labels, guesses), macroF1: macroF1(labels, guesses), macroRecall: macroRecall(labels, guesses) };
  if (gold.every((e) => typeof e.score === "number")) out.pearson = pearson(gold.map((e) => e.score as number), predicted.map((p) => p.score));
  return out as Metrics;
}

function optionsOf(job: SentimentTrainJob, onProgress?: TrainOptions["onProgress"]): TrainOptions {
  const g = job.grid;
  return {
    seed: job.seed,
    folds: job.folds,
    metric: job.metric,
    lambdas: g.lambda as number[] | undefined,
    ridgeLambdas: g.ridgeLambda as number[] | undefined,
    classWeights: g.classWeights as ClassWeighting[] | undefined,
    embeddings: g.embeddings ? Boolean(g.embeddings[0]) : undefined,
    onProgress,
  };
}

const lexicon = (texts: string[]) => texts.map((t) => scoreSentiment(t));

/**
 * The active version and the new one scored on the held-out examples stored after the active version trained
 * (it was trained on the others), when there are at least `minComparisonRows` of them; or why not.
 */
function scoreActive(
  incumbent: Incumbent,
  testIndices: readonly number[],
  test: SentimentExample[],
  texts: string[],
  lexiconOnTest: ReturnType<typeof scoreSentiment>[],
  ours: Array<{ label: SentimentLabel; score: number }>,
): IncumbentScore {
  const { versionId, version } = incumbent;
  if ("unscorable" in incumbent) return { versionId, version, unscorable: incumbent.unscorable };
  const unseen = new Set(incumbent.unseen);
  const fair = testIndices.flatMap((i, r) => (unseen.has(i) ? [r] : []));
  if (fair.length < minComparisonRows) {
    return { versionId, version, unscorable: `only ${fair.length} of the ${test.length} held-out examples were stored after it trained, at least ${minComparisonRows} needed (it was trained on the others)` };
  }
  try {
    const theirs = sentimentModelFromJSON(unpackArtifact(incumbent.artifact));
    const fairTexts = fair.map((r) => texts[r]);
    const predicted = theirs.predict(fairTexts).map((p, k) => decideSentiment(fairTexts[k], lexiconOnTest[fair[k]], p));
    const gold = fair.map((r) => test[r]);
    return { versionId, version, rows: fair.length, heldOut: test.length, metrics: metricsOf(gold, predicted), model: metricsOf(gold, fair.map((r) => ours[r])) };
  } catch (err) {
    return { versionId, version, unscorable: `scoring it failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/**
 * The text-model counterpart of `runTraining`: a stratified holdout; on the rest, the learned model's
 * own cross-validated choice of hyper-parameters; the chosen model and the lexicon (the baseline a
 * learned model must beat) scored on the holdout; the most influential features as importances; and
 * the model refitted on every example, packed as the artifact. Same outcome shape, so the service
 * stores, promotes and shows it like any other version.
 */
export function runSentimentTraining(job: SentimentTrainJob, onProgress: (done: number, total: number, label: string) => void = () => undefined): TrainOutcome {
  const started = performance.now();
  const classes = [...new Set(job.examples.map((e) => e.label))].sort();
  const folds = Math.max(2, Math.round(1 / job.holdout));
  const [first] = stratifiedKFold(
    job.examples.map((e) => classes.indexOf(e.label)),
    { folds, seed: job.seed },
  );
  const train = first.train.map((i) => job.examples[i]);
  const test = first.test.map((i) => job.examples[i]);
  const steps = 100;
  const selection = trainSentimentModel(train, optionsOf(job, (f, stage) => onProgress(Math.round(f * 60), steps, `cross-validation: ${stage}`)));
  const selected = performance.now();
  onProgress(60, steps, "holdout");
  const texts = test.map((e) => e.text);
  const lexiconOnTest = lexicon(texts);
  const ours = selection.model.predict(texts).map((p, i) => decideSentiment(texts[i], lexiconOnTest[i], p));
  const model = metricsOf(test, ours);
  const baseline = metricsOf(test, lexiconOnTest);
  const active = job.incumbent ? scoreActive(job.incumbent, first.test, test, texts, lexiconOnTest, ours) : null;
  const measured = performance.now();
  const described = selection.model.describe();
  // Each label's strongest weights, most important first across the labels (as every other model lists them).
  const importances: FeatureImportance[] = described.topFeatures
    .map((f) => ({ feature: `${f.feature} → ${f.label}`, importance: Math.abs(f.weight), std: 0, coefficient: f.weight }))
    .sort((a, b) => b.importance - a.importance || a.feature.localeCompare(b.feature));
  onProgress(65, steps, "final fit");
  const final = trainSentimentModel(job.examples, optionsOf(job, (f, stage) => onProgress(65 + Math.round(f * 34), steps, `final fit: ${stage}`)));
  const done = performance.now();
  onProgress(steps, steps, "done");

  // The learned model's cross-validation, in the engine's shape: one row per tried combination, the lexicon as the baseline.
  const candidates: CandidateResult[] = selection.crossValidation.candidates.map((c) => ({
    algorithm: "learnedSentiment" as CandidateResult["algorithm"],
    params: c.params,
    folds: [],
    mean: c.metrics as Metrics,
    std: {},
    fitSeconds: 0,
  }));
  // The row of the chosen candidate: the classifier with the chosen weighting and penalty, or, when the labels
  // come from the score's band, the regressor with the chosen penalty.
  const chosen = selection.crossValidation.chosen;
  const isChosen = (p: Record<string, unknown>) =>
    chosen.labelFrom === "score" ? p.model === "scoreBand" && p.ridgeLambda === chosen.ridgeLambda : p.model === "classifier" && p.classWeight === chosen.classWeight && p.lambda === chosen.lambda;
  const best = candidates.find((c) => isChosen(c.params)) ?? {
    algorithm: "learnedSentiment" as CandidateResult["algorithm"],
    params: selection.crossValidation.chosen,
    folds: [],
    mean: {},
    std: {},
    fitSeconds: 0,
  };
  const lexiconOnTrain = metricsOf(train, lexicon(train.map((e) => e.text)));
  const result: SelectionResult = {
    metric: job.metric as SelectionResult["metric"],
    baseline: { algorithm: "lexicon" as CandidateResult["algorithm"], params: { analyzer: "wink-nlp lexicon" }, folds: [], mean: lexiconOnTrain, std: {}, fitSeconds: 0 },
    candidates: [best, ...candidates.filter((c) => c !== best)],
    best: { ...best, params: { ...best.params, ...final.model.describe().params } },
  };
  // The held-out examples, as a fingerprint: a later training on the same examples and split compares its score with this one's.
  const fingerprint = holdoutFingerprint(["sentiment", test.map((e) => [e.label, e.score ?? null, e.text])]);
  return {
    selection: result,
    holdout: { rows: test.length, model, baseline, fingerprint, active },
    importances,
    artifact: packArtifact(final.model.toJSON()),
    trainingRows: job.examples.length,
    seconds: {
      selection: (selected - started) / 1000,
      holdout: (measured - selected) / 1000,
      importance: 0,
      final: (done - measured) / 1000,
      total: (done - started) / 1000,
    },
  };
}
