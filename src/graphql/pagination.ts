import type { ObjectLiteral } from "typeorm";
import type { Database, EntityMapper, Row } from "../db/database";
import { BadUserInputError } from "./errors";
import { defaultPageSize, isStorableInt, type ConnectionArgs, type ConnectionValue, type PageInfo } from "./relay";

/** A WHERE clause built piece by piece, with its parameters in order. */
export class Where {
  readonly clauses: string[] = [];
  readonly params: unknown[] = [];

  add(clause: string, ...params: unknown[]): this {
    this.clauses.push(clause);
    this.params.push(...params);
    return this;
  }

  /** `col IN (?, ?, …)` for a non-empty list (an empty list matches nothing). */
  in(column: string, values: readonly unknown[]): this {
    if (values.length === 0) return this.add("1 = 0");
    return this.add(`${column} IN (${values.map(() => "?").join(", ")})`, ...values);
  }

  sql(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(" AND ")}` : "";
  }

  clone(): Where {
    const w = new Where();
    w.clauses.push(...this.clauses);
    w.params.push(...this.params);
    return w;
  }
}

export type SortDirection = "ASC" | "DESC";

/** The key a list is ordered by; the row id breaks ties so every cursor is a unique position. */
export interface SortSpec {
  /** Tag stored in cursors, so a cursor of another ordering is refused. */
  key: string;
  /** SQL expression, e.g. `"p"."publishedAt"`. */
  column: string;
  /** The entity property holding the value. */
  property: string;
  kind: "date" | "number" | "string";
  direction: SortDirection;
}

export interface ListSpec<T extends ObjectLiteral> {
  mapper: EntityMapper<T>;
  /** `"posts" "p"` */
  from: string;
  alias: string;
  where: Where;
  sort: SortSpec;
}

interface Bound {
  value: unknown;
  id: number;
}

interface PagePlan {
  forward: boolean;
  limit: number;
  after?: Bound;
  before?: Bound;
}

function encodeCursor(sort: SortSpec, value: unknown, id: number): string {
  const v = value instanceof Date ? value.toISOString() : value;
  return Buffer.from(JSON.stringify([sort.key, v, id, sort.direction])).toString("base64url");
}

function decodeCursor(db: Database, sort: SortSpec, cursor: string, field: string): Bound {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    parsed = undefined;
  }
  const foreign = () => new BadUserInputError(field, `expected a cursor from this connection, found ${JSON.stringify(cursor)}`);
  // [key, value, id, direction]; cursors made before the direction was recorded have three entries.
  if (!Array.isArray(parsed) || (parsed.length !== 3 && parsed.length !== 4) || !isStorableInt(parsed[2], 1)) throw foreign();
  const [key, raw, id, direction] = parsed as [unknown, unknown, number, unknown];
  if (key !== sort.key) {
    throw new BadUserInputError(field, `the cursor belongs to an ordering by ${String(key)}, not by ${sort.key}`);
  }
  if (direction !== undefined && direction !== sort.direction) {
    throw new BadUserInputError(field, `the cursor belongs to an ordering by ${sort.key} ${String(direction)}, not ${sort.direction}`);
  }
  // A value of the ordering's kind (a hand-made or corrupted cursor fails here, not in the database); the number
  // orderings are counts, never negative.
  let value: unknown = raw;
  if (sort.kind === "date") {
    const d = typeof raw === "string" ? new Date(raw) : new Date(Number.NaN);
    if (Number.isNaN(d.getTime())) throw foreign();
    value = db.param(d);
  } else if (sort.kind === "number" ? !isStorableInt(raw, 0) : typeof raw !== "string" || raw.includes("\u0000")) {
    throw foreign();
  }
  return { value, id };
}

/** Reads first/after/last/before into a plan: which way, how many, between which bounds. */
export function planPage(db: Database, sort: SortSpec, args: ConnectionArgs): PagePlan {
  if (args.first != null && args.last != null) {
    throw new BadUserInputError("last", "expected either `first` or `last`, found both");
  }
  const forward = args.last == null;
  const limit = (forward ? args.first : args.last) ?? defaultPageSize;
  return {
    forward,
    limit,
    after: args.after != null ? decodeCursor(db, sort, args.after, "after") : undefined,
    before: args.before != null ? decodeCursor(db, sort, args.before, "before") : undefined,
  };
}

function boundedWhere(spec: ListSpec<ObjectLiteral>, plan: PagePlan): { where: Where; order: string } {
  const { sort, alias } = spec;
  const where = spec.where.clone();
  const id = `"${alias}"."id"`;
  const desc = sort.direction === "DESC";
  if (plan.after) where.add(`(${sort.column}, ${id}) ${desc ? "<" : ">"} (?, ?)`, plan.after.value, plan.after.id);
  if (plan.before) where.add(`(${sort.column}, ${id}) ${desc ? ">" : "<"} (?, ?)`, plan.before.value, plan.before.id);
  // Backward pages read the ordering reversed from the `before` end, then flip.
  const dir = plan.forward === desc ? "DESC" : "ASC";
  return { where, order: `${sort.column} ${dir}, ${id} ${dir}` };
}

function toConnection<T extends ObjectLiteral>(
  sort: SortSpec,
  plan: PagePlan,
  rows: T[],
  totalCount: () => Promise<number>,
): ConnectionValue<T> {
  const more = rows.length > plan.limit;
  const page = more ? rows.slice(0, plan.limit) : rows;
  if (!plan.forward) page.reverse();
  const edges = page.map((node) => ({ cursor: encodeCursor(sort, node[sort.property], node.id as number), node }));
  const pageInfo: PageInfo = {
    hasNextPage: plan.forward ? more : plan.before !== undefined,
    hasPreviousPage: plan.forward ? plan.after !== undefined : more,
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges[edges.length - 1]?.cursor ?? null,
  };
  return { edges, nodes: page, pageInfo, totalCount };
}

function memo<T>(fn: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= fn());
}

/** One page of a list with keyset pagination: one statement, plus one COUNT only if totalCount is selected. */
export async function paginate<T extends ObjectLiteral>(db: Database, spec: ListSpec<T>, args: ConnectionArgs): Promise<ConnectionValue<T>> {
  const plan = planPage(db, spec.sort, args);
  const { where, order } = boundedWhere(spec, plan);
  const rows = await db.query<Row>(
    `SELECT ${spec.mapper.select(spec.alias)} FROM ${spec.from} ${where.sql()} ORDER BY ${order} LIMIT ?`,
    [...where.params, plan.limit + 1],
  );
  const count = memo(async () => {
    const [r] = await db.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM ${spec.from} ${spec.where.sql()}`, spec.where.params);
    return Number(r.n);
  });
  return toConnection(spec.sort, plan, spec.mapper.hydrateAll(rows), count);
}

