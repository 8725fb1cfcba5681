import { AsyncLocalStorage } from "node:async_hooks";

/** Counts the SQL statements issued inside `counting(fn)`, per async context (per request). */
const storage = new AsyncLocalStorage<{ statements: number }>();

export function counting<T>(fn: () => T): { result: T; store: { statements: number } } {
  const store = { statements: 0 };
  return { result: storage.run(store, fn), store };
}

export function countStatement(): void {
  const store = storage.getStore();
  if (store) store.statements += 1;
}

export function currentStatementCount(): number | undefined {
  return storage.getStore()?.statements;
}
