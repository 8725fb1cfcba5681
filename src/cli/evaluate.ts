import "reflect-metadata";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { projectRoot } from "../config";
import { consoleProgress } from "../lib/progress";
import { holdoutSplit } from "../ml/training/run-training";
import { fitModel } from "../ml/model";
import { evaluate, selectModel } from "../ml/selection";
import type { FeatureSpec, Metrics, Table } from "../ml/types";
import { bankRowToAttributes, parseBankCsv } from "../modules/imports/bank";
import { parseFacebookCsv, textLines } from "../modules/imports/facebook";
import { ModelSpecs, selectionOf, type ModelSpec } from "../modules/models/model-specs";
import { buildPostRow, type PostFacts } from "../modules/predictions/post-features";
import { buildUserRow, type UserFacts } from "../modules/predictions/user-features";

/**
 * `npm run eval -- engagement --train <facebook.csv> [--test <facebook.csv>] --target "<column>"` and
 * `npm run eval -- conversion --train <bank.csv> [--test <bank.csv>] [--exclude duration,…]`;
 * `npm run eval -- sentiment …` is dispatched to ./evaluate-sentiment.ts.
 *
 * The same code paths as the server: the importers' parsers, the named feature builders, the spec in
 * models/, the engine's cross-validated selection. Without --test, --test-fraction of the training file
 * is held out (stratified for conversion), --repeats times with seeds seed, seed + 1, … (means reported, every
 * split listed). Progress on stderr; the last line of stdout is one JSON
 * object with the metrics of the chosen model, of the baseline and of a default ml-random-forest.
 */

const usage = `usage:
  npm run eval -- engagement --train <facebook.csv> [--test <facebook.csv>] [--target "Lifetime Post Consumers"]
  npm run eval -- conversion --train <bank.csv> [--test <bank.csv>] [--exclude duration]
  npm run eval -- sentiment --test <tsv>… [--train <tsv>…] | --train <tsv>… --split 0.5 (see --help after "sentiment")
  npm run eval -- recommend … (see --help after "recommend")
options: --test-fraction 0.5 and --repeats 1 (random splits of --train, without --test)  --seed 42
  --spec <name> (a spec of the models folder, $MODELS_DIR or models/; default: engagement / conversion)`;

const regressionKeys = ["mae", "rmse", "r2", "mape"] as const;
const binaryKeys = ["rocAuc", "prAuc", "logLoss", "f1", "accuracy"] as const;

function pick(m: Metrics, keys: readonly string[]): Record<string, number | null> {
  return Object.fromEntries(keys.map((k) => [k, m[k as keyof Metrics] ?? null]));
}

function read(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (err) {
    throw new Error(`cannot read ${file}: ${(err as Error).message}`);
  }
}

/** Facebook export → (features, target column) table with the engagement spec's features. */
function facebookTable(file: string, spec: ModelSpec, target: string): Table {
  const text = read(file);
  const parsed = parseFacebookCsv(text);
  const lines = textLines(text);
  const header = lines[0].text.split(";").map((h) => h.trim());
  const col = header.indexOf(target);
  if (col < 0) throw new Error(`expected a column ${JSON.stringify(target)} in ${file}, found: ${header.join(", ")}`);
  const valueByLine = new Map(lines.slice(1).map((l) => [l.line, l.text.split(";")[col]?.trim()]));
  const rows = [];
  const y: number[] = [];
  for (const r of parsed.rows) {
    const raw = valueByLine.get(r.line);
    const v = raw === undefined || raw === "" ? Number.NaN : Number(raw);
    if (!Number.isFinite(v)) continue;
    const facts: PostFacts = {
      text: "",
      mediaType: r.mediaType,
      category: r.category,
      paid: r.paid ?? false,
      platform: "FACEBOOK",
      publishedAt: r.publishedAt,
      hashtags: [],
      mentions: [],
      authorFollowers: r.pageTotalLikes,
    };
    rows.push(buildPostRow(facts, spec.features.map((f) => f.name)));
    y.push(v);
  }
  return { features: spec.features, rows, target: y };
}

