import { BadUserInputError, type FieldProblem } from "./errors";

/**
 * Collects the problems of a batch, row by row, so a rejected batch names every bad row and field
 * (up to a limit) and nothing is written.
 */
export class BatchProblems {
  private readonly list: FieldProblem[] = [];
  private total = 0;

  constructor(
    private readonly argument: string,
    private readonly limit = 50,
  ) {}

  add(index: number, field: string, message: string): void {
    this.total += 1;
    if (this.list.length < this.limit) this.list.push({ index, field: `${this.argument}[${index}].${field}`, message });
  }

  /** Whether a row already has a problem with this field (a later check on it would only repeat it). */
  has(index: number, field: string): boolean {
    const name = `${this.argument}[${index}].${field}`;
    return this.list.some((p) => p.field === name);
  }

  /** Another collector holding these problems (a transaction that is retried starts again from them). */
  copy(): BatchProblems {
    const out = new BatchProblems(this.argument, this.limit);
    out.list.push(...this.list);
    out.total = this.total;
    return out;
  }

  get count(): number {
    return this.total;
  }

  throwIfAny(): void {
    if (this.list.length === 0) return;
    // By row, each row's problems in the order they were found.
    const err = BadUserInputError.fromProblems([...this.list].sort((a, b) => (a.index ?? 0) - (b.index ?? 0)), this.total);
    if (this.total > this.list.length) err.extensions.problemCount = this.total;
    throw err;
  }
}

/** A batch must hold 1..max rows. */
export function checkBatchSize(argument: string, rows: readonly unknown[], max: number): void {
  if (rows.length === 0) throw new BadUserInputError(argument, "expected at least one row, found none");
  if (rows.length > max) throw new BadUserInputError(argument, `expected at most ${max} rows, found ${rows.length}`);
}

/** Split a list into chunks of n. */
export function chunks<T>(list: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += n) out.push(list.slice(i, i + n));
  return out;
}

/** A finite number within [min, max], or a message saying what was found. */
export function checkNumber(value: number, min: number, max: number, integer = false): string | undefined {
  if (!Number.isFinite(value)) return `expected a finite number, found ${value}`;
  if (integer && !Number.isInteger(value)) return `expected an integer, found ${value}`;
  if (value < min || value > max) return `expected a value between ${min} and ${max}, found ${value}`;
  return undefined;
}
