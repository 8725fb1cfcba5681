import type { UserAttributes } from "../users/user.entity";
import { ImportFormatError, textLines, type ImportProblem, type Parsed } from "./facebook";

/**
 * Pure parsing of a CRM contacts export with an outcome column, in the layout of the UCI "Bank
 * Marketing" file `bank-additional-full.csv` (Moro, Cortez & Rita 2014): semicolon-separated, one
 * header line, string values in double quotes, "unknown" for a missing value, `pdays` 999 for "never
 * contacted before", outcome `y` yes/no. File text in, typed rows and line-numbered problems out, plus
 * the pure mapping of a row to a person's CRM attributes (shared by the import and the evaluation
 * CLI, so both build the same features). Nothing here touches the database.
 */

/** Defaults of the bank parser, in one place. */
export interface BankOptions {
  /** The value that means "missing" (compared case-insensitively; an empty field means missing too). */
  unknown: string;
  /** The `pdays` value that means "never contacted before". */
  neverContacted: number;
  /** The ages the users service accepts; others are problems of their line. */
  minAge: number;
  maxAge: number;
}

export const defaultBankOptions: Readonly<BankOptions> = { unknown: "unknown", neverContacted: 999, minAge: 13, maxAge: 120 };

/** Names the import writes. */
export const defaultBankNames = {
  /** A contact's handle is this prefix + its line number in the file (see bankHandle). */
  handlePrefix: "bank-",
} as const;

/** The header names this importer reads (all 21 are required), by the row field each one feeds. */
export const bankColumns = {
  age: "age",
  job: "job",
  marital: "marital",
  education: "education",
  default: "default",
  housing: "housing",
  loan: "loan",
  contact: "contact",
  month: "month",
  dayOfWeek: "day_of_week",
  duration: "duration",
  campaign: "campaign",
  pdays: "pdays",
  previous: "previous",
  poutcome: "poutcome",
  empVarRate: "emp.var.rate",
  consPriceIdx: "cons.price.idx",
  consConfIdx: "cons.conf.idx",
  euribor3m: "euribor3m",
  nrEmployed: "nr.employed",
  y: "y",
} as const;

type BankField = keyof typeof bankColumns;

/** How each input column is read: free text, a whole number ≥ 0, or any finite decimal. `y` is read apart. */
const columnKinds = {
  age: "whole",
  job: "text",
  marital: "text",
  education: "text",
  default: "text",
  housing: "text",
  loan: "text",
  contact: "text",
  month: "text",
  dayOfWeek: "text",
  duration: "whole",
  campaign: "whole",
  pdays: "whole",
  previous: "whole",
  poutcome: "text",
  empVarRate: "decimal",
  consPriceIdx: "decimal",
  consConfIdx: "decimal",
  euribor3m: "decimal",
  nrEmployed: "decimal",
} as const satisfies Record<Exclude<BankField, "y">, "text" | "whole" | "decimal">;

type TextField = { [K in keyof typeof columnKinds]: (typeof columnKinds)[K] extends "text" ? K : never }[keyof typeof columnKinds];
type NumberField = Exclude<keyof typeof columnKinds, TextField>;

/** The longest text value kept (the users service's limit on attribute strings). */
const maxTextLength = 200;

/**
 * One contact: every column of the file, numbers as numbers, a missing value ("unknown" or empty) as
 * null. Field names are camelCase; bankColumns maps each to its header name.
 */
export type BankRow = { [K in TextField]: string | null } & { [K in NumberField]: number | null } & {
  /** 1-based line of the file: the contact's id (see bankHandle). */
  line: number;
  /**
   * Whether an earlier campaign contacted this person: `pdays` 999 ("never") is stored as pdays null
   * with previouslyContacted false, so that 999 never reads as "999 days ago"; null when pdays itself
   * is missing.
   */
  previouslyContacted: boolean | null;
  /** The outcome `y`: "yes" → true, "no" → false. */
  converted: boolean;
  /** Header names of the input columns that were missing ("unknown" or empty) on this line; pdays 999 is not missing. */
  missing: string[];
};

