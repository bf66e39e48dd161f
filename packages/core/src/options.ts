import { ConfigurationError, MAX_DELAY, inRange } from "./errors.js";

/** The public ALLMHUB gateway. Any new-api gateway works: pass its `baseUrl`. */
export const DEFAULT_BASE_URL = "https://api.allmhub.com";
/** Ten minutes: long model calls (reasoning, images, video submissions) routinely take minutes. */
export const DEFAULT_TIMEOUT_MS = 600_000; // a literal, not 10 * 60 * 1000: bundlers keep top-level arithmetic as a possible side effect
/** Retries after the first attempt, as in the official vendor SDKs. */
export const DEFAULT_MAX_RETRIES = 2;
/** The most retries a call may ask for. */
export const MAX_RETRIES = 100;
/** 128 MiB: the largest answer body read by default (after decompression). */
export const DEFAULT_MAX_RESPONSE_SIZE = 134217728;
/** 16 MiB: the largest server-sent event by default. */
export const DEFAULT_MAX_EVENT_SIZE = 16777216;

/** Options every client factory accepts. */
export interface ClientOptions {
  /** API key (`sk-…`). Defaults to the `ALLMHUB_API_KEY` environment variable. */
  apiKey?: string | undefined;
  /** Gateway base URL. Defaults to `ALLMHUB_BASE_URL`, then `https://api.allmhub.com`. */
  baseUrl?: string | undefined;
  /**
   * Timeout of each attempt in milliseconds, from 1 to 2^31 - 1 (default 10 minutes). It covers the wait for
   * the answer and the reading of its body; for a stream, the wait for its headers and then each wait
   * between two reads of its events (a stalled stream fails with `APITimeoutError`). A `retry-after` longer
   * than it is not waited for: the call fails with that answer's error.
   */
  timeout?: number | undefined;
  /** How many times a failed request is retried, from 0 to 100 (default 2). */
  maxRetries?: number | undefined;
  /**
   * Whether a POST or PATCH that timed out or lost its connection after it was sent is sent again (default
   * false): the gateway may have received it and be running, and billing, the first one. Connection failures
   * before anything was sent, 408, 409, 429 and 5xx answers are retried either way.
   */
  retryNonIdempotent?: boolean | undefined;
  /** The largest answer body read, in bytes after decompression (default 128 MiB); a larger one fails with an `APIError`. */
  maxResponseSize?: number | undefined;
  /** The largest server-sent event, in characters (default 16 MiB); a larger one ends its stream with a `StreamError`. */
  maxEventSize?: number | undefined;
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
  retryNonIdempotent: boolean;
  maxResponseSize: number;
  maxEventSize: number;
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
  const timeout = inRange(options.timeout ?? DEFAULT_TIMEOUT_MS, "timeout", 1, MAX_DELAY);
  const maxRetries = inRange(options.maxRetries ?? DEFAULT_MAX_RETRIES, "maxRetries", 0, MAX_RETRIES, true);
  const maxResponseSize = inRange(
    options.maxResponseSize ?? DEFAULT_MAX_RESPONSE_SIZE,
    "maxResponseSize",
    1,
    Number.MAX_SAFE_INTEGER,
    true,
  );
  // V8's longest string is about 2^29 characters.
  const maxEventSize = inRange(options.maxEventSize ?? DEFAULT_MAX_EVENT_SIZE, "maxEventSize", 1, 536870888, true);
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== "function") fail("No fetch implementation: pass { fetch } or use Node ≥ 20.");
  const headers = options.headers ?? {};
  if (typeof headers !== "object" || headers === null) fail("headers must be an object of header names to values.");
  const retryNonIdempotent = options.retryNonIdempotent === true;
  return {
    apiKey,
    ...credentials,
    anthropicVersion,
    baseUrl,
    timeout,
    maxRetries,
    retryNonIdempotent,
    maxResponseSize,
    maxEventSize,
    headers: { ...headers },
    // Called as a plain function, never as a method of this object: workerd's fetch (Cloudflare Workers)
    // throws "Illegal invocation" when it runs with a `this` other than the global scope.
    fetch: (input, init) => fetchImpl(input, init),
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
  const text = String(raw).trim();
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    // reported below
  }
  // `?` and `#` with nothing after them, and `@` with empty credentials, leave no trace in the parsed URL.
  if (!url || !/^https?:$/.test(url.protocol) || /[?#]|^[^/]*\/\/[^/]*@/.test(text)) {
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
