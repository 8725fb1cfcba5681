/**
 * The `forest` case: no server. Each learner is fitted in its own child process (bench/forest.ts) on the
 * same synthetic table, one after the other, once the servers have stopped. ml-random-forest's defaults
 * are too slow to fit at full size, so they are timed on small training subsets and extrapolated.
 */
import path from "node:path";
import { runNode } from "./children";
import type { ForestRun } from "./forest";

export interface ForestCaseOptions {
  rows: number;
  features: number;
  seed: number;
  /** Trees of the timed ml-random-forest with maxSamples (its time is scaled linearly to 100 trees). */
  mlTrees: number;
}

export interface ForestCaseResult {
  options: ForestCaseOptions;
  ours: { randomForest: ForestRun; gradientBoosting: ForestRun };
  ml: ForestRun;
  /** ml-random-forest's fit seconds scaled to 100 trees (equal to `ml.fitSeconds` when it had 100). */
  mlFitSeconds100: number;
  /** ml-random-forest with its defaults (nEstimators 5) on small training subsets. */
  defaults: ForestRun[];
  extrapolation: {
    formula: string;
    /** Exponent fitted through the two subsets: t ∝ rows^exponent. */
    exponent: number;
    /** Quadratic extrapolation from the largest subset to the full training rows and to every row of the table, 100 trees. */
    trainRowsSeconds: number;
    allRowsSeconds: number;
  };
  target: { fitSeconds: number; holds: boolean; fast: boolean; accurate: boolean };
}

const treesOf = (r: ForestRun) => Number(r.candidate.params.nEstimators);

export async function runForestCase(dist: string, root: string, o: ForestCaseOptions, log: (line: string) => void): Promise<ForestCaseResult> {
  const script = path.join(dist, "bench", "forest.js");
  const fit = async (algorithm: string, params: Record<string, unknown>, trainRows?: number): Promise<ForestRun> => {
    const args = [algorithm, JSON.stringify(params), String(o.rows), String(o.features), String(o.seed), ...(trainRows === undefined ? [] : [String(trainRows)])];
    const t = performance.now();
    const out = await runNode(script, args, { PATH: process.env.PATH, NODE_ENV: "production" }, root);
    const run = JSON.parse(out.trim().split("\n").pop()!) as ForestRun;
    log(
      `forest: ${algorithm} ${JSON.stringify(params)} on ${run.trainRows.toLocaleString("en-US")} rows: fit ${run.fitSeconds.toFixed(2)} s, ` +
        `accuracy ${run.accuracy.toFixed(4)}, AUC ${run.auc.toFixed(4)} (child ${((performance.now() - t) / 1000).toFixed(0)} s)`,
    );
    return run;
  };
  const trainRows = Math.round(o.rows * 0.8);
  log(`forest: ${o.rows.toLocaleString("en-US")} × ${o.features} synthetic rows (seed ${o.seed}), ${trainRows.toLocaleString("en-US")} for training`);
  const randomForest = await fit("randomForest", { nEstimators: 100 });
  const gradientBoosting = await fit("gradientBoosting", { nEstimators: 200, learningRate: 0.05, maxDepth: 3 });
  const maxSamples = Math.min(2000, trainRows);
  log(`forest: mlRandomForest with ${o.mlTrees} trees on ${maxSamples} rows, ~5 s per tree…`);
  const ml = await fit("mlRandomForest", { nEstimators: o.mlTrees, maxSamples });
  const small = [...new Set([Math.min(1000, trainRows), Math.min(2000, trainRows)])];
  const defaults: ForestRun[] = [];
  for (const n of small) defaults.push(await fit("mlRandomForest", { nEstimators: 5 }, n));

  const last = defaults[defaults.length - 1];
  const first = defaults[0];
  const exponent = defaults.length > 1 ? Math.log(last.fitSeconds / first.fitSeconds) / Math.log(last.trainRows / first.trainRows) : Number.NaN;
  const extrapolate = (rows: number) => last.fitSeconds * (rows / last.trainRows) ** 2 * (100 / treesOf(last));
  const mlFitSeconds100 = ml.fitSeconds * (100 / treesOf(ml));
  const fast = randomForest.fitSeconds <= 10;
  const accurate = randomForest.accuracy >= ml.accuracy;
  return {
    options: o,
    ours: { randomForest, gradientBoosting },
    ml,
    mlFitSeconds100,
    defaults,
    extrapolation: {
      formula: `t(rows, 100 trees) ≈ t(${last.trainRows}, ${treesOf(last)}) × (rows / ${last.trainRows})² × 100 / ${treesOf(last)}`,
      exponent,
      trainRowsSeconds: extrapolate(trainRows),
      allRowsSeconds: extrapolate(o.rows),
    },
    target: { fitSeconds: 10, fast, accurate, holds: fast && accurate },
  };
}

const n = (v: number) => v.toLocaleString("en-US");
const s = (v: number) => (v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0));
const hours = (v: number) => (v >= 3600 ? `${(v / 3600).toFixed(1)} h` : v >= 60 ? `${(v / 60).toFixed(1)} min` : `${v.toFixed(1)} s`);

