/** Statuses worth another attempt: timeouts, lock conflicts, rate limits and server errors. */
export function isRetryableStatus(status: number): boolean {
  return [408, 409, 429].includes(status) || status >= 500;
}

/**
 * How long to wait before retry number `attempt` (0-based).
 * Honours `retry-after-ms` and `retry-after` (seconds or an HTTP date) when they ask for at most a minute;
 * otherwise exponential backoff from 0.5 s up to 8 s with up to 25 % jitter.
 */
export function retryDelayMs(attempt: number, headers?: Headers, random: () => number = Math.random): number {
  const fromHeader = retryAfterMs(headers) ?? -1;
  if (fromHeader >= 0 && fromHeader <= 60_000) return fromHeader;
  const base = Math.min(500 * 2 ** attempt, 8_000);
  return Math.round(base * (1 - random() * 0.25));
}

/** How long the answer asks to wait (`retry-after-ms`, or `retry-after` in seconds or as an HTTP date), if it does. */
export function retryAfterMs(headers?: Headers): number | undefined {
  // Header values come trimmed; Number("") would be 0, so an empty value counts as absent.
  const ms = Number(headers?.get("retry-after-ms") || NaN);
  if (Number.isFinite(ms)) return ms;
  const after = headers?.get("retry-after") ?? "";
  const seconds = Number(after || NaN);
  if (Number.isFinite(seconds)) return seconds * 1000;
  // Date.parse("") is NaN too.
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
  });
}
