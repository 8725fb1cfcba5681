import path from "node:path";
import { Worker } from "node:worker_threads";
import type { Database, Row } from "../../db/database";
import { BadUserInputError, NotFoundError } from "../../graphql/errors";
import { decodeGlobalId } from "../../graphql/relay";
import type { Logger } from "../../lib/logger";
import { qualityReport } from "../../ml/quality";
import type { Incumbent, IncumbentScore, TrainJob, TrainOutcome } from "../../ml/training/run-training";
import type { WorkerMessage } from "../../ml/training/train.worker";
import type { FeatureRow, FeatureSpec, FittedModel, MetricName, Metrics, QualityReport, Task } from "../../ml/types";
import type { SentimentExample } from "../../nlp/learned-sentiment";
import type { SentimentTrainJob } from "../../nlp/learned/training";
import type { RankingTrainJob } from "../../ml/recommend/training";

/** Everyone's interactions and the catalogue, as the recommender reads them. */
export interface RankingData {
  users: Int32Array;
  items: Int32Array;
  weights: Float32Array;
  times: Float64Array;
  catalogue: Array<{ id: string; features: string[] }>;
}
import type { EntityTable, FeatureStore } from "../predictions/feature-store";
import { postFeatures } from "../predictions/post-features";
import { extraFeature, topicFeature, userFeatures } from "../predictions/user-features";
import type { ModelCache } from "./model.cache";
import { higherIsBetter, selectionOf, type ModelSpec, type ModelSpecs, type SpecEntry } from "./model-specs";
import { ModelVersion, type ModelVersionStatus } from "./model-version.entity";

export type RunStatus = "RUNNING" | "SUCCEEDED" | "FAILED";

/** A training run as clients poll it; it is the run of one model version. */
export interface TrainingRun {
  versionId: number;
  modelName: string;
  status: RunStatus;
  /** 0–1. */
  progress: number;
  stage: string;
  startedAt: Date;
  finishedAt: Date | null;
  error: string | null;
}

export const defaultModelServiceOptions = {
  /** Shuffles per feature in permutation importance. */
  importanceRepeats: 3,
  /** The compiled worker entry. */
  workerFile: path.join(__dirname, "..", "..", "ml", "training", "train.worker.js"),
};

/** The error of a version whose training a server stop interrupted. */
export const interruptedError = "interrupted: the server stopped during training (ended when the server next started)";

const statusOfRun: Record<ModelVersionStatus, RunStatus> = { training: "RUNNING", candidate: "SUCCEEDED", active: "SUCCEEDED", retired: "SUCCEEDED", failed: "FAILED" };

/** How long PostgreSQL deployments trust a cached active version (another process may activate one). */
const activeVersionTtlMs = 5_000;

/**
 * The model service: trains a spec in a worker thread (cross-validated selection, holdout, importance,
 * final refit), keeps every run as a ModelVersion, promotes a version only when it beats the baseline
 * and the active version, and serves predictions from the active version through the model cache.
 */
export class ModelService {
  private readonly runs = new Map<number, TrainingRun>();
  /**
   * The active version per model, with the database's data version when it was read (SQLite) or the time
   * (PostgreSQL): another process (`npm run train`) may activate a version, so a cached answer stands only
   * until the next write on SQLite, or for `activeVersionTtlMs` on PostgreSQL.
   */
  private readonly activeByName = new Map<string, { version: Promise<ModelVersion | undefined>; dataVersion: string | undefined; at: number }>();
  /**
   * The active version id per model as this process last knew it (`null`: none active). A read that finds
   * another id means another process (`npm run train`, a second server) changed it: `onActivated` is told,
   * as for an activation here.
   */
  private readonly knownActiveId = new Map<string, number | null>();
  /** Bumped by each activation here, so a read begun before it cannot report the old id as someone else's change. */
  private activations = 0;
  private watchTimer: NodeJS.Timeout | null = null;
  /** Training runs one at a time, in order. */
  private trainingQueue: Promise<unknown> = Promise.resolve();
  private readonly options: typeof defaultModelServiceOptions;
  /** Where text models get their labelled examples (the sentiment service). */
  textExamples: (() => Promise<Array<SentimentExample & { createdAt?: Date }>>) | null = null;
  /** Where ranking models get their data (the recommendation service). */
  rankingData: (() => Promise<RankingData>) | null = null;
  /** Told when a model's serving version changes (promotion, activation): the sentiment service re-scores. */
  onActivated: ((modelName: string) => void) | null = null;

