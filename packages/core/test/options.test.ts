import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ConfigurationError,
  DEFAULT_BASE_URL,
  callOperation,
  createGatewayClient,
  pollTask,
  resolveAccountCredentials,
  resolveClientOptions,
  type AccountClientOptions,
} from "./runtime.js";

afterEach(() => vi.unstubAllEnvs());

describe("resolveClientOptions", () => {
  it("applies the documented defaults", () => {
    vi.stubEnv("ALLMHUB_BASE_URL", "");
    const o = resolveClientOptions({ apiKey: "sk-abc" });
    expect(o).toMatchObject({ apiKey: "sk-abc", baseUrl: DEFAULT_BASE_URL, maxRetries: 2, timeout: 600_000 });
  });

  it("falls back to ALLMHUB_API_KEY and ALLMHUB_BASE_URL", () => {
    vi.stubEnv("ALLMHUB_API_KEY", "sk-from-env");
    vi.stubEnv("ALLMHUB_BASE_URL", "https://gateway.example.com/");
    const o = resolveClientOptions();
    expect(o.apiKey).toBe("sk-from-env");
    expect(o.baseUrl).toBe("https://gateway.example.com");
  });

  it("prefers explicit options over the environment", () => {
    vi.stubEnv("ALLMHUB_API_KEY", "sk-from-env");
    expect(resolveClientOptions({ apiKey: "sk-explicit", baseUrl: "http://127.0.0.1:8080" })).toMatchObject({
      apiKey: "sk-explicit",
      baseUrl: "http://127.0.0.1:8080",
    });
  });

  it("throws a clear ConfigurationError when the key is missing", () => {
    vi.stubEnv("ALLMHUB_API_KEY", "");
    expect(() => resolveClientOptions({})).toThrowError(ConfigurationError);
    expect(() => resolveClientOptions({})).toThrowError(/ALLMHUB_API_KEY/);
  });

  it.each([
    [{ apiKey: "" }, /non-empty/],
    [{ apiKey: "   " }, /non-empty/],
    [{ apiKey: "Bearer sk-1" }, /bare value/],
    [{ apiKey: 42 as unknown as string }, /non-empty string/],
    [{ apiKey: "sk-1", baseUrl: "not a url" }, /baseUrl must be an http or https URL/],
    [{ apiKey: "sk-1", baseUrl: "" }, /baseUrl must be an http or https URL/],
    [{ apiKey: "sk-1", baseUrl: "ftp://example.com" }, /http or https/],
    [{ apiKey: "sk-1", baseUrl: "https://example.com/?a=1" }, /query/],
    [{ apiKey: "sk-1", baseUrl: "https://example.com/#top" }, /fragment/],
    [{ apiKey: "sk-1", baseUrl: "https://api.allmhub.com/v1" }, /without \/v1/],
    [{ apiKey: "sk-1", baseUrl: "https://user:pw@example.com" }, /credentials/],
    [{ apiKey: "sk-1", baseUrl: "https://example.com/?" }, /query/],
    [{ apiKey: "sk-1", baseUrl: "https://example.com#" }, /fragment/],
    [{ apiKey: "sk-1", baseUrl: "https://@example.com" }, /credentials/],
    [{ apiKey: "sk-1", baseUrl: "https://:@example.com" }, /credentials/],
    [{ apiKey: "sk-1", timeout: 0 }, /^timeout must be a number from 1 to 2147483647, got 0\.$/],
    [{ apiKey: "sk-1", timeout: 2 ** 31 }, /^timeout must be a number from 1 to 2147483647, got 2147483648\.$/],
    [{ apiKey: "sk-1", timeout: Infinity }, /timeout must be a number from 1 to 2147483647/],
    [{ apiKey: "sk-1", maxRetries: -1 }, /^maxRetries must be a whole number from 0 to 100, got -1\.$/],
    [{ apiKey: "sk-1", maxRetries: 1.5 }, /maxRetries must be a whole number from 0 to 100/],
    [{ apiKey: "sk-1", maxRetries: Infinity }, /maxRetries must be a whole number from 0 to 100/],
    [{ apiKey: "sk-1", timeout: "5" as unknown as number }, /timeout/],
    [{ apiKey: "sk-1", timeout: Number.NaN }, /timeout/],
    [{ apiKey: "sk-1", maxResponseSize: 0 }, /maxResponseSize must be a whole number from 1 to 9007199254740991/],
    [{ apiKey: "sk-1", maxEventSize: 2 ** 30 }, /maxEventSize must be a whole number from 1 to 536870888/],
    [{ apiKey: "sk-1", anthropicVersion: "latest" }, /anthropicVersion/],
    [{ apiKey: "sk-1", fetch: "fetch" as unknown as typeof fetch }, /fetch/],
    [
      { apiKey: "sk-1", headers: "x-a: 1" as unknown as Record<string, string> },
      /^headers must be an object, not string\.$/,
    ],
    [
      { apiKey: "sk-1", headers: [["x-a", "1"]] as unknown as Record<string, string> },
      /headers must be an object, not an array/,
    ],
    [null as unknown as object, /^Client options must be an object, not null\.$/],
  ])("rejects bad options %j", (options, message) => {
    expect(() => resolveClientOptions(options)).toThrowError(message);
  });

  it.each<[AccountClientOptions, RegExp]>([
    [{ apiKey: "sk-1", userId: "alice" }, /numeric id/],
    [{ apiKey: "sk-same", accessToken: "sk-same", userId: 1 }, /system access token/],
    [{ accessToken: "sk-an-api-key" }, /accessToken is an API key/],
    [{ accessToken: "tok 1", userId: 1 }, /bare value/],
  ])("rejects bad account credentials %j in clients of the account APIs", (options, message) => {
    expect(() => resolveClientOptions(options, resolveAccountCredentials)).toThrowError(message);
  });

  it("does not echo a base URL that carries credentials", () => {
    expect(() => resolveClientOptions({ apiKey: "sk-1", baseUrl: "https://user:secret-pw@example.com" })).toThrowError(
      expect.objectContaining({ message: expect.not.stringContaining("secret-pw") }),
    );
  });

  it("never puts the key into a configuration error", () => {
    try {
      resolveClientOptions({ apiKey: "Bearer sk-secret-value" });
    } catch (err) {
      expect(String(err)).not.toContain("sk-secret-value");
      expect(JSON.stringify(err)).not.toContain("sk-secret-value");
    }
    expect.assertions(2);
  });
});

