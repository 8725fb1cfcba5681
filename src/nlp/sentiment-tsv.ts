import { readFileSync } from "node:fs";
import type { SentimentExample } from "./learned-sentiment";
import { sentimentLabels, type SentimentLabel } from "./sentiment";

/**
 * Reads a labelled sentiment file in the shared format (../shared/data/sentiment/README.md):
 * `label<TAB>score<TAB>text`, a header line first, UTF-8, one example a line. `label` is negative,
 * neutral or positive; `score` is a number in [-1, 1] or empty (→ null); `text` is the rest of the line
 * (a tab inside it is kept). Blank lines are skipped; CRLF line ends and a BOM are accepted. A bad row
 * fails the whole file with its name and line number.
 */

export const sentimentTsvHeader = ["label", "score", "text"] as const;

export function parseSentimentTsv(content: string, file = "<input>"): SentimentExample[] {
  const lines = content.replace(/^\uFEFF/, "").split(/\r?\n/);
  const header = lines[0]?.split("\t").map((h) => h.trim());
  if (!header || header.length < 3 || header[0] !== "label" || header[1] !== "score" || header[2] !== "text") {
    throw new Error(`${file}:1: expected the header "label<TAB>score<TAB>text", found ${JSON.stringify(lines[0] ?? "")}`);
  }
  const out: SentimentExample[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === "") continue;
    const where = `${file}:${i + 1}`;
    const first = line.indexOf("\t");
    const second = first < 0 ? -1 : line.indexOf("\t", first + 1);
    if (second < 0) throw new Error(`${where}: expected 3 tab-separated fields (label, score, text), found ${first < 0 ? 1 : 2}`);
    const label = line.slice(0, first).trim();
    if (!sentimentLabels.includes(label as SentimentLabel)) throw new Error(`${where}: expected a label of ${sentimentLabels.join(", ")}, found ${JSON.stringify(label)}`);
    const rawScore = line.slice(first + 1, second).trim();
    let score: number | null = null;
    if (rawScore !== "") {
      score = Number(rawScore);
      if (!Number.isFinite(score) || score < -1 || score > 1) throw new Error(`${where}: expected an empty score or a number in [-1, 1], found ${JSON.stringify(rawScore)}`);
    }
    out.push({ label: label as SentimentLabel, score, text: line.slice(second + 1) });
  }
  return out;
}

export function readSentimentTsv(file: string): SentimentExample[] {
  let content: string;
  try {
    content = readFileSync(file, "utf8");
  } catch (err) {
    throw new Error(`cannot read ${file}: ${(err as Error).message}`);
  }
  return parseSentimentTsv(content, file);
}