  constructor(
    private readonly db: Database,
    private readonly specs: ModelSpecs,
    private readonly features: FeatureStore,
    private readonly cache: ModelCache,
    private readonly logger: Logger,
    options: Partial<typeof defaultModelServiceOptions> = {},
  ) {
    this.options = { ...defaultModelServiceOptions, ...options };
  }

  /**
   * A version left "training" by a stopped server can never finish: mark it failed, ended now (when the stop is first
   * known), so that its run's `seconds` stops counting. Versions failed that way before this was so get the same end.
   */
  async init(): Promise<void> {
    const now = new Date();
    await this.db.write(async (tx) => {
      await tx.execute(`UPDATE "model_versions" SET "status" = 'failed', "error" = ?, "trainedAt" = ? WHERE "status" = 'training'`, [interruptedError, now]);
      await tx.execute(`UPDATE "model_versions" SET "trainedAt" = ? WHERE "status" = 'failed' AND "trainedAt" IS NULL`, [now]);
    });
  }

  specEntries(): SpecEntry[] {
    return this.specs.all();
  }

  /** The entry of a model by name, or NOT_FOUND. */
  specEntry(name: string): SpecEntry {
    const entry = this.specs.get(name);
    if (!entry) throw new NotFoundError("Model", name, "name");
    return entry;
  }

  private specOrThrow(name: string): ModelSpec {
    const entry = this.specEntry(name);
    if (!entry.ok) throw new BadUserInputError("name", `model "${name}" has an invalid spec: ${entry.error}`);
    return entry.spec;
  }

  private async versionsWhere(where: string, params: unknown[]): Promise<ModelVersion[]> {
    const m = this.db.mapper(ModelVersion);
    return m.hydrateAll(await this.db.query<Row>(`SELECT ${m.select("v")} FROM "model_versions" "v" ${where}`, params));
  }

  /** Every version of a model, newest first. */
  versions(name: string): Promise<ModelVersion[]> {
    return this.versionsWhere(`WHERE "v"."modelName" = ? ORDER BY "v"."version" DESC`, [name]);
  }

  async versionById(id: number): Promise<ModelVersion | undefined> {
    return (await this.versionsWhere(`WHERE "v"."id" = ?`, [id]))[0];
  }

  async versionOrThrow(globalId: string, field = "id"): Promise<ModelVersion> {
    const { id } = decodeGlobalId(globalId, field, "ModelVersion");
    const v = await this.versionById(id);
    if (!v) throw new NotFoundError("ModelVersion", globalId, field);
    return v;
  }

  /** The version serving predictions for a model (cached until a promotion or activation here, or a write by anyone). */
  activeVersion(name: string): Promise<ModelVersion | undefined> {
    const dataVersion = this.db.dataVersion();
    const cached = this.activeByName.get(name);
    if (cached && (dataVersion !== undefined ? cached.dataVersion === dataVersion : Date.now() - cached.at < activeVersionTtlMs)) return cached.version;
    // Something was written since: one indexed look at which version is active, the whole row (with its
    // artifact) read again only when that changed.
    const previous = cached?.version.catch(() => undefined);
    const generation = this.activations;
    const version = this.db.query<{ id: unknown }>(`SELECT "id" FROM "model_versions" WHERE "modelName" = ? AND "status" = 'active'`, [name]).then(async (rows) => {
      const id = rows.length ? Number(rows[0].id) : undefined;
      const before = await previous;
      if (generation === this.activations) this.noticeActive(name, id ?? null);
      if (id === undefined) return undefined;
      return before?.id === id ? before : this.versionById(id);
    });
    const entry = { version, dataVersion, at: Date.now() };
    this.activeByName.set(name, entry);
    version.catch(() => {
      if (this.activeByName.get(name) === entry) this.activeByName.delete(name);
    });
    return version;
  }

  /** Records the active id read for a model; a change nobody here made is reported to `onActivated`. */
  private noticeActive(name: string, id: number | null): void {
    const known = this.knownActiveId.get(name);
    this.knownActiveId.set(name, id);
    if (known !== undefined && known !== id) {
      this.logger.info({ model: name, versionId: id, previous: known }, "another process changed the active version");
      this.onActivated?.(name);
    }
  }

