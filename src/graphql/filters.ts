import { BadUserInputError } from "./errors";

/** A list filter's time range: `after` must come before `before` when both are given (an empty range is a mistake, not "no rows"). */
export function checkRange(after: Date | null | undefined, before: Date | null | undefined, beforeField: string, afterField: string): void {
  if (after && before && !(after < before)) {
    throw new BadUserInputError(beforeField, `expected a time after ${afterField} (${after.toISOString()}), found ${before.toISOString()}`);
  }
}