/**
 * Splits a line on `;` outside double quotes; a quoted field loses its quotes (`""` inside stands for
 * one `"`). Returns a message instead when a quote is left open.
 */
export function splitBankLine(text: string): string[] | string {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    while (text[i] === " " || text[i] === "\t") i++;
    let value = "";
    if (text[i] === '"') {
      const start = i;
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) return `expected a closing double quote for the field starting at character ${start + 1}, found the end of the line`;
        value += text.slice(i, q);
        if (text[q + 1] === '"') {
          value += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      const end = text.indexOf(";", i);
      const rest = text.slice(i, end < 0 ? undefined : end);
      if (rest.trim() !== "") return `expected ";" after the quoted field starting at character ${start + 1}, found ${JSON.stringify(rest.trim())}`;
      i = end < 0 ? text.length : end;
    } else {
      const end = text.indexOf(";", i);
      value = text.slice(i, end < 0 ? undefined : end);
      i = end < 0 ? text.length : end;
    }
    fields.push(value.trim());
    if (i >= text.length) return fields;
    i++; // the ";"
  }
}

const decimalPattern = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parses the export. Every value of the 20 input columns may be missing ("unknown" or empty → null);
 * a present value must fit its column (age a whole number from 13 to 120, duration/campaign/pdays/
 * previous whole numbers ≥ 0, the five economic indicators finite numbers, text at most 200
 * characters) and `y` must be yes or no. A line that breaks any of this is reported (line, column,
 * what was expected and found) and left out. Throws ImportFormatError when the header lacks a column.
 */
export function parseBankCsv(text: string, options: Partial<BankOptions> = {}): Parsed<BankRow> {
  const { unknown, neverContacted, minAge, maxAge } = { ...defaultBankOptions, ...options };
  const lines = textLines(text);
  if (lines.length === 0) throw new ImportFormatError("expected a header line of semicolon-separated column names, found an empty file");
  const [head, ...data] = lines;
  const headerFields = splitBankLine(head.text);
  if (typeof headerFields === "string") throw new ImportFormatError(`expected a header line of column names (line ${head.line}), ${headerFields}`);
  const header = headerFields;
  const missingColumns = Object.values(bankColumns).filter((c) => !header.includes(c));
  if (missingColumns.length > 0) {
    throw new ImportFormatError(
      `expected header columns ${missingColumns.map((c) => JSON.stringify(c)).join(", ")} (line ${head.line}), found only ${header.map((c) => JSON.stringify(c)).join(", ")}`,
    );
  }
  const index = Object.fromEntries(Object.entries(bankColumns).map(([k, name]) => [k, header.indexOf(name)])) as Record<BankField, number>;
  const unknownValue = unknown.toLowerCase();
  const rows: BankRow[] = [];
  const problems: ImportProblem[] = [];

  for (const { line, text: lineText } of data) {
    const fields = splitBankLine(lineText);
    if (typeof fields === "string") {
      problems.push({ line, message: fields });
      continue;
    }
    if (fields.length !== header.length) {
      problems.push({ line, message: `expected ${header.length} semicolon-separated fields, found ${fields.length}` });
      continue;
    }
    const before = problems.length;
    const missing: string[] = [];
    const problem = (k: BankField, message: string): null => {
      problems.push({ line, column: bankColumns[k], message });
      return null;
    };
    /** The raw value of column k, or null (noted as missing) when it is "unknown" or empty. */
    const raw = (k: BankField): string | null => {
      const v = fields[index[k]];
      if (v === "" || v.toLowerCase() === unknownValue) {
        missing.push(bankColumns[k]);
        return null;
      }
      return v;
    };
    const textValue = (k: TextField): string | null => {
      const v = raw(k);
      if (v !== null && v.length > maxTextLength) return problem(k, `expected at most ${maxTextLength} characters, found ${v.length}`);
      return v;
    };
    const numberValue = (k: NumberField): number | null => {
      const v = raw(k);
      if (v === null) return null;
      if (columnKinds[k] === "whole") return /^\d{1,15}$/.test(v) ? Number(v) : problem(k, `expected a whole number ≥ 0, found ${JSON.stringify(v)}`);
      const n = decimalPattern.test(v) ? Number(v) : NaN;
      return Number.isFinite(n) ? n : problem(k, `expected a number, found ${JSON.stringify(v)}`);
    };

    // Every input column in file order, so the row reads like the line.
    const values = {} as Record<TextField, string | null> & Record<NumberField, number | null>;
    for (const k of Object.keys(columnKinds) as Array<keyof typeof columnKinds>) {
      if (columnKinds[k] === "text") values[k as TextField] = textValue(k as TextField);
      else values[k as NumberField] = numberValue(k as NumberField);
      if (k === "age" && values.age !== null && (values.age < minAge || values.age > maxAge)) problem("age", `expected an age from ${minAge} to ${maxAge}, found ${values.age}`);
    }
    const yRaw = fields[index.y];
    const y = yRaw.toLowerCase();
    if (y !== "yes" && y !== "no") problem("y", `expected yes or no, found ${JSON.stringify(yRaw)}`);
    if (problems.length > before) continue;

    // pdays 999 means "never contacted before", not 999 days: stored as null (missing) with the flag false.
    const previouslyContacted = values.pdays === null ? null : values.pdays !== neverContacted;
    rows.push({
      line,
      ...values,
      pdays: previouslyContacted ? values.pdays : null,
      previouslyContacted,
      converted: y === "yes",
      missing,
    });
  }
  return { rows, problems, linesRead: data.length };
}