  /**
   * Looks every `intervalMs` at which version of each named model is active (one indexed query each, and on
   * SQLite none at all while nothing was written), so that a version activated by another process gets the
   * same reactions (re-scoring, refits) as one activated here, within that interval.
   */
  watchActivations(names: readonly string[], intervalMs = activeVersionTtlMs): void {
    this.stopWatching();
    this.watchTimer = setInterval(() => {
      for (const name of names) this.activeVersion(name).catch((err) => this.logger.warn({ err, model: name }, "could not read the active version"));
    }, intervalMs);
    this.watchTimer.unref();
  }

  stopWatching(): void {
    if (this.watchTimer) clearInterval(this.watchTimer);
    this.watchTimer = null;
  }

  /** The run of a version: live while it trains, then derived from the stored version. */
  runOf(version: ModelVersion): TrainingRun {
    return (
      this.runs.get(version.id) ?? {
        versionId: version.id,
        modelName: version.modelName,
        status: statusOfRun[version.status],
        progress: version.status === "training" ? 0 : 1,
        stage: version.status,
        startedAt: version.createdAt,
        finishedAt: version.trainedAt,
        error: version.error,
      }
    );
  }

  /** A run by its ID, or by its version's (what trainModel returned before runs had IDs of their own). */
  async runOrThrow(globalId: string): Promise<TrainingRun> {
    const { type, id } = decodeGlobalId(globalId, "id", ["TrainingRun", "ModelVersion"]);
    const v = await this.versionById(id);
    if (!v) throw new NotFoundError(type, globalId, "id");
    return this.runOf(v);
  }

  /**
   * Starts training a model: builds the table, checks its quality (an empty or constant table is
   * refused here, before anything is stored, and the active version is untouched), records a version
   * in status "training", and runs the selection in a worker thread. Poll the returned run.
   */
  async train(name: string): Promise<TrainingRun> {
    const spec = this.specOrThrow(name);
    if (spec.entity === "text") return this.trainText(spec);
    if (spec.entity === "interaction") return this.trainRanking(spec);
    const built = await this.features.tableFor(spec);
    const quality = qualityReport(built.table, spec.task as Task, { preprocess: spec.preprocess });
    const problems = [...quality.errors];
    if (built.table.rows.length < spec.minRows) problems.push(`expected at least ${spec.minRows} training rows (minRows), found ${built.table.rows.length}`);
    if (problems.length) throw new BadUserInputError("name", `cannot train "${name}": ${problems.join("; ")}`);
    const job: TrainJob = { table: built.table, selection: selectionOf(spec), holdout: spec.selection.holdout, seed: spec.selection.seed, importanceRepeats: this.options.importanceRepeats, rowKeys: built.ids };
    // The active version is looked up when the worker starts (after any training queued before this one).
    // The version records the features as built (`topic.*` expanded to the topics of the day), so that it is served with the same columns.
    return this.start({ ...spec, features: built.table.features }, { ...built.stats, rows: built.table.rows.length, target: spec.target }, quality, job, async () => ({ ...job, incumbent: await this.incumbentFor(spec, built) }));
  }

