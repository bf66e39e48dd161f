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
  /** `anthropic-version` sent with Claude-format calls (default 2023-06-01). */
  anthropicVersion?: string | undefined;
}

/** Options of the clients that also call the account APIs (@allmhub/admin). */
export interface AccountClientOptions extends ClientOptions {
  /**
   * The user's system access token, for the account APIs only (`/api/user/self`, `/api/token/`).
   * Not an API key. Defaults to `ALLMHUB_ACCESS_TOKEN`.
   */
  accessToken?: string | undefined;
  /**
   * The numeric user id, sent as `New-Api-User` with the access token when given. Gateways before 2026 need
   * it (and check it against the token's owner); newer ones ignore it. Defaults to `ALLMHUB_USER_ID`.
   */
  userId?: string | number | undefined;
}

/** Options validated and with every default applied. */
export interface ResolvedClientOptions {
  /** The API key, or undefined when only account credentials were given (admin clients). */
  apiKey: string | undefined;
  /** The system access token (clients made with {@link resolveAccountCredentials} only). */
  accessToken?: string | undefined;
  /** The user id sent with the access token when given (clients made with {@link resolveAccountCredentials} only). */
  userId?: string | undefined;
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
  return proc?.env?.[name]?.trim() || undefined;
}

const fail = (message: string): never => {
  throw new ConfigurationError(message);
};

/**
 * Applies defaults and environment fallbacks and checks every option, so that a missing key or a malformed
 * URL is a {@link ConfigurationError} when the client is created rather than a 401 later. Clients that
 * call the account APIs pass {@link resolveAccountCredentials}: they then take an API key or account
 * credentials (or both); the others need an API key and neither read nor bundle the account credentials.
 */
export function resolveClientOptions(
  options: AccountClientOptions = {},
  account?: typeof resolveAccountCredentials,
): ResolvedClientOptions {
  if (options === null || typeof options !== "object")
    fail("Client options must be an object, e.g. { apiKey: 'sk-…' }.");
  const apiKey = checkSecret(options.apiKey ?? readEnv("ALLMHUB_API_KEY"), "API key");
  if (!account && apiKey === undefined) fail("No API key: pass { apiKey } or set ALLMHUB_API_KEY.");
  const credentials = account?.(options, apiKey);
  const anthropicVersion = options.anthropicVersion ?? "2023-06-01";
  if (typeof anthropicVersion !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(anthropicVersion))
    fail("anthropicVersion must be a date such as 2023-06-01.");
  const baseUrl = checkBaseUrl(options.baseUrl ?? readEnv("ALLMHUB_BASE_URL") ?? DEFAULT_BASE_URL);
  const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
  if (typeof timeout !== "number" || !(timeout > 0 && timeout < Infinity))
    fail("timeout must be a positive number of milliseconds.");
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  if (!Number.isInteger(maxRetries) || maxRetries < 0) fail("maxRetries must be a whole number ≥ 0.");
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== "function") fail("No fetch implementation: pass { fetch } or use Node ≥ 20.");
  const headers = options.headers ?? {};
  if (typeof headers !== "object" || headers === null) fail("headers must be an object of header names to values.");
  return {
    apiKey,
    ...credentials,
    anthropicVersion,
    baseUrl,
    timeout,
    maxRetries,
    headers: { ...headers },
    fetch: fetchImpl,
  };
}

/**
 * Reads and checks the account credentials of a client that calls the account APIs: `accessToken` (or
 * `ALLMHUB_ACCESS_TOKEN`) and, optionally, its numeric `userId` (or `ALLMHUB_USER_ID`). The client needs an
 * access token or an API key. An access token that is an API key (`sk-…`, or the configured key) is refused:
 * the account APIs would reject it, and a key must not travel where a token goes. Passed to
 * {@link resolveClientOptions} (through `createPackageClient`) by @allmhub/admin only.
 */
export function resolveAccountCredentials(
  options: AccountClientOptions,
  apiKey: string | undefined,
): { accessToken: string | undefined; userId: string | undefined } {
  const accessToken = checkSecret(options.accessToken ?? readEnv("ALLMHUB_ACCESS_TOKEN"), "access token");
  const rawUser = options.userId ?? readEnv("ALLMHUB_USER_ID");
  const userId = rawUser === undefined ? undefined : String(rawUser).trim();
  if (userId !== undefined && !/^\d+$/.test(userId)) fail("userId must be the numeric id of the user (New-Api-User).");
  if (apiKey === undefined && accessToken === undefined) {
    fail(
      "No credentials: pass { apiKey } or set ALLMHUB_API_KEY, or, for the account APIs, pass { accessToken } or set ALLMHUB_ACCESS_TOKEN.",
    );
  }
  // System access tokens are base64 (no '-'), so one never starts with "sk-"; API keys do.
  if (accessToken !== undefined && (accessToken === apiKey || accessToken.startsWith("sk-")))
    fail("accessToken is an API key: the account APIs need the system access token.");
  return { accessToken, userId };
}

function checkSecret(value: unknown, what: string): string | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === "string" ? value.trim() : "";
  if (!text) fail(`The ${what} must be a non-empty string.`);
  // "Bearer sk-…" has a space too.
  if (/\s/.test(text)) fail(`The ${what} must be the bare value (no spaces, no 'Bearer ' prefix).`);
  return text;
}

function checkBaseUrl(raw: unknown): string {
  let url: URL | undefined;
  try {
    url = new URL(String(raw).trim());
  } catch {
    // reported below
  }
  if (!url || !/^https?:$/.test(url.protocol) || url.search || url.hash || url.username || url.password) {
    // The value is not echoed: it may carry credentials.
    return fail(
      `baseUrl must be an http or https URL such as ${DEFAULT_BASE_URL}, without credentials, query or fragment.`,
    );
  }
  const normalized = url.href.replace(/\/+$/, "");
  // The gateway's paths already start with /v1, /mj, /api...: a base URL ending in /v1 would double it.
  if (/\/v1(beta)?$/.test(normalized))
    fail(
      `baseUrl should be the gateway root without /v1 (e.g. ${normalized.replace(/\/v1(beta)?$/, "")}): the SDK adds the path.`,
    );
  return normalized;
}
