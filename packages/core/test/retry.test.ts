import { describe, expect, it } from "vitest";
import { isRetryableStatus, retryDelayMs, sleep } from "./runtime.js";

describe("retry policy", () => {
  it("retries timeouts, conflicts, rate limits and server errors only", () => {
    expect([408, 409, 429, 500, 502, 503].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 422].some(isRetryableStatus)).toBe(false);
  });
  it("backs off exponentially with at most 25% jitter, capped at 8 s", () => {
    expect(retryDelayMs(0, undefined, () => 0)).toBe(500);
    expect(retryDelayMs(1, undefined, () => 0)).toBe(1000);
    expect(retryDelayMs(2, undefined, () => 1)).toBe(1500);
    expect(retryDelayMs(10, undefined, () => 0)).toBe(8000);
  });
  it("honours retry-after-ms, then retry-after in seconds or as a date", () => {
    expect(retryDelayMs(0, new Headers({ "retry-after-ms": "250" }))).toBe(250);
    expect(retryDelayMs(0, new Headers({ "retry-after": "2" }))).toBe(2000);
    const soon = new Date(Date.now() + 3000).toUTCString();
    const fromDate = retryDelayMs(0, new Headers({ "retry-after": soon }));
    expect(fromDate).toBeGreaterThan(1000);
    expect(fromDate).toBeLessThanOrEqual(3000);
  });
  it("falls back to retry-after, then to the backoff, when a hint is empty or not a number or date", () => {
    expect(retryDelayMs(0, new Headers({ "retry-after-ms": " ", "retry-after": "1" }))).toBe(1000);
    expect(retryDelayMs(0, new Headers({ "retry-after-ms": "soon", "retry-after": "" }), () => 0)).toBe(500);
    expect(retryDelayMs(1, new Headers({ "retry-after": "later" }), () => 0)).toBe(1000);
    expect(retryDelayMs(0, new Headers({ "retry-after": new Date(Date.now() - 5000).toUTCString() }))).toBe(0);
  });
  it("ignores retry hints longer than a minute", () => {
    expect(retryDelayMs(0, new Headers({ "retry-after": "3600" }), () => 0)).toBe(500);
  });
  it("sleep rejects as soon as the signal aborts", async () => {
    const controller = new AbortController();
    const pending = sleep(10_000, controller.signal);
    controller.abort(new Error("stop"));
    await expect(pending).rejects.toThrow("stop");
  });
});