describe("call and polling options", () => {
  const client = createGatewayClient({
    apiKey: "sk-1",
    baseUrl: "http://127.0.0.1:9",
    fetch: () => Promise.reject(new Error("never sent")),
  });
  it.each([
    [{ timeout: 2 ** 31 }, /^timeout must be a number from 1 to 2147483647, got 2147483648\.$/],
    [{ timeout: Infinity }, /timeout must be a number from 1 to 2147483647, got Infinity/],
    [{ timeout: 0 }, /timeout must be a number from 1 to 2147483647, got 0/],
    [{ timeout: Number.NaN }, /timeout must be a number from 1 to 2147483647, got NaN/],
    [{ timeout: -1 }, /timeout must be a number from 1 to 2147483647, got -1/],
    [{ maxRetries: Infinity }, /maxRetries must be a whole number from 0 to 100, got Infinity/],
    [{ maxRetries: -1 }, /maxRetries must be a whole number from 0 to 100/],
  ])("a call refuses %j with a ConfigurationError before sending", async (options, message) => {
    const err = await callOperation(client, { method: "GET", path: "/v1/models" }, {}, options).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ConfigurationError);
    expect((err as Error).message).toMatch(message);
  });

  it.each([
    [{ timeoutMs: Number.NaN }, /timeoutMs must be a number from 1 to 2147483647, got NaN/],
    [{ timeoutMs: 0 }, /timeoutMs must be a number from 1 to 2147483647/],
    [{ timeoutMs: 2 ** 31 }, /timeoutMs must be a number from 1 to 2147483647/],
    [{ deadline: "tomorrow" as unknown as number }, /deadline must be a valid Date or time in ms/],
    [{ deadline: new Date(Number.NaN) }, /deadline must be a valid Date/],
    [{ intervalMs: 0 }, /intervalMs must be a number from 100 to 2147483647, got 0/],
    [{ intervalMs: Infinity }, /intervalMs must be a number from 100 to 2147483647/],
    [{ maxIntervalMs: 10 }, /maxIntervalMs must be a number from 100 to 2147483647/],
    [{ backoff: 0.5 }, /backoff must be a number from 1 to 10/],
    [{ backoff: Number.NaN }, /backoff must be a number from 1 to 10/],
  ])("a wait refuses %j with a ConfigurationError before reading", async (options, message) => {
    let reads = 0;
    const err = await pollTask(
      async () => ++reads,
      () => ({ state: "pending" }),
      options,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigurationError);
    expect((err as Error).message).toMatch(message);
    expect(reads).toBe(0);
  });
});
