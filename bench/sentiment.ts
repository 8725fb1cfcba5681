/**
 * The `sentiment` case, run in a child process of its own (no server, one thread): the throughput of
 * sentiment scoring on ingest against raw wink-nlp on the same texts, in the same run.
 *
 * Texts: every post and comment text of the demo generator (default seed and sizes). Variants, timed in
 * turns (A B C … A B C …) so that machine drift hits all of them alike, each after a full garbage collection
 * (so none pays for another's garbage), median of the rounds:
 * - raw wink-nlp, the same pipe as ours (`sbd, negation, sentiment`): `readDoc(t).out(its.sentiment)`;
 * - raw wink-nlp with its default (full) pipe, what `winkNLP(model)` gives;
 * - `scoreSentiment`: what ingest runs per text (cleaning, truncation, scores, sentence scores, language);
 * - `analyzeSentiment`: the full analysis behind `analyzeText` (parts and keywords too);
 * - the ingest path with storage: `SentimentService.score` into a fresh SQLite file (one upsert per
 *   1,000 texts), i.e. what `upsertPosts` / `recordInteractions` add per text.
 * Prints one JSON line (the parent reads the last line).
 */
import "reflect-metadata";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import winkNLP from "wink-nlp";
import model from "wink-eng-lite-web-model";
import { readConfig } from "../src/config";
import { createLogger } from "../src/lib/logger";
import { analyzeSentiment, scoreSentiment } from "../src/nlp/sentiment";
import { nlpPipe } from "../src/nlp/nlp";
import type { TextToScore } from "../src/modules/sentiment/sentiment.service";
import { closeServices, createServices } from "../src/server";
import { generateDemoData } from "../seeds/generate";
import { existsSync } from "node:fs";
import { trainSentimentModel } from "../src/nlp/learned-sentiment";
import { readSentimentTsv } from "../src/nlp/sentiment-tsv";
import { projectRoot } from "../src/config";

export interface SentimentVariant {
  name: string;
  textsPerSecond: number;
  microsPerText: number;
  /** Time per text ÷ raw wink-nlp's with the same pipe: the median over rounds of the round's ratio. */
  vsRawSamePipe: number;
  rounds: number[];
}

export interface SentimentCaseResult {
  texts: number;
  meanChars: number;
  rounds: number;
  variants: SentimentVariant[];
  target: { ratio: number; holds: boolean };
}

