import { ConfigurationError } from "./errors.js";

/** The public ALLMHUB gateway. Any new-api gateway works: pass its `baseUrl`. */
export const DEFAULT_BASE_URL = "https://api.allmhub.com";
/** Ten minutes: long model calls (reasoning, images, video submissions) routinely take minutes. */
export const DEFAULT_TIMEOUT_MS = 600_000; // a literal, not 10 * 60 * 1000: bundlers keep top-level arithmetic as a possible side effect
/** Retries after the first attempt, as in the official vendor SDKs. */
export const DEFAULT_MAX_RETRIES = 2;

/** Options every client factory accepts. */
export interface ClientOptions {
  /** API key (`sk-…`). Defaults to the `ALLMHUB_API_KEY` environment variable. */
  apiKey?: string | undefined;
  /** Gateway base URL. Defaults to `ALLMHUB_BASE_URL`, then `https://api.allmhub.com`. */
  baseUrl?: string | undefined;
  /** Per-request timeout in milliseconds (default 10 minutes). */
  timeout?: number | undefined;
  /** How many times a failed request is retried (default 2). */
  maxRetries?: number | undefined;
  /** Headers sent with every request. */
  headers?: Record<string, string> | undefined;
  /** A `fetch` implementation (default: the global one). */
  fetch?: typeof fetch | undefined;
  /**
   * The user's system access token, for the account APIs only (`/api/user/self`, `/api/token/`).
   * Not an API key. Defaults to `ALLMHUB_ACCESS_TOKEN`.
   */
  accessToken?: string | undefined;
  /** The numeric user id sent as `New-Api-User` with the access token. Defaults to `ALLMHUB_USER_ID`. */
  userId?: string | number | undefined;
  /** `anthropic-version` sent with Claude-format calls (default 2023-06-01). */
  anthropicVersion?: string | undefined;
}

/** What a package needs to be usable: an API key (relay calls), or account credentials. */
export type CredentialNeed = "apiKey" | "apiKeyOrAccount";

/** Options validated and with every default applied. */
export interface ResolvedClientOptions {
  /** The API key, or undefined when only account credentials were given (admin clients). */
  apiKey: string | undefined;
  accessToken: string | undefined;
  userId: string | undefined;
  anthropicVersion: string;
  baseUrl: string;
  timeout: number;
  maxRetries: number;
  headers: Record<string, string>;
  fetch: typeof fetch;
}

/** Reads an environment variable where there is a `process` (Node, Bun, Deno's Node layer), else undefined. */
export function readEnv(name: string): string | undefined {
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  const v = proc?.env?.[name];
  return v === undefined || v.trim() === "" ? undefined : v.trim();
}

/**
 * Applies defaults and environment fallbacks and checks every option, so that a missing key or a malformed
 * URL is a {@link ConfigurationError} when the client is created rather than a 401 later.
 */
export function resolveClientOptions(options: ClientOptions = {}, need: CredentialNeed = "apiKey"): ResolvedClientOptions {
  if (options === null || typeof options !== "object") {
    throw new ConfigurationError("Client options must be an object, e.g. { apiKey: 'sk-…' }.");
  }
  const apiKey = checkSecret(options.apiKey ?? readEnv("ALLMHUB_API_KEY"), "API key");
  const accessToken = checkSecret(options.accessToken ?? readEnv("ALLMHUB_ACCESS_TOKEN"), "access token");
  const rawUser = options.userId ?? readEnv("ALLMHUB_USER_ID");
  const userId = rawUser === undefined ? undefined : String(rawUser).trim();
  if (userId !== undefined && !/^\d+$/.test(userId)) {
    throw new ConfigurationError("userId must be the numeric id of the user (New-Api-User).");
  }
  if (accessToken !== undefined && userId === undefined) {
    throw new ConfigurationError("An access token needs its user id: pass { userId } or set ALLMHUB_USER_ID.");
  }
  if (apiKey === undefined && (need === "apiKey" || accessToken === undefined)) {
    throw new ConfigurationError(
      need === "apiKey"
        ? "No API key: pass { apiKey } to the client factory or set the ALLMHUB_API_KEY environment variable."
        : "No credentials: pass { apiKey } (ALLMHUB_API_KEY) for relay calls, or { accessToken, userId } (ALLMHUB_ACCESS_TOKEN, ALLMHUB_USER_ID) for account calls.",
    );
  }
  if (apiKey !== undefined && accessToken !== undefined && apiKey === accessToken) {
    throw new ConfigurationError("The access token and the API key are the same value: the account APIs need the system access token, not an API key.");
  }
  const anthropicVersion = options.anthropicVersion ?? "2023-06-01";
  if (typeof anthropicVersion !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(anthropicVersion)) {
    throw new ConfigurationError("anthropicVersion must be a date such as 2023-06-01.");
  }
  const rawUrl = options.baseUrl ?? readEnv("ALLMHUB_BASE_URL") ?? DEFAULT_BASE_URL;
  const baseUrl = checkBaseUrl(rawUrl);
  const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
  if (typeof timeout !== "number" || !Number.isFinite(timeout) || timeout <= 0) {
    throw new ConfigurationError("timeout must be a positive number of milliseconds.");
  }
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  if (typeof maxRetries !== "number" || !Number.isInteger(maxRetries) || maxRetries < 0) {
    throw new ConfigurationError("maxRetries must be a whole number ≥ 0.");
  }
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== "function") {
    throw new ConfigurationError("No fetch implementation: pass { fetch } or use Node ≥ 20.");
  }
  const headers = options.headers ?? {};
  if (typeof headers !== "object" || headers === null) {
    throw new ConfigurationError("headers must be an object of header names to values.");
  }
  return { apiKey, accessToken, userId, anthropicVersion, baseUrl, timeout, maxRetries, headers: { ...headers }, fetch: fetchImpl };
}

function checkSecret(value: unknown, what: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value.trim() === "") {
    throw new ConfigurationError(`The ${what} must be a non-empty string.`);
  }
  if (/\s/.test(value.trim()) || /^bearer\s/i.test(value)) {
    throw new ConfigurationError(`The ${what} must be the bare value (no spaces, no 'Bearer ' prefix).`);
  }
  return value.trim();
}

function checkBaseUrl(raw: unknown): string {
  if (typeof raw !== "string" || raw.trim() === "") {
    throw new ConfigurationError("baseUrl must be a non-empty string such as https://api.allmhub.com.");
  }
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ConfigurationError(`baseUrl is not a valid URL: ${JSON.stringify(raw)}.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ConfigurationError(`baseUrl must use http or https, not ${url.protocol}`);
  }
  if (url.search || url.hash) {
    throw new ConfigurationError("baseUrl must not carry a query string or fragment.");
  }
  if (url.username || url.password) {
    throw new ConfigurationError("baseUrl must not carry credentials; pass apiKey instead.");
  }
  const normalized = url.toString().replace(/\/+$/, "");
  // The gateway's paths already start with /v1, /mj, /api...: a base URL ending in /v1 would double it.
  if (/\/v1(beta)?$/.test(normalized)) {
    throw new ConfigurationError(
      `baseUrl should be the gateway root without /v1 (e.g. ${normalized.replace(/\/v1(beta)?$/, "")}): the SDK adds the path.`,
    );
  }
  return normalized;
}
