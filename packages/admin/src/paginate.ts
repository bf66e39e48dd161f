import type { RequestOptions } from "@allmhub/core";
import type { AdminOperations } from "./generated/operations.js";
import type { operations } from "./generated/openapi.js";

type QueryOf<K extends keyof operations> = NonNullable<operations[K]["parameters"]["query"]>;
type ResultOf<K extends keyof AdminOperations> = Awaited<ReturnType<AdminOperations[K]>>;

/**
 * The operations that answer one page (`{ page, page_size, total, items }`) and take `p` and `page_size`:
 * listTokens, searchTokens, listUserLogs, listUserMidjourneyTasks, listUserTasks and listTopUps. Derived
 * from the spec, so a paged operation added later joins it.
 */
export type PagedOperation = {
  [K in keyof AdminOperations & keyof operations]: [QueryOf<K>] extends [never]
    ? never
    : "p" extends keyof QueryOf<K>
      ? "page_size" extends keyof QueryOf<K>
        ? ResultOf<K> extends { items?: unknown }
          ? K
          : never
        : never
      : never;
}[keyof AdminOperations & keyof operations];

/** One page of a paged operation, as the gateway answers it. */
export type PageOf<K extends PagedOperation> = ResultOf<K>;

/** The item type of a paged operation (a log entry, a key, a task, a top-up). */
export type PageItem<K extends PagedOperation> = NonNullable<ResultOf<K>["items"]>[number];

/** The query of a paged operation without its paging parameters, which `paginate` sets. */
export type PageQuery<K extends PagedOperation> = Omit<QueryOf<K>, "p" | "page_size" | "ps" | "size">;

/** How `paginate` walks the pages; the call options (signal, timeout, maxRetries, headers) apply to every page. */
export interface PaginateOptions<Item> extends Omit<RequestOptions, "query" | "extraBody"> {
  /** Items per page (default 100, the most a gateway answers; larger values are capped by the gateway). */
  pageSize?: number | undefined;
  /** The first page to read, 1-based (default 1). */
  startPage?: number | undefined;
  /** Stop after this many items. */
  limit?: number | undefined;
  /**
   * Stop at the first item for which this returns true (that item is not yielded, and no further page is
   * read): e.g. `(log) => log.created_at < since` on a list that is newest first.
   */
  until?: ((item: Item, index: number) => boolean) | undefined;
}

/** The items of every page, in order, read one page at a time as you iterate. */
export interface Paginated<K extends PagedOperation> extends AsyncIterable<PageItem<K>> {
  /** The pages themselves, as the gateway answers them (`limit` and `until` do not apply). */
  pages(): AsyncIterable<PageOf<K>>;
  /** Every item (up to `limit`, before `until`), in one array. */
  toArray(): Promise<PageItem<K>[]>;
}

const DEFAULT_PAGE_SIZE = 100;

/**
 * Walks every page of a paged list (keys, logs, Midjourney and other tasks, top-ups) and yields its items, as
 * octokit's `paginate` and openai-node's auto-pagination do. Pages are read lazily, one request per page,
 * with `p` and `page_size` set for you; the walk ends on a short or empty page, when `total` items have been
 * seen, at `limit` items, or at the first item `until` accepts.
 *
 * The gateway pages by offset, newest first: entries written while you walk shift later pages by as many
 * entries (a log entry may be seen twice). Fix the time window (`end_timestamp`) of a log walk to avoid that.
 * A gateway that answers a plain array (versions before mid-2025) gives one page with every item.
 *
 * @example
 * // Every call of the last hour, newest first.
 * const since = Math.floor(Date.now() / 1000) - 3600;
 * for await (const log of paginate(admin, "listUserLogs", { type: 2, start_timestamp: since })) {
 *   console.log(log.model_name, log.quota);
 * }
 * const keys = await paginate(admin, "listTokens").toArray();
 */
export function paginate<K extends PagedOperation>(
  client: Pick<AdminOperations, K>,
  operation: K,
  query?: PageQuery<K>,
  options: PaginateOptions<PageItem<K>> = {},
): Paginated<K> {
  const { pageSize = DEFAULT_PAGE_SIZE, startPage = 1, limit, until, ...callOptions } = options;
  if (!Number.isInteger(pageSize) || pageSize < 1)
    throw new TypeError(`paginate: pageSize must be a whole number ≥ 1, got ${String(pageSize)}.`);
  if (!Number.isInteger(startPage) || startPage < 1)
    throw new TypeError(`paginate: startPage must be a whole number ≥ 1, got ${String(startPage)}.`);
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 0))
    throw new TypeError(`paginate: limit must be a whole number ≥ 0, got ${String(limit)}.`);
  const list = client[operation] as unknown as (query: object, options: RequestOptions) => Promise<unknown>;
  if (typeof list !== "function") throw new TypeError(`paginate: the client has no method ${String(operation)}.`);

  async function* pages(): AsyncGenerator<PageOf<K>> {
    for (let page = startPage; ; page++) {
      const answer = await list({ ...query, p: page, page_size: pageSize }, callOptions);
      if (Array.isArray(answer)) {
        // Older gateways answer every item at once, without a page.
        yield { items: answer } as PageOf<K>;
        return;
      }
      const data = (answer ?? {}) as { page_size?: unknown; total?: unknown; items?: unknown };
      const items = Array.isArray(data.items) ? data.items : [];
      yield answer as PageOf<K>;
      // The gateway caps the page size (at 100): a full page has the size it reports.
      const size =
        typeof data.page_size === "number" && data.page_size > 0 ? Math.min(data.page_size, pageSize) : pageSize;
      if (items.length < size) return;
      if (typeof data.total === "number" && page * size >= data.total) return;
    }
  }

  async function* items(): AsyncGenerator<PageItem<K>> {
    if (limit === 0) return;
    let index = 0;
    for await (const page of pages()) {
      for (const item of ((page as { items?: PageItem<K>[] | null }).items ?? []) as PageItem<K>[]) {
        if (until?.(item, index)) return;
        yield item;
        index++;
        if (limit !== undefined && index >= limit) return;
      }
    }
  }

  return {
    [Symbol.asyncIterator]: () => items(),
    pages,
    async toArray() {
      const out: PageItem<K>[] = [];
      for await (const item of items()) out.push(item);
      return out;
    },
  };
}