export function forestMarkdown(r: ForestCaseResult): string[] {
  const { randomForest, gradientBoosting } = r.ours;
  const ml = r.ml;
  const mlTrees = treesOf(ml);
  /** The rows ml-random-forest really learns from: `maxSamples` of the rows it is given. */
  const mlRows = Number(ml.candidate.params.maxSamples);
  const scaled = mlTrees !== 100;
  const row = (name: string, run: ForestRun, fitSeconds: number, versus: boolean) =>
    `| ${name} | \`${JSON.stringify(run.candidate.params)}\` | ${run === ml ? `${n(mlRows)} of ${n(run.trainRows)}` : n(run.trainRows)} | ${s(fitSeconds)}${run === ml && scaled ? " (scaled)" : ""} | ${s(run.predictSeconds)} | ` +
    `${run.accuracy.toFixed(4)} | ${run.auc.toFixed(4)} | ${n(run.jsonChars)} | ${run.roundTrip.identical ? "yes" : `NO (max diff ${run.roundTrip.maxAbsDiff})`} | ` +
    `${versus ? `${(fitSeconds / r.mlFitSeconds100).toPrecision(2)} (${Math.round(r.mlFitSeconds100 / fitSeconds)}× faster)` : "1"} | ${versus ? `${run.accuracy - ml.accuracy >= 0 ? "+" : ""}${(run.accuracy - ml.accuracy).toFixed(4)}` : "0"} |`;
  const lines = [
    `Forest, no server: a synthetic binary table of ${n(r.options.rows)} rows × ${r.options.features} numeric columns (seed ${r.options.seed}; a nonlinear signal on 8 columns ` +
      `plus noise, ${Math.round(randomForest.positiveShare * 100)}% positives), split 80/20 (seeded): every learner fits the same ${n(randomForest.trainRows)} rows in its own ` +
      `child process, after the servers stopped, and is scored on the same ${n(randomForest.testRows)} rows. Accuracy at P ≥ 0.5.`,
    "",
    `| learner | params | rows fitted | fit s | predict s (${n(randomForest.testRows)} rows) | accuracy | ROC-AUC | JSON chars | reloaded predicts identically | fit time vs ml-random-forest | accuracy − ml-random-forest |`,
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |",
    row("our randomForest (single thread)", randomForest, randomForest.fitSeconds, true),
    row("our gradientBoosting", gradientBoosting, gradientBoosting.fitSeconds, true),
    row("ml-random-forest 2.1.0", ml, r.mlFitSeconds100, false),
  ];
  for (const d of r.defaults) {
    lines.push(
      `| ml-random-forest, defaults, subset | \`${JSON.stringify(d.candidate.params)}\` | ${n(d.trainRows)} | ${s(d.fitSeconds)} | ${s(d.predictSeconds)} | ${d.accuracy.toFixed(4)} | ${d.auc.toFixed(4)} | ${n(d.jsonChars)} | ${d.roundTrip.identical ? "yes" : "NO"} | – | – |`,
    );
  }
  const e = r.extrapolation;
  lines.push(
    `| ml-random-forest, defaults, **extrapolated** | \`{"nEstimators":100}\` | ${n(randomForest.trainRows)} | ${n(Math.round(e.trainRowsSeconds))} (${hours(e.trainRowsSeconds)}) | – | – | – | – | – | – | – |`,
    "",
    `- ml-random-forest's \`maxSamples: ${mlRows}\` is one sample for the whole forest (the adapter shuffles, then the library keeps the first ${n(mlRows)} rows), ` +
      `not a sample per tree: it learns from ${Math.round((100 * mlRows) / ml.trainRows)}% of the rows the others see. Every other option is the library's default ` +
      `(all ${r.options.features} features per tree, bootstrap, unlimited depth).` +
      (scaled ? ` It was timed with ${mlTrees} trees; its fit time is scaled ×${(100 / mlTrees).toFixed(2)} to 100 trees, its accuracy is that of ${mlTrees} trees.` : ""),
    `- Extrapolated (not measured): ${e.formula}, from ml-random-forest's defaults (5 trees, every subset row) timed above. To the ${n(randomForest.trainRows)} training rows: ` +
      `**${n(Math.round(e.trainRowsSeconds))} s ≈ ${hours(e.trainRowsSeconds)}**; to all ${n(r.options.rows)} rows: ${n(Math.round(e.allRowsSeconds))} s ≈ ${hours(e.allRowsSeconds)}. ` +
      `The two subsets alone give t ∝ rows^${Number.isFinite(e.exponent) ? e.exponent.toFixed(2) : "–"}. ` +
      `Our randomForest fits the same rows ${n(Math.round(e.trainRowsSeconds / randomForest.fitSeconds))}× faster than that.`,
    `- "fit time vs ml-random-forest" divides a learner's fit seconds by ml-random-forest's (maxSamples ${n(mlRows)}, 100 trees): below 1 is faster. ` +
      `Our randomForest grows its trees one after another in the calling thread (no worker threads); JSON chars = \`JSON.stringify(estimator.toJSON()).length\`, ` +
      `and "reloaded" compares \`estimatorFromJSON(JSON.parse(…))\`'s test predictions with the original's, exactly.`,
    `- Target (a 100-tree forest on ${n(r.options.rows)} × ${r.options.features} trains in ≤ ${r.target.fitSeconds} s with accuracy no worse than ml-random-forest's on the same data): ` +
      `**${r.target.holds ? "holds" : "does not hold"}**: our randomForest fits in ${s(randomForest.fitSeconds)} s (${r.target.fast ? "≤" : ">"} ${r.target.fitSeconds} s) ` +
      `with accuracy ${randomForest.accuracy.toFixed(4)} against ml-random-forest's ${ml.accuracy.toFixed(4)} (maxSamples ${n(mlRows)}, the only fit of it given the full training table).`,
  );
  return lines;
}