  /**
   * The active version of a tabular model, ready to be scored on the new version's holdout: its model,
   * which rows are of entities stored after it was trained, and its own feature rows of the same
   * entities when the new table lacks some of its features (a changed spec); or why it cannot be
   * scored (a feature that no longer exists, another task, …).
   */
  private async incumbentFor(spec: ModelSpec, built: EntityTable): Promise<Incumbent | undefined> {
    const active = await this.activeVersion(spec.name);
    if (!active) return undefined;
    const who = { versionId: active.id, version: active.version };
    if (!active.artifact) return { ...who, unscorable: "it has no stored model" };
    if (active.task !== spec.task) return { ...who, unscorable: `it is a ${active.task} model and this one is ${spec.task}` };
    let features: FeatureSpec[];
    try {
      features = ((await this.cache.get(active.id)) as FittedModel & { features?: FeatureSpec[] }).features ?? [];
    } catch (err) {
      return { ...who, unscorable: `its model could not be loaded (${err instanceof Error ? err.message : String(err)})` };
    }
    // The rows of entities stored after the active version was trained: it cannot have learnt from them.
    const table = spec.entity === "post" ? "posts" : "users";
    const newer = new Set((await this.db.query<{ id: unknown }>(`SELECT "id" FROM "${table}" WHERE "createdAt" > ?`, [active.createdAt])).map((r) => Number(r.id)));
    const unseen = built.ids.flatMap((id, i) => (newer.has(id) ? [i] : []));
    const kinds = new Map(built.table.features.map((f) => [f.name, f.kind]));
    const lacking = features.filter((f) => kinds.get(f.name) !== f.kind);
    if (lacking.length === 0) return { ...who, artifact: active.artifact, unseen };
    const gone = lacking.filter((f) => !builds(spec.entity, f));
    if (gone.length) {
      return { ...who, unscorable: `its feature${gone.length > 1 ? "s" : ""} ${gone.map((f) => `"${f.name}" (${f.kind})`).join(", ")} no longer exist${gone.length > 1 ? "" : "s"} for a ${spec.entity} model` };
    }
    try {
      const own = await this.features.tableFor({ ...spec, features });
      if (own.ids.length !== built.ids.length || own.ids.some((id, i) => id !== built.ids[i])) return { ...who, unscorable: "its rows could not be matched to this version's (the data changed while the tables were built)" };
      return { ...who, artifact: active.artifact, unseen, rows: own.table.rows };
    } catch (err) {
      return { ...who, unscorable: `its features could not be built (${err instanceof Error ? err.message : String(err)})` };
    }
  }

  /** A text model: its labelled examples, checked, then the same version and worker path. */
  private async trainText(spec: ModelSpec): Promise<TrainingRun> {
    if (!this.textExamples) throw new BadUserInputError("name", `cannot train "${spec.name}": this server has no labelled texts`);
    const examples = await this.textExamples();
    const quality = textQualityReport(examples);
    const problems = [...quality.errors];
    if (examples.length < spec.minRows) problems.push(`expected at least ${spec.minRows} labelled examples (minRows), found ${examples.length}; add them with addSentimentExamples or npm run import -- sentiment <tsv>`);
    if (problems.length) throw new BadUserInputError("name", `cannot train "${spec.name}": ${problems.join("; ")}`);
    const job: SentimentTrainJob = {
      kind: "sentiment",
      examples: examples.map(({ text, label, score }) => ({ text, label, score })),
      grid: spec.candidates[0].grid,
      metric: spec.selection.metric as SentimentTrainJob["metric"],
      folds: spec.selection.folds,
      holdout: spec.selection.holdout,
      seed: spec.selection.seed,
    };
    // The active version (looked up when the worker starts) is scored on the held-out examples stored after it trained.
    const prepare = async (): Promise<SentimentTrainJob> => {
      const active = await this.activeVersion(spec.name);
      if (!active) return job;
      const who = { versionId: active.id, version: active.version };
      if (!active.artifact) return { ...job, incumbent: { ...who, unscorable: "it has no stored model" } };
      const unseen = examples.flatMap((e, i) => (e.createdAt && e.createdAt > active.createdAt ? [i] : []));
      return { ...job, incumbent: { ...who, artifact: active.artifact, unseen } };
    };
    return this.start(spec, { entity: "text", rows: examples.length, target: "label", classBalance: quality.target?.classBalance }, quality, job, prepare);
  }

  /** A ranking model: everyone's interactions and the catalogue, checked, then the same version and worker path. */
  private async trainRanking(spec: ModelSpec): Promise<TrainingRun> {
    if (!this.rankingData) throw new BadUserInputError("name", `cannot train "${spec.name}": this server has no interaction source`);
    const data = await this.rankingData();
    const people = new Set(data.users).size;
    const quality: QualityReport = {
      rows: data.users.length,
      columns: [
        { name: "person", kind: "categorical", missing: 0, distinct: people, constant: people === 1 },
        { name: "post", kind: "categorical", missing: 0, distinct: new Set(data.items).size, constant: false },
      ],
      duplicateRows: 0,
      cleaning: ["every interaction counts once, weighted by its type (purchase 8, share 5, comment 3, like 2, click 1.5, view 0.5)"],
      errors: data.users.length === 0 ? ["expected interactions, found none"] : [],
      warnings: [],
    };
    const problems = [...quality.errors];
    if (data.users.length < spec.minRows) problems.push(`expected at least ${spec.minRows} interactions (minRows), found ${data.users.length}`);
    if (problems.length) throw new BadUserInputError("name", `cannot train "${spec.name}": ${problems.join("; ")}`);
    const job: RankingTrainJob = {
      kind: "ranking",
      ...data,
      grid: spec.candidates[0].grid as Record<string, number[]>,
      k: spec.selection.k ?? 10,
      metric: spec.selection.metric as RankingTrainJob["metric"],
    };
    return this.start(spec, { entity: "interaction", rows: data.users.length, people, posts: data.catalogue.length }, quality, job);
  }