/** Bank contacts → people with CRM attributes and no behaviour, with the conversion spec's features plus `extra.duration`. */
function bankTable(file: string, spec: ModelSpec, exclude: ReadonlySet<string>): Table {
  const parsed = parseBankCsv(read(file));
  const features: FeatureSpec[] = [...spec.features];
  if (!features.some((f) => f.name === "extra.duration")) features.push({ name: "extra.duration", kind: "numeric" });
  const kept = features.filter((f) => !exclude.has(f.name) && !exclude.has(f.name.replace(/^extra\./, "")));
  const rows = [];
  const y: number[] = [];
  for (const r of parsed.rows) {
    const attributes = bankRowToAttributes(r);
    const facts: UserFacts = {
      views: 0, likes: 0, comments: 0, shares: 0, clicks: 0, conversions: 0, activeDays: 0,
      recencyDays: null, tenureDays: null, followers: 0, platform: "OTHER", attributes,
    };
    rows.push(buildUserRow(facts, kept));
    y.push(attributes.extra?.converted === true ? 1 : 0);
  }
  return { features: kept, rows, target: y };
}

function split(table: Table, fraction: number, seed: number, stratify: boolean): { train: Table; test: Table } {
  const { train, test } = holdoutSplit(table, fraction, seed, stratify);
  const part = (idx: number[]): Table => ({ features: table.features, rows: idx.map((i) => table.rows[i]), target: idx.map((i) => table.target![i]) });
  return { train: part(train), test: part(test) };
}

interface Run {
  seed: number;
  train: number;
  test: number;
  model: { algorithm: string; params: Record<string, unknown> } & Record<string, unknown>;
  baseline: { algorithm: string } & Record<string, unknown>;
  mlRandomForestDefault: { algorithm: string; params: Record<string, unknown> } & Record<string, unknown>;
  crossValidation: Array<Record<string, unknown>>;
  seconds: { selection: number; mlRandomForest: number };
}

/** Selects by cross-validation on `train`, refits the winner, the baseline and ml-random-forest, and scores them on `test`. */
function runOnce(spec: ModelSpec, train: Table, test: Table, seed: number, keys: readonly string[]): Run {
  const progress = consoleProgress();
  const selection = { ...selectionOf(spec), cv: { ...selectionOf(spec).cv, seed } };
  let total = 0;
  const started = performance.now();
  const result = selectModel(train, selection, (done, all) => {
    if (all !== total) {
      if (total) progress.stop();
      total = all;
      progress.start("cross-validation", all);
    }
    progress.update(done);
  });
  progress.stop();
  process.stderr.write(`selected ${result.best.algorithm} ${JSON.stringify(result.best.params)} by ${result.metric}; fitting on ${train.rows.length} rows, testing on ${test.rows.length}\n`);
  const selectedAt = performance.now();
  const task = selectionOf(spec).task;
  const best = fitModel(train, task, { algorithm: result.best.algorithm, params: result.best.params }, spec.preprocess);
  const baseline = fitModel(train, task, { algorithm: "baseline", params: {} }, spec.preprocess);
  // ml-random-forest with its defaults is O(n²) per node: beyond a few thousand rows it would run for
  // hours, so larger tables get its documented escape hatch, maxSamples: 2000 (named in the output).
  const referenceParams: Record<string, unknown> = train.rows.length > 5000 ? { maxSamples: 2000 } : {};
  process.stderr.write(`fitting ml-random-forest ${JSON.stringify(referenceParams)} for comparison\n`);
  const referenceStarted = performance.now();
  const reference = fitModel(train, task, { algorithm: "mlRandomForest", params: referenceParams }, { targetTransform: "none" });
  const referenceSeconds = (performance.now() - referenceStarted) / 1000;
  return {
    seed,
    train: train.rows.length,
    test: test.rows.length,
    model: { algorithm: result.best.algorithm, params: result.best.params, ...pick(evaluate(best, test), keys) },
    baseline: { algorithm: "baseline", ...pick(evaluate(baseline, test), keys) },
    mlRandomForestDefault: { algorithm: "mlRandomForest", params: referenceParams, ...pick(evaluate(reference, test), keys) },
    crossValidation: result.candidates.map((c) => ({ algorithm: c.algorithm, params: c.params, [result.metric]: c.mean[result.metric] ?? null })),
    seconds: { selection: Math.round((selectedAt - started) / 100) / 10, mlRandomForest: Math.round(referenceSeconds * 10) / 10 },
  };
}

