import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ConfigurationError,
  DEFAULT_BASE_URL,
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
    [{ apiKey: "sk-1", timeout: 0 }, /timeout/],
    [{ apiKey: "sk-1", maxRetries: -1 }, /maxRetries/],
    [{ apiKey: "sk-1", maxRetries: 1.5 }, /maxRetries/],
    [{ apiKey: "sk-1", timeout: "5" as unknown as number }, /timeout/],
    [{ apiKey: "sk-1", timeout: Number.NaN }, /timeout/],
    [{ apiKey: "sk-1", anthropicVersion: "latest" }, /anthropicVersion/],
    [{ apiKey: "sk-1", fetch: "fetch" as unknown as typeof fetch }, /fetch/],
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