  /** Records a version in status "training" and queues its worker. */
  private async start(
    spec: ModelSpec,
    dataStats: Record<string, unknown>,
    quality: QualityReport,
    job: TrainJob | SentimentTrainJob | RankingTrainJob,
    prepare?: () => Promise<TrainJob | SentimentTrainJob>,
  ): Promise<TrainingRun> {
    const name = spec.name;
    const { id, version } = await this.db.write(async (tx) => {
      const [{ n }] = await tx.query<{ n: number | string | null }>(`SELECT MAX("version") AS n FROM "model_versions" WHERE "modelName" = ?`, [name]);
      const next = Number(n ?? 0) + 1;
      const [row] = await this.db.insertMany(
        tx,
        "model_versions",
        ModelVersion,
        ["modelName", "version", "status", "task", "spec", "dataStats", "qualityReport", "createdAt"],
        [
          {
            modelName: name,
            version: next,
            status: "training",
            task: spec.task,
            spec: { ...spec } as unknown as Record<string, unknown>,
            dataStats,
            qualityReport: quality as unknown as Record<string, unknown>,
            createdAt: new Date(),
          },
        ],
        `RETURNING "id"`,
      );
      return { id: Number(row.id), version: next };
    });
    const run: TrainingRun = { versionId: id, modelName: name, status: "RUNNING", progress: 0, stage: "queued", startedAt: new Date(), finishedAt: null, error: null };
    this.runs.set(id, run);
    this.logger.info({ model: name, version }, "training started");
    this.trainingQueue = this.trainingQueue
      .then(async () => this.runWorker(run, prepare ? await prepare() : job))
      .then((outcome) => this.finish(run, spec, outcome))
      .catch((err: unknown) => this.fail(run, err));
    return run;
  }

  private runWorker(run: TrainingRun, job: TrainJob | SentimentTrainJob | RankingTrainJob): Promise<TrainOutcome> {
    return new Promise((resolve, reject) => {
      run.stage = "training";
      const worker = new Worker(this.options.workerFile, { workerData: job });
      let settled = false;
      worker.on("message", (m: WorkerMessage) => {
        if (m.type === "progress") {
          run.progress = m.total ? Math.min(0.99, m.done / m.total) : 0;
          run.stage = m.label;
        } else if (m.type === "result") {
          settled = true;
          resolve(m.outcome);
        } else {
          settled = true;
          reject(new Error(m.message));
        }
      });
      worker.on("error", (err) => {
        settled = true;
        reject(err);
      });
      worker.on("exit", (code) => {
        if (!settled) reject(new Error(`the training worker exited with code ${code}`));
      });
    });
  }

  /** The relative gain of `value` over `reference` on a metric (positive = better). */
  private static gain(metric: MetricName, value: number | undefined, reference: number | undefined): number {
    if (value === undefined || reference === undefined || !Number.isFinite(value) || !Number.isFinite(reference)) return Number.NaN;
    const scale = Math.abs(reference) || 1;
    return higherIsBetter(metric) ? (value - reference) / scale : (reference - value) / scale;
  }

