/** Exhaustiveness check for discriminated unions: a new variant makes the switch fail to compile. */
export function assertNever(value: never, what = "value"): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}
