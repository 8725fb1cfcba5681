import { readFileSync } from "node:fs";
import type { SentimentExample } from "./learned-sentiment";
import { labelOf, sentimentLabels, type SentimentLabel } from "./sentiment";
import { cleanText } from "./text";

/** Longest example text, after cleaning (what `addSentimentExamples` accepts). */
export const maxExampleChars = 10_000;
/** A plain decimal number (`0.5`, `-.25`, `1e-2`); `Number()` alone would also read `0x0`, `Infinity` or ` `. */
const decimal = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Reads a labelled sentiment file in the shared format (../shared/data/sentiment/README.md):
 * `label<TAB>score<TAB>text`, a header line first, UTF-8, one example a line. `label` is negative,
 * neutral or positive; `score` is a number in [-1, 1] or empty (→ null), and where given the label is its
 * band (|score| < 0.05 neutral, as every file there is); `text` is the rest of the line (a tab inside it
 * is kept). Blank lines are skipped; CRLF line ends and a BOM are accepted. With `storable` (the importer),
 * the text must also be 1–10,000 characters once cleaned, as the server stores it: every check the server
 * makes on an example is then made here, so an import skips (or, with --strict, refuses) a bad row instead
 * of having a whole batch rejected after others were written. The evaluation reads any text (an empty one
 * has a defined answer).
 */

export const sentimentTsvHeader = ["label", "score", "text"] as const;

/** One bad row: its line, the column at fault and why. */
export interface SentimentTsvProblem {
  line: number;
  column?: string;
  message: string;
}

/** A good row, with its line and its ordinal among the file's non-blank rows (bad ones counted). */
export type SentimentTsvRow = SentimentExample & { line: number; row: number };

/** Every row of a file: the good ones and the problems of the bad ones (a bad header is a problem of line 1 and ends the file). */
export function parseSentimentTsvRows(content: string, options: { storable?: boolean } = {}): { rows: SentimentTsvRow[]; problems: SentimentTsvProblem[] } {
  const lines = content.replace(/^\uFEFF/, "").split(/\r?\n/);
  const header = lines[0]?.split("\t").map((h) => h.trim());
  if (!header || header.length < 3 || header[0] !== "label" || header[1] !== "score" || header[2] !== "text") {
    return { rows: [], problems: [{ line: 1, message: `expected the header "label<TAB>score<TAB>text", found ${JSON.stringify(lines[0] ?? "")}` }] };
  }
  const rows: SentimentTsvRow[] = [];
  const problems: SentimentTsvProblem[] = [];
  let row = 0;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === "") continue;
    row++;
    const problem = (column: string | undefined, message: string) => problems.push({ line: i + 1, ...(column ? { column } : {}), message });
    const first = line.indexOf("\t");
    const second = first < 0 ? -1 : line.indexOf("\t", first + 1);
    if (second < 0) {
      problem(undefined, `expected 3 tab-separated fields (label, score, text), found ${first < 0 ? 1 : 2}`);
      continue;
    }
    const label = line.slice(0, first).trim();
    if (!sentimentLabels.includes(label as SentimentLabel)) {
      problem("label", `expected a label of ${sentimentLabels.join(", ")}, found ${JSON.stringify(label)}`);
      continue;
    }
    const rawScore = line.slice(first + 1, second).trim();
    let score: number | null = null;
    if (rawScore !== "") {
      score = decimal.test(rawScore) ? Number(rawScore) : NaN;
      if (!Number.isFinite(score) || score < -1 || score > 1) {
        problem("score", `expected an empty score or a number in [-1, 1], found ${JSON.stringify(rawScore)}`);
        continue;
      }
      if (labelOf(score) !== label) {
        problem("label", `expected ${labelOf(score)} for the score ${rawScore} (|score| < 0.05 is neutral), found ${label}`);
        continue;
      }
    }
    const text = line.slice(second + 1);
    const cleaned = cleanText(text).length;
    if (options.storable && (cleaned < 1 || cleaned > maxExampleChars)) {
      problem("text", `expected 1–${maxExampleChars} characters (after trimming and removing control characters), found ${cleaned}`);
      continue;
    }
    rows.push({ label: label as SentimentLabel, score, text, line: i + 1, row });
  }
  return { rows, problems };
}

/** The examples of a file; its first bad row fails the whole file with the file's name and line number. */
export function parseSentimentTsv(content: string, file = "<input>"): SentimentExample[] {
  const { rows, problems } = parseSentimentTsvRows(content);
  if (problems.length > 0) {
    const p = problems[0];
    throw new Error(`${file}:${p.line}: ${p.message}`);
  }
  return rows.map(({ label, score, text }) => ({ label, score, text }));
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