  private async finish(run: TrainingRun, spec: ModelSpec, outcome: TrainOutcome): Promise<void> {
    const metric = spec.selection.metric;
    const score = outcome.holdout.model[metric];
    const baselineScore = outcome.holdout.baseline[metric];
    const active = await this.activeVersion(spec.name);
    const overBaseline = ModelService.gain(metric, score, baselineScore);
    const vsBaseline = `${metric} ${fmt(score)} vs the baseline's ${fmt(baselineScore)} (${signed(overBaseline)}, at least ${pct(spec.promotion.minGainOverBaseline)} required)`;
    // The active version and this one, scored on the same held-out rows (those of entities newer than the
    // active version): undefined when this kind of training does not score it, null when none was active
    // as it started.
    const measured: IncumbentScore | null | undefined = outcome.holdout.active;
    // Promotion, in order:
    // 1. a version that does not beat the baseline by the spec's minimum gain never serves;
    // 2. the first version that does, serves;
    // 3. a later one serves only if it also beats the active version by the spec's margin, both scored
    //    on the same held-out rows of this training (a score from another training is on other data;
    //    rows the active version was trained on would flatter it);
    // 4. if the active version cannot be scored so but its own training held out these same rows (same
    //    fingerprint), its recorded holdout score is compared, with the same margin; failing that, the
    //    baseline comparison alone decides; if it was
    //    activated while this version trained, it was not scored and it keeps serving;
    // 5. otherwise the version is kept as a candidate, and can still be activated by hand.
    let status: ModelVersionStatus;
    let decision: string;
    if (!(overBaseline >= spec.promotion.minGainOverBaseline)) {
      status = "candidate";
      decision = `kept as a candidate: ${metric} ${fmt(score)} gains ${pct(overBaseline)} over the baseline's ${fmt(baselineScore)}, less than the ${pct(spec.promotion.minGainOverBaseline)} required`;
    } else if (!active) {
      status = "active";
      decision = `activated: the first version to beat the baseline (${metric} ${fmt(score)} vs ${fmt(baselineScore)})`;
    } else if (measured === null || (measured && measured.versionId !== active.id)) {
      status = "candidate";
      decision = `kept as a candidate: version ${active.version} was activated while this one trained, so it was not scored on this version's holdout; ${vsBaseline} — activate this version to serve it`;
    } else if ((measured === undefined || "unscorable" in measured) && sameRows(active, outcome, metric)) {
      // The active version was measured on these very held-out rows when it trained (same entities, same
      // targets, same split): its recorded score is a fair comparison (it came from a model fitted without them).
      const theirs = (active.holdoutMetrics as { model?: Metrics }).model![metric];
      const overActive = ModelService.gain(metric, score, theirs);
      const same = `on the same ${outcome.holdout.rows} held-out rows as active version ${active.version}'s training (the data and split are unchanged), ${metric} ${fmt(score)}`;
      if (overActive >= spec.promotion.margin) {
        status = "active";
        decision = `activated: ${same} beats its ${fmt(theirs)} by ${pct(overActive)} (margin ${pct(spec.promotion.margin)}); ${vsBaseline}`;
      } else {
        status = "candidate";
        decision = `kept as a candidate: ${same} does not beat its ${fmt(theirs)} by the ${pct(spec.promotion.margin)} margin (${signed(overActive)}); ${vsBaseline} — activate this version to serve it`;
      }
    } else if (measured === undefined || "unscorable" in measured) {
      const why = measured === undefined ? `a ${spec.entity === "interaction" ? "ranking" : spec.entity} model's training does not score the active version` : measured.unscorable;
      status = "active";
      decision = `activated: active version ${active.version} could not be scored on this version's holdout — ${why} — so only the baseline was compared: ${vsBaseline}`;
    } else {
      const mine = measured.model[metric];
      const theirs = measured.metrics[metric];
      const overActive = ModelService.gain(metric, mine, theirs);
      const rows =
        measured.rows === measured.heldOut
          ? `${measured.rows} held-out rows`
          : `${measured.rows} of the ${measured.heldOut} held-out rows (the others are of entities active version ${active.version} was trained on)`;
      const same = `on the same ${rows}, ${metric} ${fmt(mine)}`;
      const all = `on all ${measured.heldOut} held-out rows, ${vsBaseline}`;
      if (overActive >= spec.promotion.margin) {
        status = "active";
        decision = `activated: ${same} beats active version ${active.version}'s ${fmt(theirs)} by ${pct(overActive)} (margin ${pct(spec.promotion.margin)}); ${all}`;
      } else {
        status = "candidate";
        decision = `kept as a candidate: ${same} does not beat active version ${active.version}'s ${fmt(theirs)} by the ${pct(spec.promotion.margin)} margin (${signed(overActive)}); ${all}`;
      }
    }
    const now = new Date();
    await this.db.write(async (tx) => {
      if (status === "active") await tx.execute(`UPDATE "model_versions" SET "status" = 'retired' WHERE "modelName" = ? AND "status" = 'active'`, [spec.name]);
      const mapper = this.db.mapper(ModelVersion);
      await tx.execute(
        `UPDATE "model_versions" SET "status" = ?, "algorithm" = ?, "params" = ?, "cvResults" = ?, "holdoutMetrics" = ?, "importances" = ?, "artifact" = ?, "trainedAt" = ?, "activatedAt" = ? WHERE "id" = ?`,
        [
          status,
          outcome.selection.best.algorithm,
          mapper.persist("params", outcome.selection.best.params),
          mapper.persist("cvResults", { ...outcome.selection, seconds: outcome.seconds }),
          mapper.persist("holdoutMetrics", { ...outcome.holdout, decision, metric }),
          mapper.persist("importances", { permutation: outcome.importances, metric }),
          outcome.artifact,
          now,
          status === "active" ? now : null,
          run.versionId,
        ],
      );
      // As in `activate`: the old active version is forgotten before the commit as well as after it.
      if (status === "active") {
        this.activeByName.delete(spec.name);
        this.activations++;
      }
    });
    if (status === "active") {
      if (active) this.cache.drop(active.id);
      this.activeByName.delete(spec.name);
      this.activations++;
      this.knownActiveId.set(spec.name, run.versionId);
      this.onActivated?.(spec.name);
    }
    Object.assign(run, { status: "SUCCEEDED", progress: 1, stage: status, finishedAt: now });
    this.runs.delete(run.versionId);
    this.logger.info({ model: spec.name, versionId: run.versionId, status, decision, seconds: outcome.seconds.total }, "training finished");
  }

