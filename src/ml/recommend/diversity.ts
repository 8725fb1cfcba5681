/**
 * Diversity across topics, as a re-ranking of a ranked list: walking down the list, an item whose topic
 * already fills `maxShare` of a page of `pageSize` waits, and the waiting items come back in rank order
 * once the page is full (or the list ends). Items without a topic are never held back. Stable: with no
 * topic over its share, the order is unchanged.
 *
 * `partial`: the list is the head of a longer ranking, so the items still waiting at its end are left out
 * rather than appended in a run of one topic; ranking deeper places them between the items that follow.
 */
export function diversify<T>(ranked: readonly T[], topicOf: (item: T) => string | null | undefined, pageSize: number, maxShare = 0.4, partial = false): T[] {
  if (!(pageSize >= 1) || !(maxShare > 0 && maxShare <= 1)) throw new Error(`diversify: expected pageSize ≥ 1 and maxShare in (0, 1], found ${pageSize} and ${maxShare}`);
  const cap = Math.max(1, Math.floor(pageSize * maxShare));
  const out: T[] = [];
  let waiting: T[] = [];
  let counts = new Map<string, number>();
  const place = (item: T) => {
    out.push(item);
    const topic = topicOf(item);
    if (topic) counts.set(topic, (counts.get(topic) ?? 0) + 1);
    if (out.length % pageSize === 0) {
      // A new page: its own topic budget; the held-back items are first in line.
      counts = new Map();
      const again = waiting;
      waiting = [];
      for (const w of again) consider(w);
    }
  };
  const consider = (item: T) => {
    const topic = topicOf(item);
    if (topic && (counts.get(topic) ?? 0) >= cap) waiting.push(item);
    else place(item);
  };
  for (const item of ranked) consider(item);
  if (!partial) out.push(...waiting);
  return out;
}
