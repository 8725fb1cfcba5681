import type { Tx } from "../../db/database";

/** Whom an erasure is about: the person and the posts they authored. */
export interface ErasureSubject {
  userId: number;
  postIds: number[];
}

/**
 * One module's part of a privacy erasure: delete (or correct) whatever it derived from the person,
 * inside the erasure's transaction. Returns what it removed, by name, for the receipt.
 */
export type Eraser = (tx: Tx, subject: ErasureSubject) => Promise<Record<string, number>>;

/** The erasers of every module, run in the order they were registered (dependants first). */
export class ErasureRegistry {
  private readonly erasers: Array<{ name: string; erase: Eraser }> = [];

  register(name: string, erase: Eraser): void {
    this.erasers.push({ name, erase });
  }

  async eraseAll(tx: Tx, subject: ErasureSubject): Promise<Record<string, number>> {
    const receipt: Record<string, number> = {};
    for (const { erase } of this.erasers) Object.assign(receipt, await erase(tx, subject));
    return receipt;
  }
}

/** `DELETE … WHERE col IN (…)` in chunks; returns the rows removed. */
export async function deleteWhereIn(tx: Tx, table: string, column: string, ids: readonly number[], extra = ""): Promise<number> {
  let n = 0;
  for (let i = 0; i < ids.length; i += 500) {
    const slice = ids.slice(i, i + 500);
    n += await tx.execute(`DELETE FROM "${table}" WHERE "${column}" IN (${slice.map(() => "?").join(", ")})${extra}`, slice);
  }
  return n;
}