  private async fail(run: TrainingRun, err: unknown): Promise<void> {
    const message = err instanceof Error ? err.message : String(err);
    this.logger.error({ err, model: run.modelName, versionId: run.versionId }, "training failed");
    Object.assign(run, { status: "FAILED", stage: "failed", error: message, finishedAt: new Date() });
    try {
      await this.db.write((tx) => tx.execute(`UPDATE "model_versions" SET "status" = 'failed', "error" = ?, "trainedAt" = ? WHERE "id" = ?`, [message, new Date(), run.versionId]));
      this.runs.delete(run.versionId);
    } catch (e) {
      this.logger.error({ err: e }, "could not record the failed training");
    }
  }

  /** Makes a trained version the one that serves (also the way to roll back to a retired version). */
  async activate(globalId: string): Promise<ModelVersion> {
    const version = await this.versionOrThrow(globalId);
    if (version.status === "active") return version;
    if (version.status === "training" || version.status === "failed" || !version.artifact) {
      throw new BadUserInputError("id", `expected a trained version (candidate or retired), found one that is ${version.status}`);
    }
    const previous = await this.activeVersion(version.modelName);
    await this.db.write(async (tx) => {
      await tx.execute(`UPDATE "model_versions" SET "status" = 'retired' WHERE "modelName" = ? AND "status" = 'active'`, [version.modelName]);
      await tx.execute(`UPDATE "model_versions" SET "status" = 'active', "activatedAt" = ? WHERE "id" = ?`, [new Date(), version.id]);
      // Forgotten before the commit too: no request may read the old version from memory once the write is visible
      // (it would be answered, and cached under the new data version, with the old model).
      this.activeByName.delete(version.modelName);
      this.activations++;
    });
    if (previous) this.cache.drop(previous.id);
    this.activeByName.delete(version.modelName);
    this.activations++;
    this.knownActiveId.set(version.modelName, version.id);
    this.onActivated?.(version.modelName);
    return (await this.versionById(version.id))!;
  }

  /** Retires the active version of a model (none serves afterwards); a no-op when none is active. */
  async deactivate(name: string): Promise<void> {
    const previous = await this.activeVersion(name);
    if (!previous) return;
    await this.db.write(async (tx) => {
      await tx.execute(`UPDATE "model_versions" SET "status" = 'retired' WHERE "modelName" = ? AND "status" = 'active'`, [name]);
      this.activeByName.delete(name);
      this.activations++;
    });
    this.cache.drop(previous.id);
    this.activeByName.delete(name);
    this.activations++;
    this.knownActiveId.set(name, null);
    this.onActivated?.(name);
  }

