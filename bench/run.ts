import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { projectRoot } from "../src/config";
import { BatchFactory } from "./batches";
import { runNode, spawnServer, type ChildServer } from "./children";
import { pgActivity, pgCounts, preparePostgres, prepareSqlite, sqliteCounts, useSqliteFile, type Dataset } from "./dataset";
import { forestMarkdown, runForestCase, type ForestCaseResult } from "./forest-case";
import { sentimentMarkdown, type SentimentCaseResult } from "./sentiment";
import { collectIds, expectSuccess, nodeQuery, postsQuery, recommendationsQuery, requestBody, typenameQuery } from "./graphql";
import { waitIdle } from "./idle";
import { loadPhase, type PhaseResult, type Workload } from "./load";
import { defaultOptions, parseOptions, usage, type BenchOptions, type CaseName } from "./options";
import { addRatios, markdownTable, type CaseResult } from "./report";
import { startTrainingLoop, summarisePhase, trainingMarkdown, trainOnce, type TrainingPhase, type TrainingRunRecord } from "./training";

type ServerKey = "http" | "apollo" | "resonance" | "resonance-nocache" | "resonance-write" | "resonance-training";

interface CaseDef {
  name: CaseName;
  label: string;
  server: ServerKey;
  rowsPerRequest?: number;
  /** The batches a write case sends (to check the rows it added). */
  factory?: BatchFactory;
  /** A fresh workload for one phase (warm-up or measured). */
  workload(phase: string): Workload;
  /** posts-training: the server trains a model in a loop during both phases of this row. */
  training?: boolean;
}

/** What a recordInteractions phase saw in its responses. */
interface WriteTally {
  recorded: number;
  okResponses: number;
}

/** Rows counted in the database around one recordInteractions case, against what the responses said. */
interface WriteCheck {
  connections: number;
  /** Row counts before the warm-up, between the phases and after the measurement (each once the server is idle). */
  rows: { beforeWarmup: number; afterWarmup: number; afterMeasured: number };
  warmup: { added: number; reported: number; batchesBuilt: number };
  /**
   * The measured phase: `reported` is what its 2xx responses said they recorded; `added` also holds
   * the batches still in flight when the load stopped, which the server finished afterwards.
   */
  measured: { added: number; reported: number; okResponses: number; batchesBuilt: number; seconds: number };
  /** reported ≤ added ≤ batches built × batch size in both phases, and every success recorded a whole batch. */
  ok: boolean;
}

