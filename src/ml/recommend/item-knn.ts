/**
 * Item-item collaborative filtering over weighted interactions, from sparse co-occurrence: for each item i,
 * walk the users of i and their items j, accumulating Σ_u w_ui·w_uj into a dense scratch row with a touched
 * list (O(Σ_i Σ_{u∈U(i)} |I(u)|), never an n×n matrix). Similarity is cosine shrunk by co-count:
 * cos(i, j) · c_ij / (c_ij + shrink). With `pairHalfLifeDays` > 0, each co-occurrence is also weighted by
 * 2^(−|t_ui − t_uj| / halfLife): items consumed close together in time count more. Each item keeps its
 * `neighbours` most similar items.
 */
export interface Neighbours {
  /** Per item: neighbour indices, best first. */
  index: number[][];
  /** Per item: similarities aligned with `index`. */
  sim: number[][];
}

export function itemNeighbours(
  userItems: ReadonlyArray<ReadonlyArray<{ item: number; w: number; time: number }>>,
  itemCount: number,
  neighbours: number,
  shrink: number,
  pairHalfLifeDays = 0,
): Neighbours {
  const pairH = pairHalfLifeDays * 86_400_000;
  const itemUsers: Array<Array<{ user: number; w: number; time: number }>> = Array.from({ length: itemCount }, () => []);
  userItems.forEach((list, user) => list.forEach(({ item, w, time }) => itemUsers[item].push({ user, w, time })));
  const norm = itemUsers.map((us) => Math.sqrt(us.reduce((s, u) => s + u.w * u.w, 0)));
  const dot = new Float64Array(itemCount);
  const co = new Float64Array(itemCount);
  const touched: number[] = [];
  const index: number[][] = [];
  const sim: number[][] = [];
  for (let i = 0; i < itemCount; i++) {
    for (const { user, w, time } of itemUsers[i]) {
      for (const { item: j, w: wj, time: tj } of userItems[user]) {
        if (j === i) continue;
        if (co[j] === 0) touched.push(j);
        dot[j] += pairH > 0 ? w * wj * Math.pow(2, -Math.abs(time - tj) / pairH) : w * wj;
        co[j] += 1;
      }
    }
    const row: Array<[number, number]> = [];
    for (const j of touched) {
      const s = (dot[j] / (norm[i] * norm[j] || 1)) * (co[j] / (co[j] + shrink));
      if (s > 0) row.push([j, s]);
      dot[j] = 0;
      co[j] = 0;
    }
    touched.length = 0;
    row.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const top = row.slice(0, neighbours);
    index.push(top.map((r) => r[0]));
    sim.push(top.map((r) => r[1]));
  }
  return { index, sim };
}