  /** Predictions of the active version for feature rows, or undefined when no version is active. */
  async predict(name: string, rows: FeatureRow[]): Promise<{ version: ModelVersion; values: number[] } | undefined> {
    const version = await this.activeVersion(name);
    if (!version) return undefined;
    const model = await this.cache.get(version.id);
    return { version, values: model.predict(rows) };
  }

  /** The model of a version (cached). */
  model(versionId: number) {
    return this.cache.get(versionId);
  }

  get featureStore(): FeatureStore {
    return this.features;
  }
}

/** Whether the feature store can still build a feature of a trained model, with the kind the model expects. */
function builds(entity: ModelSpec["entity"], f: FeatureSpec): boolean {
  if (entity === "post") return postFeatures[f.name]?.kind === f.kind;
  if (entity !== "user") return false;
  if (extraFeature(f.name) !== undefined) return true;
  if (topicFeature(f.name) !== undefined) return f.kind === "numeric";
  return userFeatures[f.name]?.kind === f.kind;
}

function fmt(v: number | undefined): string {
  return v === undefined || !Number.isFinite(v) ? "n/a" : Math.abs(v) >= 100 ? v.toFixed(1) : v.toPrecision(4);
}

function pct(v: number): string {
  return Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : "n/a";
}

function signed(v: number): string {
  return `${v >= 0 ? "+" : ""}${pct(v)}`;
}

/** The data-quality report of labelled texts, in the shape every version stores. */
export function textQualityReport(examples: ReadonlyArray<{ text: string; label: string }>): QualityReport {
  const balance: Record<string, number> = {};
  for (const e of examples) balance[e.label] = (balance[e.label] ?? 0) + 1;
  const labelsOf = new Map<string, Set<string>>();
  for (const e of examples) {
    const set = labelsOf.get(e.text) ?? new Set<string>();
    set.add(e.label);
    labelsOf.set(e.text, set);
  }
  const distinct = labelsOf.size;
  const conflicting = [...labelsOf.values()].filter((s) => s.size > 1).length;
  const empty = examples.filter((e) => e.text.trim() === "").length;
  const errors: string[] = [];
  const warnings: string[] = [];
  if (examples.length === 0) errors.push("expected labelled examples, found none");
  else if (Object.keys(balance).length < 2) errors.push(`expected at least two labels, found only ${Object.keys(balance).join(", ")}`);
  for (const [label, n] of Object.entries(balance)) if (examples.length > 0 && n / examples.length < 0.05) warnings.push(`label ${label} is rare: ${n} of ${examples.length} examples`);
  if (conflicting > 0) warnings.push(`${conflicting} texts appear with more than one label`);
  if (examples.length > 0 && !balance.neutral) {
    warnings.push("no neutral examples: the model can only say positive or negative, so once active it labels no text NEUTRAL (except empty and non-English texts, which keep the lexicon's answer); add neutral examples for a 3-class model");
  }
  return {
    rows: examples.length,
    columns: [{ name: "text", kind: "categorical", missing: empty, distinct, constant: distinct === 1 }],
    duplicateRows: examples.length - distinct,
    target: { missing: 0, classBalance: balance },
    cleaning: ["texts were cleaned when stored (Unicode NFC, control characters removed, trimmed); training cuts them at 10,000 characters"],
    errors,
    warnings,
  };
}

/**
 * Whether the active version's recorded holdout was measured on the same held-out rows as this training's
 * (same fingerprint: entities, targets and split) with the same metric.
 */
function sameRows(active: ModelVersion, outcome: TrainOutcome, metric: MetricName): boolean {
  const recorded = active.holdoutMetrics as { fingerprint?: string; metric?: string; model?: Metrics } | null;
  return (
    outcome.holdout.fingerprint !== undefined &&
    recorded?.fingerprint === outcome.holdout.fingerprint &&
    recorded.metric === metric &&
    typeof recorded.model?.[metric] === "number" &&
    Number.isFinite(recorded.model[metric])
  );
}