const started = Date.now();
const elapsed = () => {
  const s = Math.round((Date.now() - started) / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
};
const log = (line: string) => process.stderr.write(`[bench ${elapsed()}] ${line}\n`);

const noErrors = (body: string) => !body.includes('"errors"');
const jsonHeaders = { "content-type": "application/json" };
const fixed = (body: string): Workload => ({ requests: [{ method: "POST", path: "/graphql", headers: jsonHeaders, body }], verifyBody: noErrors });

function git(args: string[]): string | undefined {
  try {
    return execFileSync("git", args, { cwd: projectRoot, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return undefined;
  }
}

function serverEnv(databaseUrl: string, responseCache: boolean): Record<string, string | undefined> {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "production",
    LOG_LEVEL: "warn",
    HOST: "127.0.0.1",
    PORT: "0",
    DATABASE_URL: databaseUrl,
    SEED_ON_EMPTY: "false",
    RESPONSE_CACHE: responseCache ? "true" : "false",
  };
}

/** Polls a row count until it stops moving (requests still in flight when the load stopped finish first). */
async function settledCount(count: () => Promise<number>): Promise<number> {
  let last = await count();
  for (let i = 0; i < 120; i++) {
    await new Promise((r) => setTimeout(r, 300));
    const now = await count();
    if (now === last) return now;
    last = now;
  }
  return last;
}

async function main(options: BenchOptions): Promise<void> {
  const root = projectRoot;
  const dist = path.join(root, "dist");
  const selected = new Set<CaseName>(options.only);
  if (options.pg && (selected.has("posts-nocache") || selected.has("node-nocache"))) {
    log("PostgreSQL: the response cache only works on SQLite, so the *-nocache cases are skipped");
    selected.delete("posts-nocache");
    selected.delete("node-nocache");
  }

  // 1. The data set: seeded once and cached (SQLite), or seeded into / found in PostgreSQL.
  let dataset: Dataset;
  let databaseUrl = (_copy: string) => "";
  if (options.pg) {
    const url = process.env.DATABASE_URL;
    if (!url?.startsWith("postgres")) throw new Error(`expected DATABASE_URL=postgres://… with --pg, found "${url ?? ""}"`);
    dataset = await preparePostgres(root, url, options.sizes, log);
    databaseUrl = () => url;
  } else {
    dataset = options.db ? useSqliteFile(root, options.db, log) : await prepareSqlite(root, options.sizes, options.fresh, log);
    databaseUrl = (copy) => `sqlite:${copy}`;
  }

  const tmp = mkdtempSync(path.join(os.tmpdir(), "resonance-bench-"));
  const servers = new Map<ServerKey, ChildServer>();
  const stopAll = () => Promise.all([...servers.values()].map((s) => s.stop()));
  const onSignal = () => {
    log("interrupted: stopping the servers");
    void stopAll().finally(() => process.exit(130));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  try {
    // 2. Resonance servers, each on its own copy of the SQLite file (one PostgreSQL database for all).
    const copies = new Map<ServerKey, string>();
    const startResonance = async (key: ServerKey, responseCache: boolean) => {
      let target = "";
      if (dataset.file) {
        target = path.join(tmp, `${key}.db`);
        copyFileSync(dataset.file, target);
        copies.set(key, target);
      }
      const server = await spawnServer({
        name: key,
        script: path.join(dist, "src", "main.js"),
        env: serverEnv(databaseUrl(target), responseCache),
        cwd: root,
      });
      servers.set(key, server);
      log(`${key} ready at ${server.url} (pid ${server.pid}, response cache ${responseCache ? "on" : "off"})`);
      return server;
    };
    log("starting the Resonance servers…");
    await Promise.all([
      startResonance("resonance", true),
      selected.has("posts-nocache") || selected.has("node-nocache") || selected.has("recommendations") ? startResonance("resonance-nocache", false) : undefined,
      selected.has("record") || selected.has("record-stream") ? startResonance("resonance-write", true) : undefined,
      selected.has("posts-training") ? startResonance("resonance-training", false) : undefined,
    ]);
    const resonance = servers.get("resonance")!;

    // 3. The real posts(first: 20) response, whose bytes the bare node:http baseline serves.
    const postsBody = requestBody(postsQuery);
    const captured = await expectSuccess(resonance.url, postsBody, "posts(first: 20)");
    const edges = (captured.json.data as { posts: { edges: unknown[] } }).posts.edges.length;
    if (edges !== 20) throw new Error(`posts(first: 20): expected 20 edges, found ${edges} (is the database seeded?)`);
    const capturedBytes = Buffer.byteLength(captured.text);
    const bodyFile = path.join(tmp, "posts-response.json");
    writeFileSync(bodyFile, captured.text);
    log(`captured the posts(first: 20) response: ${capturedBytes} bytes`);

    log("starting the baselines…");
    const [httpServer, apolloServer] = await Promise.all([
      spawnServer({
        name: "bare node:http",
        script: path.join(dist, "bench", "baseline-http.js"),
        env: { PATH: process.env.PATH, NODE_ENV: "production", BENCH_BODY_FILE: bodyFile },
        cwd: root,
      }),
      spawnServer({ name: "bare Apollo", script: path.join(dist, "bench", "baseline-apollo.js"), env: { PATH: process.env.PATH, NODE_ENV: "production" }, cwd: root }),
    ]);
    servers.set("http", httpServer);
    servers.set("apollo", apolloServer);
    log(`baselines ready: node:http ${httpServer.url}, Apollo ${apolloServer.url}`);

    // 4. Ids for node(id) and for the interaction batches.
    const postIds = await collectIds(resonance.url, "posts", defaultOptions.nodeIds);
    const userIds = selected.has("record") || selected.has("record-stream") || selected.has("recommendations") ? await collectIds(resonance.url, "users", defaultOptions.nodeIds) : [];
    log(`collected ${postIds.length} post ids${userIds.length ? ` and ${userIds.length} user ids` : ""}`);
    const nodeBodies = postIds.map((id) => requestBody(nodeQuery, { id }));
    const rotating = (): Workload => {
      let next = 0;
      return {
        requests: [
          {
            method: "POST",
            path: "/graphql",
            headers: jsonHeaders,
            body: nodeBodies[0],
            setupRequest: (req) => ((req.body = nodeBodies[next++ % nodeBodies.length]), req),
          },
        ],
        verifyBody: noErrors,
      };
    };
    // recommendations: people in turn, each ranked once before any load (warm: the fit and their list are cached).
    const recBodies = userIds.map((id) => requestBody(recommendationsQuery, { userId: id }));
    if (selected.has("recommendations")) {
      const target = servers.get("resonance-nocache")!.url;
      const t = Date.now();
      await expectSuccess(target, recBodies[0], "recommendations (fit)");
      log(`recommendations: first request (the fit) took ${((Date.now() - t) / 1000).toFixed(1)} s; ranking ${recBodies.length} people once…`);
      for (let i = 0; i < recBodies.length; i += 8) await Promise.all(recBodies.slice(i, i + 8).map((b) => expectSuccess(target, b, "recommendations (warm-up)")));
      log(`recommendations: ${recBodies.length} people ranked in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
    const rotatingRecs = (): Workload => {
      let next = 0;
      return {
        requests: [{ method: "POST", path: "/graphql", headers: jsonHeaders, body: recBodies[0], setupRequest: (req) => ((req.body = recBodies[next++ % recBodies.length]), req) }],
        verifyBody: noErrors,
      };
    };
    const runTag = `${Date.now().toString(36)}${process.pid.toString(36)}`;
    const batches = userIds.length ? new BatchFactory(userIds, postIds, { size: options.batch, mode: "uniform" }) : undefined;
    const streamBatches = userIds.length ? new BatchFactory(userIds, postIds, { size: options.batch, mode: "stream", seed: 11 }) : undefined;
    let tally: WriteTally = { recorded: 0, okResponses: 0 };
    const recordingWith = (source: () => BatchFactory, name: string) => (phase: string): Workload => {
      const factory = source();
      return {
        requests: [
          {
            method: "POST",
            path: "/graphql",
            headers: jsonHeaders,
            setupRequest: (req) => ((req.body = factory.next(`bench-${runTag}-${name}-${phase}`)), req),
            onResponse: (status, body) => {
              if (status < 200 || status >= 300 || body.includes('"errors"')) return;
              const m = /"recorded":(\d+)/.exec(body);
              if (m) {
                tally.recorded += Number(m[1]);
                tally.okResponses += 1;
              }
            },
          },
        ],
        verifyBody: noErrors,
      };
    };
    const recording = recordingWith(() => batches!, "uniform");
    const recordingStream = recordingWith(() => streamBatches!, "stream");

    const idleLabel = "posts(first: 20), response cache off, training server idle";
    const trainingLabel = `posts(first: 20), response cache off, while training "${options.trainModel}"`;
    const all: CaseDef[] = [
      { name: "http", label: `bare node:http, fixed ${capturedBytes}-byte JSON`, server: "http", workload: () => fixed(postsBody) },
      { name: "apollo", label: "bare Apollo 5 `{ __typename }`", server: "apollo", workload: () => fixed(requestBody(typenameQuery)) },
      { name: "posts", label: "posts(first: 20)", server: "resonance", workload: () => fixed(postsBody) },
      { name: "posts-nocache", label: "posts(first: 20), response cache off", server: "resonance-nocache", workload: () => fixed(postsBody) },
      { name: "node", label: `node(id), ${postIds.length} ids in turn`, server: "resonance", workload: rotating },
      { name: "node-nocache", label: `node(id), ${postIds.length} ids, response cache off`, server: "resonance-nocache", workload: rotating },
      {
        name: "recommendations",
        label: `recommendations(userId, first: 10) with reasons, ${userIds.length} people in turn (warm), response cache off`,
        server: "resonance-nocache",
        workload: rotatingRecs,
      },
      {
        name: "record",
        label: `recordInteractions, ${options.batch} rows/request`,
        server: "resonance-write",
        rowsPerRequest: options.batch,
        workload: recording,
        factory: batches,
      },
      {
        name: "record-stream",
        label: `recordInteractions, ${options.batch} rows/request, live stream (newest posts, in time order)`,
        server: "resonance-write",
        rowsPerRequest: options.batch,
        workload: recordingStream,
        factory: streamBatches,
      },
      // The same server, first idle, then while it trains: the idle row is measured right before.
      { name: "posts-training", label: idleLabel, server: "resonance-training", workload: () => fixed(postsBody) },
      { name: "posts-training", label: trainingLabel, server: "resonance-training", workload: () => fixed(postsBody), training: true },
    ];
    let cases = all.filter((c) => selected.has(c.name));

    // 5. One request per case first: each must be a real success.
    for (const c of cases) {
      const server = servers.get(c.server)!;
      const request = c.workload("check").requests[0];
      const body = request.setupRequest ? (request.setupRequest({ ...request }, {})!.body as string) : (request.body as string);
      const reply = await expectSuccess(server.url, body, c.label);
      if (c.rowsPerRequest) {
        const recorded = (reply.json.data as { recordInteractions: { recorded: number } }).recordInteractions.recorded;
        if (recorded !== options.batch) throw new Error(`${c.label}: expected the check batch to record ${options.batch} rows, found ${recorded}`);
      }
      if (c.name === "http" && reply.text !== captured.text) throw new Error("bare node:http: expected the captured bytes back");
    }
    log(`checked ${cases.length} cases with one request each: all successful`);

    // posts-training: one run of the model, to completion, before any load; the case needs it to succeed.
    let trainingCheck: TrainingRunRecord | undefined;
    let trainingSkipped: string | undefined;
    if (selected.has("posts-training")) {
      log(`training "${options.trainModel}" once on the training server (check)…`);
      try {
        trainingCheck = await trainOnce(servers.get("resonance-training")!.url, options.trainModel);
        if (trainingCheck.status !== "SUCCEEDED") trainingSkipped = `the check run of "${options.trainModel}" FAILED: ${trainingCheck.error ?? "no error text"}`;
      } catch (err) {
        trainingSkipped = (err as Error).message;
      }
      if (trainingSkipped) {
        log(`posts-training skipped: ${trainingSkipped} (pick another spec with --train-model)`);
        cases = cases.filter((c) => c.name !== "posts-training");
      } else log(`training check: "${options.trainModel}" SUCCEEDED in ${trainingCheck!.serverSeconds.toFixed(1)} s`);
    }

    const countRows = async (): Promise<number> => {
      if (options.pg) return (await pgCounts(process.env.DATABASE_URL!))!.interactions;
      return sqliteCounts(copies.get("resonance-write")!).interactions;
    };

    // 6. The load: for each connection count, every case (warm-up, then measured). Before each phase
    // every server must be idle, so leftovers of the previous phase do not run into the next one.
    const results: CaseResult[] = [];
    const writeChecks: WriteCheck[] = [];
    const trainingPhases: TrainingPhase[] = [];
    const pids = () => [...servers.values()].map((s) => s.pid);
    /** Where the run is, for the log; and the PostgreSQL sessions last seen stuck (busy, never progressing). */
    let current = "the start";
    let stuck: { sessions: string; count: number; since: string } | undefined;
    const idle = async () => {
      const t = performance.now();
      await waitIdle(pids());
      if (options.pg) {
        // A server waiting on PostgreSQL uses no CPU: also wait until the database's busy sessions are
        // gone or stop making progress (a session stuck "idle in transaction" never goes away).
        const url = process.env.DATABASE_URL!;
        let last = await pgActivity(url);
        for (let i = 0; i < 120 && last !== ""; i++) {
          await new Promise((r) => setTimeout(r, 500));
          const now = await pgActivity(url);
          if (now === last) {
            if (now !== stuck?.sessions) {
              stuck = { sessions: now, count: now.split(",").length, since: current };
              log(`PostgreSQL: ${stuck.count} sessions busy without progress since ${current} (${now})`);
            }
            break;
          }
          last = now;
        }
        await waitIdle(pids());
      }
      const waited = performance.now() - t;
      if (waited > 1000) log(`waited ${(waited / 1000).toFixed(1)} s for the servers to go idle`);
    };
    const hasWrites = cases.some((c) => c.rowsPerRequest !== undefined);
    const rowsAtStart = hasWrites ? await countRows() : 0;
    for (const connections of options.connections) {
      for (const c of cases) {
        const url = servers.get(c.server)!.url;
        const isWrite = c.rowsPerRequest !== undefined;
        current = `${c.label} c=${connections}`;
        const counted = async () => (await idle(), isWrite ? await settledCount(countRows) : 0);
        const beforeWarmup = await counted();
        const builtBeforeWarmup = c.factory?.built ?? 0;
        tally = { recorded: 0, okResponses: 0 };
        const loop = c.training ? startTrainingLoop(url, options.trainModel, log) : undefined;
        let warmup: PhaseResult | undefined;
        if (options.warmup > 0) {
          log(`${c.label} c=${connections} warm-up ${options.warmup} s…`);
          warmup = await loadPhase(url, connections, options.warmup, c.workload(`c${connections}w`), defaultOptions.timeout);
        }
        const warmTally = tally;
        // With training in the background, the server never goes idle: no wait between its two phases.
        const afterWarmup = loop ? 0 : await counted();
        const builtBeforeMeasured = c.factory?.built ?? 0;
        tally = { recorded: 0, okResponses: 0 };
        log(`${c.label} c=${connections} measuring ${options.duration} s…`);
        const windowStart = performance.now();
        const measured = await loadPhase(url, connections, options.duration, c.workload(`c${connections}m`), defaultOptions.timeout);
        const windowEnd = performance.now();
        if (loop) {
          log(`${c.label} c=${connections}: waiting for the training run in flight to finish…`);
          await loop.stop();
          const phase = summarisePhase(connections, options.trainModel, { startMs: windowStart, endMs: windowEnd }, loop, performance.now() - windowEnd);
          trainingPhases.push(phase);
          log(
            `${c.label} c=${connections}: ${phase.completedInWindow} training runs finished in the measured window, ${phase.runs.length} in all ` +
              `(mean ${phase.meanSeconds.toFixed(1)} s); a run was in flight ${Math.round(phase.busyShare * 100)}% of the window`,
          );
        }
        const rows = c.rowsPerRequest ? `, ${Math.round(measured.reqPerSec * c.rowsPerRequest).toLocaleString("en-US")} rows/s` : "";
        log(
          `${c.label} c=${connections}: ${Math.round(measured.reqPerSec).toLocaleString("en-US")} req/s${rows}, ` +
            `p50 ${measured.latency.p50.toFixed(2)} ms, p95 ${measured.latency.p95.toFixed(2)} ms, p99 ${measured.latency.p99.toFixed(2)} ms, ` +
            `non-2xx ${measured.non2xx}, errors ${measured.errors}, GraphQL errors ${measured.mismatches}`,
        );
        results.push({ name: c.name, label: c.label, connections, rowsPerRequest: c.rowsPerRequest, warmup: warmup ?? measured, measured });
        if (isWrite) {
          const afterMeasured = await counted();
          const w = { added: afterWarmup - beforeWarmup, reported: warmTally.recorded, batchesBuilt: builtBeforeMeasured - builtBeforeWarmup };
          const m = {
            added: afterMeasured - afterWarmup,
            reported: tally.recorded,
            okResponses: tally.okResponses,
            batchesBuilt: (c.factory?.built ?? 0) - builtBeforeMeasured,
            seconds: measured.seconds,
          };
          const within = (p: { added: number; reported: number; batchesBuilt: number }) => p.reported <= p.added && p.added <= p.batchesBuilt * options.batch;
          const check: WriteCheck = {
            connections,
            rows: { beforeWarmup, afterWarmup, afterMeasured },
            warmup: w,
            measured: m,
            ok: within(w) && within(m) && m.reported === m.okResponses * options.batch,
          };
          writeChecks.push(check);
          log(
            `${c.label} c=${connections}: measured phase: ${m.okResponses} batches answered, ${m.reported.toLocaleString("en-US")} rows reported recorded; ` +
              `the table grew by ${m.added.toLocaleString("en-US")} rows (${check.ok ? "consistent" : "INCONSISTENT"})`,
          );
        }
      }
    }

    // 7. Stop everything, then count the rows once more with no server running.
    log("stopping the servers…");
    await stopAll();
    const serverLogs = Object.fromEntries([...servers].map(([key, server]) => [key, server.stderr().slice(-8192)]));
    servers.clear();
    const rowsAtEnd = hasWrites ? await countRows() : 0;

    // 8. The write cases' own baseline: bare better-sqlite3 inserts of rows drawn the same way into a
    // fresh copy of the same database (SQLite only), measured now that nothing else runs.
    const insertBaselines: Array<{ mode: string; rowsPerSec: number }> = [];
    if (dataset.file && hasWrites) {
      for (const c of cases.filter((x) => x.rowsPerRequest !== undefined)) {
        const mode = c.name === "record-stream" ? "stream" : "uniform";
        const copy = path.join(tmp, `baseline-${mode}.db`);
        copyFileSync(dataset.file, copy);
        log(`bare better-sqlite3 inserts (${mode}) ${options.duration} s…`);
        const out = JSON.parse((await runNode(path.join(dist, "bench", "baseline-sqlite.js"), [copy, mode, String(options.duration), String(options.batch)], { PATH: process.env.PATH }, root)).trim().split("\n").pop()!) as { rows: number; seconds: number };
        insertBaselines.push({ mode, rowsPerSec: out.rows / out.seconds });
        rmSync(copy, { force: true });
        rmSync(`${copy}-wal`, { force: true });
        rmSync(`${copy}-shm`, { force: true });
      }
    }

    // 9. The forest case: in-process training in child processes, now that no server runs.
    let forest: ForestCaseResult | undefined;
    if (selected.has("forest")) {
      forest = await runForestCase(
        dist,
        root,
        { rows: options.forestRows, features: options.forestFeatures, seed: options.sizes.seed, mlTrees: options.forestMlTrees },
        log,
      );
    }

    // 10. The sentiment case: scoring throughput against raw wink-nlp, in a child process of its own.
    let sentiment: SentimentCaseResult | undefined;
    if (selected.has("sentiment")) {
      log("sentiment: scoring the demo texts, raw wink-nlp and ours in turns…");
      const out = await runNode(path.join(dist, "bench", "sentiment.js"), ["15"], { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: "warn" }, root);
      sentiment = JSON.parse(out.trim().split("\n").pop()!) as SentimentCaseResult;
      log(`sentiment: scoreSentiment takes ${sentiment.target.ratio.toFixed(2)}x raw wink-nlp's time (same pipe)`);
    }

    addRatios(results);
    const cpus = os.cpus();
    const commit = git(["rev-parse", "--short", "HEAD"]);
    const dirty = (git(["status", "--porcelain", "--untracked-files=no"]) ?? "") !== "";
    const stamp = new Date(started).toISOString().replace(/\.\d+Z$/, "Z");
    const wallSeconds = (Date.now() - started) / 1000;
    const sizes = `${dataset.counts.users.toLocaleString("en-US")} users / ${dataset.counts.posts.toLocaleString("en-US")} posts / ${dataset.counts.interactions.toLocaleString("en-US")} interactions`;
    const source = options.db ? `a copy of ${options.db}` : `seeds (seed ${options.sizes.seed})`;
    const lines = [
      `## Resonance bench, ${stamp}`,
      "",
      `- Machine: Node ${process.version}, ${cpus.length} CPUs (${cpus[0]?.model.trim() ?? "unknown"}), shared by the servers and the load generator.`,
      `- Code: commit ${commit ?? "unknown"}${dirty ? " plus uncommitted changes" : ""}.`,
      `- Database: ${dataset.dialect === "postgres" ? "PostgreSQL" : "SQLite (better-sqlite3), one copy of the file per server"}, ${sizes} from ${source}.`,
      `- Load: autocannon 9 in the parent process, ${options.warmup} s warm-up then ${options.duration} s measured per case and connection count.`,
      "- Servers: one child process each, with NODE_ENV=production and LOG_LEVEL=warn. Resonance runs with its default response cache unless a row says otherwise.",
      "- Columns: req/s is the mean of the one-second samples. p50 and p99 are exact, computed from every 2xx response time. " +
        "Errors are socket errors and timeouts. GraphQL errors count 2xx bodies that contain `errors`. " +
        "The two ratio columns divide a row's req/s by that of the baseline at the same connection count in this run.",
      "",
      markdownTable(results),
      "",
    ];
    if (insertBaselines.length) {
      lines.push(
        "Write baseline, same run: bare better-sqlite3 inserts of rows drawn like the batches above into a fresh copy of the same database " +
          `(same schema and indexes, same pragmas, one transaction per ${options.batch} rows; no HTTP, GraphQL, validation, lookups, reach or counters):`,
        "",
        "| rows drawn | bare inserts rows/s | recordInteractions rows/s, c=" + options.connections.join(" / c=") + " | ratio |",
        "| --- | ---: | ---: | ---: |",
      );
      for (const b of insertBaselines) {
        const name = b.mode === "stream" ? "record-stream" : "record";
        const ours = options.connections.map((conn) => results.find((r) => r.name === name && r.connections === conn));
        const rates = ours.map((r) => (r?.rowsPerRequest ? r.measured.reqPerSec * r.rowsPerRequest : Number.NaN));
        lines.push(
          `| ${b.mode} | ${Math.round(b.rowsPerSec).toLocaleString("en-US")} | ${rates.map((v) => (Number.isFinite(v) ? Math.round(v).toLocaleString("en-US") : "–")).join(" / ")} | ` +
            `${rates.map((v) => (Number.isFinite(v) ? (v / b.rowsPerSec).toFixed(2) : "–")).join(" / ")} |`,
        );
      }
      lines.push("");
    }
    if (selected.has("posts-training")) {
      if (trainingSkipped) lines.push(`- posts-training was skipped: ${trainingSkipped}.`, "");
      else {
        const at = (conn: number, label: string) => results.find((r) => r.name === "posts-training" && r.connections === conn && r.label === label)?.measured;
        lines.push(
          ...trainingMarkdown(
            options.trainModel,
            trainingCheck,
            options.connections.map((conn) => ({
              connections: conn,
              idle: at(conn, idleLabel),
              training: at(conn, trainingLabel),
              phase: trainingPhases.find((p) => p.connections === conn),
            })),
          ),
          "",
        );
      }
    }
    if (forest) lines.push(...forestMarkdown(forest), "");
    if (sentiment) lines.push(...sentimentMarkdown(sentiment));
    for (const w of writeChecks) {
      const n = (v: number) => v.toLocaleString("en-US");
      lines.push(
        `- recordInteractions c=${w.connections}, measured ${w.measured.seconds} s: ${n(w.measured.okResponses)} batches answered 2xx without errors, ` +
          `reporting ${n(w.measured.reported)} rows recorded (${n(Math.round(w.measured.reported / w.measured.seconds))} rows/s). ` +
          `The interactions table grew by ${n(w.measured.added)} rows (${n(w.rows.afterWarmup)} → ${n(w.rows.afterMeasured)}, counted once the server was idle, ` +
          `so it includes batches still in flight when the load stopped); ${n(w.measured.batchesBuilt)} batches were built. ` +
          `Warm-up: ${n(w.warmup.reported)} reported, ${n(w.warmup.added)} added. ` +
          `${w.ok ? "Consistent" : "INCONSISTENT"} (reported ≤ added ≤ built × ${options.batch} in both phases, every success a whole batch).`,
      );
    }
    for (const r of results.filter((x) => x.measured.completed === 0)) {
      lines.push(`- ${r.label} c=${r.connections}: no response at all in the measured ${r.measured.seconds} s (requests still pending when the load stopped are not counted as errors).`);
    }
    for (const r of results.filter((x) => x.measured.non2xx + x.measured.errors + x.measured.mismatches > 0)) {
      const firstError = /"msg":"[^"]*"|"message":"[^"]*"/.exec(serverLogs[all.find((c) => c.name === r.name)!.server] ?? "")?.[0];
      lines.push(
        `- ${r.label} c=${r.connections} had failed requests (non-2xx ${r.measured.non2xx}, errors ${r.measured.errors}, GraphQL errors ${r.measured.mismatches})` +
          `${firstError ? `; the server logged ${firstError.replace(/^"(msg|message)":/, "")}` : ""}. Its stderr is in serverLogs in the JSON.`,
      );
    }
    if (stuck) {
      lines.push(
        `- PostgreSQL: ${stuck.count} sessions of this database stayed busy without progress (state "idle in transaction" or a statement that never ends) ` +
          `from ${stuck.since} on; the sessions are listed in the log on stderr.`,
      );
    }
    if (hasWrites) {
      lines.push(
        `- After the servers stopped: ${rowsAtEnd.toLocaleString("en-US")} interactions in the write server's database, ` +
          `${(rowsAtEnd - rowsAtStart).toLocaleString("en-US")} more than before the first load.`,
      );
    }
    if (dataset.seedSeconds !== undefined) {
      lines.push(`- Seeding this data set took ${dataset.seedSeconds.toFixed(1)} s ${dataset.seeded ? "in this run" : "when its cached file was made (not in this run)"}.`);
    }
    lines.push(`- Wall time of this run: ${wallSeconds.toFixed(0)} s.`);
    const markdown = `${lines.join("\n")}\n`;
    process.stdout.write(markdown);

    const outDir = path.join(root, "var", "bench");
    mkdirSync(outDir, { recursive: true });
    const outFile = path.join(outDir, `${stamp.replace(/:/g, "-")}.json`);
    const json = {
      startedAt: new Date(started).toISOString(),
      wallSeconds,
      machine: { node: process.version, platform: `${os.platform()} ${os.release()}`, cpus: cpus.length, cpuModel: cpus[0]?.model.trim(), memoryMB: Math.round(os.totalmem() / 2 ** 20) },
      code: { commit, dirty },
      options,
      dataset: { dialect: dataset.dialect, counts: dataset.counts, seeded: dataset.seeded, seedSeconds: dataset.seedSeconds, seedReport: dataset.seedReport, source },
      capturedPostsResponseBytes: capturedBytes,
      nodeIds: postIds.length,
      results,
      writeChecks,
      stuckPostgresSessions: stuck,
      insertBaselines,
      training: selected.has("posts-training") ? { model: options.trainModel, check: trainingCheck, skipped: trainingSkipped, phases: trainingPhases } : undefined,
      forest,
      sentiment,
      interactionsRows: hasWrites ? { atStart: rowsAtStart, atEnd: rowsAtEnd } : undefined,
      serverLogs,
      markdown,
    };
    writeFileSync(outFile, `${JSON.stringify(json, null, 2)}\n`);
    log(`wrote ${path.relative(root, outFile)} (wall time ${wallSeconds.toFixed(0)} s)`);
    if (writeChecks.some((w) => !w.ok)) process.exitCode = 1;
  } finally {
    await stopAll();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    if (options.keep) log(`kept the database copies in ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
    if (options.db && dataset.file) rmSync(dataset.file, { force: true });
  }
}

let parsed: BenchOptions | "help";
try {
  parsed = parseOptions(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n\n${usage}`);
  process.exit(2);
}
if (parsed === "help") {
  process.stdout.write(usage);
} else {
  main(parsed).catch((err) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