v8.setFlagsFromString("--expose-gc");
/** A full garbage collection, between timed runs (the flag set at start exposes `gc` to a new context). */
const collectGarbage = vm.runInNewContext("gc") as () => void;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 7);
  const data = generateDemoData({ seed: 42, users: 2000, posts: 1500, interactions: 60000 });
  const texts: string[] = data.posts.map((p) => p.text);
  for (const i of data.interactions()) if (i.text) texts.push(i.text);
  const meanChars = texts.reduce((s, t) => s + t.length, 0) / texts.length;

  const same = winkNLP(model, [...nlpPipe]);
  const full = winkNLP(model);
  const dir = mkdtempSync(path.join(os.tmpdir(), "resonance-bench-sentiment-"));
  const config = readConfig({ ...process.env, DATABASE_URL: `sqlite:${path.join(dir, "s.db")}`, SEED_ON_EMPTY: "false", LOG_LEVEL: "warn" });
  const services = await createServices(config, createLogger("warn"));
  const items: TextToScore[] = texts.map((text, i) => ({ targetType: "INTERACTION", targetId: i + 1, postId: 1, userId: 1, accountId: 1, occurredAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000), text }));

  // A learned version to time, when the shared labelled tweets are here: trained once, untimed.
  const tweets = path.resolve(projectRoot, "..", "shared", "data", "sentiment", "vader_tweets.tsv");
  const learned = existsSync(tweets) ? trainSentimentModel(readSentimentTsv(tweets), { seed: 42 }).model : null;
  if (!learned) process.stderr.write(`sentiment bench: ${tweets} is absent, so the learned model is not timed\n`);

  let sink = 0;
  const variants: Array<{ name: string; run: () => Promise<void> | void; times: number[] }> = [
    { name: "raw wink-nlp, same pipe (sbd, negation, sentiment)", run: () => texts.forEach((t) => (sink += same.readDoc(t).out(same.its.sentiment) as unknown as number)), times: [] },
    { name: "raw wink-nlp, default pipe", run: () => texts.forEach((t) => (sink += full.readDoc(t).out(full.its.sentiment) as unknown as number)), times: [] },
    { name: "scoreSentiment (what ingest runs per text)", run: () => texts.forEach((t) => (sink += scoreSentiment(t).score)), times: [] },
    { name: "analyzeSentiment (analyzeText: parts, keywords)", run: () => texts.forEach((t) => (sink += analyzeSentiment(t).score)), times: [] },
    { name: "ingest scoring with storage (SentimentService.score, SQLite)", run: async () => void (sink += await services.sentiment.score(items)), times: [] },
  ];
  if (learned) {
    variants.push({
      name: "learned model (trained on vader_tweets.tsv), predict in batches of 500 — runs in its worker, after ingest",
      run: () => {
        for (let i = 0; i < texts.length; i += 500) for (const p of learned.predict(texts.slice(i, i + 500))) sink += p.score;
      },
      times: [],
    });
  }
  // One untimed round to warm up the JIT and the database.
  for (const v of variants) await v.run();
  for (let r = 0; r < rounds; r++) {
    for (const v of variants) {
      // Each variant starts on a collected heap: without this, one paid for the garbage of the variant before it
      // (the default pipe's, the learned model's), and the same code measured 1.17× to 1.83× raw wink in five runs.
      collectGarbage();
      const t = performance.now();
      await v.run();
      v.times.push(performance.now() - t);
    }
    process.stderr.write(`sentiment bench: round ${r + 1}/${rounds}\n`);
  }
  await closeServices(services);
  rmSync(dir, { recursive: true, force: true });
  // The ratio is the median over rounds of each round's time ÷ raw wink-nlp's in the same round: a round's variants
  // run seconds apart, so a slow spell of the machine (rounds here swing 2× from one to the next) hits both sides.
  const base = variants[0].times;
  const out: SentimentVariant[] = variants.map((v) => {
    const ms = median(v.times);
    return { name: v.name, textsPerSecond: (texts.length / ms) * 1000, microsPerText: (ms * 1000) / texts.length, vsRawSamePipe: median(v.times.map((t, r) => t / base[r])), rounds: v.times };
  });
  const ratio = out[2].vsRawSamePipe;
  const result: SentimentCaseResult = { texts: texts.length, meanChars, rounds, variants: out, target: { ratio, holds: ratio <= 1.5 } };
  if (Number.isNaN(sink)) process.stderr.write("unexpected NaN\n");
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

export function sentimentMarkdown(r: SentimentCaseResult): string[] {
  const lines = [
    `### Sentiment scoring (${r.texts.toLocaleString("en-US")} demo texts, ${Math.round(r.meanChars)} characters on average; median of ${r.rounds} rounds, one thread; ratios are the median of each round's)`,
    "",
    "| variant | texts/s | µs per text | time vs raw wink-nlp (same pipe) |",
    "| --- | ---: | ---: | ---: |",
    ...r.variants.map((v) => `| ${v.name} | ${Math.round(v.textsPerSecond).toLocaleString("en-US")} | ${v.microsPerText.toFixed(1)} | ${v.vsRawSamePipe.toFixed(2)} |`),
    "",
    `Target (scoring on ingest within 1.5× of raw wink-nlp on the same texts): scoreSentiment takes ${r.target.ratio.toFixed(2)}× — ${r.target.holds ? "holds" : "DOES NOT hold"}.`,
    "",
  ];
  return lines;
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`${(err as Error).stack ?? err}\n`);
    process.exit(1);
  });
}