/**
 * `bank-<line>`: the file has no customer id, so a contact's line number is its id. Identical rows
 * are distinct contacts and stay apart. Caveat, as with the Facebook export's `fb-<line>-…` ids:
 * the same export re-imported updates the same people, but an export whose lines moved (rows
 * inserted, removed or re-sorted) gives other handles, so its contacts would update the wrong people
 * or be created again; import one export per database, or erase the earlier one first.
 */
export function bankHandle(line: number, prefix: string = defaultBankNames.handlePrefix): string {
  return `${prefix}${line}`;
}

/** Keys of `attributes.extra`: the file's own column names (the conversion model reads `extra.<column>`). */
const extraColumns = [
  "default",
  "housing",
  "loan",
  "contact",
  "month",
  "dayOfWeek",
  "duration",
  "campaign",
  "pdays",
  "previous",
  "poutcome",
  "empVarRate",
  "consPriceIdx",
  "consConfIdx",
  "euribor3m",
  "nrEmployed",
] as const satisfies ReadonlyArray<Exclude<BankField, "age" | "job" | "marital" | "education" | "y">>;

/**
 * A contact's CRM attributes, as the users service stores them: age, job, maritalStatus (from
 * `marital`) and education when present (a missing one is left out); every other input column in
 * `extra` under its ORIGINAL header name (`day_of_week`, `emp.var.rate`, …, missing values as null,
 * pdays 999 as null), plus `extra.converted` (the outcome, the conversion model's label).
 */
export function bankRowToAttributes(row: BankRow): UserAttributes {
  const extra: Record<string, unknown> = {};
  for (const k of extraColumns) extra[bankColumns[k]] = row[k];
  extra.converted = row.converted;
  return {
    ...(row.age === null ? {} : { age: row.age }),
    ...(row.job === null ? {} : { job: row.job }),
    ...(row.marital === null ? {} : { maritalStatus: row.marital }),
    ...(row.education === null ? {} : { education: row.education }),
    extra,
  };
}