/**
 * The same page for many parents at once (e.g. the posts of every user in a list), in one statement
 * with a window function, so a nested connection costs one query per level, not one per parent.
 * `spec.where` must not filter on the parent column; it is added here.
 */
export async function paginateByParent<T extends ObjectLiteral>(
  db: Database,
  spec: ListSpec<T>,
  parentColumn: string,
  parentProperty: string,
  parentIds: readonly number[],
  args: ConnectionArgs,
  totalCount: (parentId: number) => Promise<number>,
): Promise<Map<number, ConnectionValue<T>>> {
  const plan = planPage(db, spec.sort, args);
  const { where, order } = boundedWhere(spec, plan);
  where.in(parentColumn, parentIds);
  const rows = await db.query<Row>(
    `SELECT * FROM (SELECT ${spec.mapper.select(spec.alias)}, ROW_NUMBER() OVER (PARTITION BY ${parentColumn} ORDER BY ${order}) AS "rn__" ` +
      `FROM ${spec.from} ${where.sql()}) ranked WHERE "rn__" <= ? ORDER BY "rn__"`,
    [...where.params, plan.limit + 1],
  );
  const byParent = new Map<number, T[]>();
  for (const row of rows) {
    const node = spec.mapper.hydrate(row);
    const parent = Number(node[parentProperty]);
    let list = byParent.get(parent);
    if (!list) byParent.set(parent, (list = []));
    list.push(node);
  }
  const out = new Map<number, ConnectionValue<T>>();
  for (const id of parentIds) out.set(id, toConnection(spec.sort, plan, byParent.get(id) ?? [], memo(() => totalCount(id))));
  return out;
}

/** COUNT(*) per parent in one GROUP BY statement. */
export async function countByParent(db: Database, from: string, where: Where, parentColumn: string, parentIds: readonly number[]): Promise<number[]> {
  const w = where.clone().in(parentColumn, parentIds);
  const rows = await db.query<{ parent: number | string; n: number | string }>(
    `SELECT ${parentColumn} AS parent, COUNT(*) AS n FROM ${from} ${w.sql()} GROUP BY ${parentColumn}`,
    w.params,
  );
  const counts = new Map(rows.map((r) => [Number(r.parent), Number(r.n)]));
  return parentIds.map((id) => counts.get(id) ?? 0);
}