async function main(): Promise<void> {
  if (process.argv[2] === "sentiment") {
    // Loaded only for this task: it builds the wink-nlp instance, which the other tasks do not need.
    const { evaluateSentiment } = require("./evaluate-sentiment") as typeof import("./evaluate-sentiment");
    return evaluateSentiment(process.argv.slice(3));
  }
  if (process.argv[2] === "recommend") {
    const { evaluateRecommend } = require("./evaluate-recommend") as typeof import("./evaluate-recommend");
    return evaluateRecommend(process.argv.slice(3));
  }
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      train: { type: "string" },
      test: { type: "string" },
      target: { type: "string" },
      exclude: { type: "string" },
      spec: { type: "string" },
      seed: { type: "string" },
      "test-fraction": { type: "string" },
      repeats: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const task = positionals[0];
  if (task !== "engagement" && task !== "conversion") throw new Error(`expected engagement, conversion, sentiment or recommend, found ${JSON.stringify(task ?? "")}\n${usage}`);
  if (!values.train) throw new Error(`expected --train <file>\n${usage}`);
  const seed = values.seed === undefined ? 42 : Number(values.seed);
  const fraction = values["test-fraction"] === undefined ? 0.5 : Number(values["test-fraction"]);
  if (!(fraction > 0 && fraction < 1)) throw new Error(`expected --test-fraction between 0 and 1, found ${values["test-fraction"]}`);
  const specName = values.spec ?? task;
  const folder = path.resolve(projectRoot, process.env.MODELS_DIR ?? "models");
  if (!/^[a-z][a-z0-9-]{0,40}$/.test(specName)) throw new Error(`expected --spec to be a spec's name (e.g. engagement, for ${path.join(folder, "engagement.json")}), found ${JSON.stringify(specName)}\n${usage}`);
  const entry = new ModelSpecs(folder).get(specName);
  if (!entry) throw new Error(`expected a model spec ${path.join(folder, `${specName}.json`)}, found none`);
  if (!entry.ok) throw new Error(entry.error);
  const spec = entry.spec;
  const target = values.target ?? "Lifetime Post Consumers";
  const exclude = new Set((values.exclude ?? "").split(",").map((s) => s.trim()).filter(Boolean));
  if (exclude.size > 0 && task !== "conversion") throw new Error(`--exclude applies to conversion only (the bank file's columns), found it with ${task}\n${usage}`);
  const load = (file: string) => (task === "engagement" ? facebookTable(file, spec, target) : bankTable(file, spec, exclude));
  const keys = spec.task === "binary" ? binaryKeys : regressionKeys;
  const repeats = values.repeats === undefined ? 1 : Number(values.repeats);
  if (!(Number.isInteger(repeats) && repeats >= 1 && repeats <= 50)) throw new Error(`expected --repeats between 1 and 50, found ${values.repeats}`);
  if (values.test && repeats > 1) throw new Error("--repeats applies to random splits of --train; with --test there is one split");
  const started = performance.now();
  const whole = values.test ? undefined : load(values.train);
  const runs: Run[] = [];
  for (let r = 0; r < repeats; r++) {
    const { train, test } = values.test ? { train: load(values.train), test: load(values.test) } : split(whole!, fraction, seed + r, task === "conversion");
    if (repeats > 1) process.stderr.write(`split ${r + 1} of ${repeats} (seed ${seed + r})\n`);
    runs.push(runOnce(spec, train, test, seed + r, keys));
  }
  const mean = (pickFrom: (run: Run) => Record<string, unknown>) =>
    Object.fromEntries(keys.map((k) => [k, runs.reduce((s, run) => s + Number(pickFrom(run)[k] ?? Number.NaN), 0) / runs.length]));
  const last = runs[runs.length - 1];
  const out =
    repeats === 1
      ? { task, ...(task === "engagement" ? { target } : { excluded: [...exclude] }), ...last, seconds: { ...last.seconds, total: Math.round((performance.now() - started) / 100) / 10 } }
      : {
          task,
          ...(task === "engagement" ? { target } : { excluded: [...exclude] }),
          repeats,
          train: last.train,
          test: last.test,
          model: { algorithm: [...new Set(runs.map((run) => run.model.algorithm))].join("|"), ...mean((run) => run.model) },
          baseline: { algorithm: "baseline", ...mean((run) => run.baseline) },
          mlRandomForestDefault: { algorithm: "mlRandomForest", params: last.mlRandomForestDefault.params, ...mean((run) => run.mlRandomForestDefault) },
          runs: runs.map((run) => ({ seed: run.seed, model: run.model, baseline: run.baseline, mlRandomForestDefault: run.mlRandomForestDefault })),
          seconds: { total: Math.round((performance.now() - started) / 100) / 10 },
        };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((err) => {
  process.stderr.write(`eval failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
