/**
 * Diversity across topics, as a re-ranking of a ranked list: in any `pageSize` consecutive items at most
 * `maxShare` of a page share a topic (a sliding window, not fixed pages). Walking down the list, an item
 * whose topic already fills its share of the window before it waits; the waiting items come back, in rank
 * order and ahead of the items ranked after them, as soon as they fit (or when the list ends). Items
 * without a topic are never held back. Stable: with no topic over its share, the order is unchanged.
 *
 * `partial`: the list is the head of a longer ranking, so the items still waiting at its end are left out
 * rather than appended in a run of one topic; ranking deeper places them between the items that follow.
 */
export function diversify<T>(ranked: readonly T[], topicOf: (item: T) => string | null | undefined, pageSize: number, maxShare = 0.4, partial = false): T[] {
  if (!(pageSize >= 1) || !(maxShare > 0 && maxShare <= 1)) throw new Error(`diversify: expected pageSize ≥ 1 and maxShare in (0, 1], found ${pageSize} and ${maxShare}`);
  const cap = Math.max(1, Math.floor(pageSize * maxShare));
  const out: T[] = [];
  const topics: Array<string | null> = [];
  let waiting: T[] = [];
  // How many of the last pageSize − 1 placed items have this topic (the window the next item would complete).
  const inWindow = (topic: string): number => {
    let n = 0;
    for (let i = Math.max(0, topics.length - (pageSize - 1)); i < topics.length; i++) if (topics[i] === topic) n++;
    return n;
  };
  const fits = (item: T): boolean => {
    const topic = topicOf(item);
    return !topic || inWindow(topic) < cap;
  };
  const place = (item: T) => {
    out.push(item);
    topics.push(topicOf(item) ?? null);
  };
  /** The waiting items that fit now, best first, each placement changing the window for the next. */
  const flush = () => {
    for (let placed = true; placed && waiting.length > 0; ) {
      placed = false;
      const i = waiting.findIndex(fits);
      if (i >= 0) {
        place(waiting[i]);
        waiting = [...waiting.slice(0, i), ...waiting.slice(i + 1)];
        placed = true;
      }
    }
  };
  for (const item of ranked) {
    flush();
    if (fits(item)) place(item);
    else waiting.push(item);
  }
  flush();
  if (!partial) out.push(...waiting);
  return out;
}
