import {
  PASS_ACCESS_TOKEN,
  PASS_API_KEY,
  accessTokenCredentials,
  apiKeyCredentials,
  type SchemeCredentials,
} from "./auth.js";
import { ConfigurationError, MAX_DELAY, inRange } from "./errors.js";

/** The public ALLMHUB gateway. Any new-api gateway works: pass its `baseUrl`. */
export const DEFAULT_BASE_URL = "https://api.allmhub.com";
/** Ten minutes: long model calls (reasoning, images, video submissions) routinely take minutes. */
export const DEFAULT_TIMEOUT_MS = 600_000; // a literal, not 10 * 60 * 1000: bundlers keep top-level arithmetic as a possible side effect
/** Retries after the first attempt, as in the official vendor SDKs. */
export const DEFAULT_MAX_RETRIES = 2;
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
  /** What each authentication scheme the client can satisfy sends (see {@link authFor}). */
  credentials: SchemeCredentials;
  baseUrl: string;
  timeout: number;
  maxRetries: number;
  retryNonIdempotent: boolean;
  maxResponseSize: number;
  maxEventSize: number;
  headers: Record<string, string>;
  fetch: typeof fetch;
}

/** The numeric options of a client: default, smallest and largest value, and whether it must be whole. */
const NUMBER_OPTIONS: Record<NumberOption, readonly [number, number, number, boolean?]> = {
  timeout: [DEFAULT_TIMEOUT_MS, 1, MAX_DELAY],
  maxRetries: [DEFAULT_MAX_RETRIES, 0, 100, true],
  // Number.MAX_SAFE_INTEGER, as a literal: bundlers keep top-level arithmetic (and member reads) as possible side effects.
  maxResponseSize: [DEFAULT_MAX_RESPONSE_SIZE, 1, 9007199254740991, true],
  // V8's longest string is about 2^29 characters.
  maxEventSize: [DEFAULT_MAX_EVENT_SIZE, 1, 536870888, true],
};

type NumberOption = "timeout" | "maxRetries" | "maxResponseSize" | "maxEventSize";

/**
 * A numeric option of a client or a call (whose `timeout` and `maxRetries` have the client's ranges), or its
 * default when it is undefined. Out of its range, it is a {@link ConfigurationError} that says the range.
 */
export function numberOption(name: NumberOption, value: unknown): number {
  const [fallback, min, max, whole] = NUMBER_OPTIONS[name];
  return inRange(value ?? fallback, name, min, max, whole);
}

/** What a value is, for the messages that refuse it: `null`, `an array`, `a Blob`, `an object` (a plain one), `string`... */
export function kindOf(value: unknown): string {
  return value === null
    ? "null"
    : Array.isArray(value)
      ? "an array"
      : value instanceof Blob
        ? "a Blob"
        : typeof value === "object"
          ? "an object"
          : typeof value;
}

/** Throws `fail("<what> must be an object, not <what it is>.")` unless `value` is undefined or a plain object. */
export function checkObject(value: unknown, what: string, fail: (message: string) => never): void {
  const kind = kindOf(value);
  if (kind !== "an object" && kind !== "undefined") fail(`${what} must be an object, not ${kind}.`);
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
  checkObject(options, "Client options", fail);
  const apiKey = checkSecret(options.apiKey ?? readEnv("ALLMHUB_API_KEY"), "API key");
  if (!account && apiKey === undefined) fail(`No API key: ${PASS_API_KEY}.`);
  const anthropicVersion = options.anthropicVersion ?? "2023-06-01";
  if (typeof anthropicVersion !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(anthropicVersion))
    fail("anthropicVersion must be a date such as 2023-06-01.");
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== "function") fail("No fetch function: pass { fetch }.");
  checkObject(options.headers, "headers", fail);
  const resolved = {
    apiKey,
    credentials: apiKeyCredentials(apiKey, anthropicVersion),
    baseUrl: checkBaseUrl(options.baseUrl ?? readEnv("ALLMHUB_BASE_URL") ?? DEFAULT_BASE_URL),
    retryNonIdempotent: options.retryNonIdempotent === true,
    headers: { ...options.headers },
    // Called as a plain function, never as a method of this object: workerd's fetch (Cloudflare Workers)
    // throws "Illegal invocation" when it runs with a `this` other than the global scope.
    fetch: (input, init) => fetchImpl(input, init),
  } as ResolvedClientOptions;
  for (const name of Object.keys(NUMBER_OPTIONS) as NumberOption[]) resolved[name] = numberOption(name, options[name]);
  account?.(options, resolved);
  return resolved;
}

/**
 * Reads and checks the account credentials of a client that calls the account APIs, and adds them to its
 * resolved options: `accessToken` (or `ALLMHUB_ACCESS_TOKEN`) and, optionally, its numeric `userId` (or
 * `ALLMHUB_USER_ID`), which the account APIs get as `Authorization` and `New-Api-User`. The client needs an
 * access token or an API key. An access token that is an API key (`sk-…`, or the configured key) is refused:
 * the account APIs would reject it, and a key must not travel where a token goes. Passed to
 * {@link resolveClientOptions} (through `createPackageClient`) by @allmhub/admin only.
 */
export function resolveAccountCredentials(options: AccountClientOptions, resolved: ResolvedClientOptions): void {
  const accessToken = checkSecret(options.accessToken ?? readEnv("ALLMHUB_ACCESS_TOKEN"), "access token");
  const rawUser = options.userId ?? readEnv("ALLMHUB_USER_ID");
  const userId = rawUser === undefined ? undefined : String(rawUser).trim();
  if (userId !== undefined && !/^\d+$/.test(userId)) fail("userId must be the user's numeric id.");
  if (accessToken === undefined) {
    if (resolved.apiKey === undefined)
      fail(`No credentials: ${PASS_API_KEY}, or, for the account APIs, ${PASS_ACCESS_TOKEN}.`);
  } else {
    // System access tokens are base64 (no '-'), so one never starts with "sk-"; API keys do.
    if (accessToken === resolved.apiKey || accessToken.startsWith("sk-"))
      fail("accessToken is an API key, not the system access token.");
    resolved.credentials.accessToken = accessTokenCredentials(accessToken, userId);
  }
  Object.assign(resolved, { accessToken, userId });
}

function checkSecret(value: unknown, what: string): string | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === "string" ? value.trim() : "";
  // "Bearer sk-…" has a space too.
  if (!text || /\s/.test(text))
    fail(`The ${what} must be the bare value: a non-empty string without spaces (no 'Bearer ').`);
  return text;
}

function checkBaseUrl(raw: unknown): string {
  const text = String(raw).trim();
  let href = "";
  try {
    href = new URL(text).href;
  } catch {
    // reported below
  }
  const normalized = href.replace(/\/+$/, "");
  // `?` and `#` with nothing after them, and `@` with empty credentials, leave no trace in the parsed URL.
  // The gateway's paths already start with /v1, /mj, /api...: a base URL ending in /v1 would double it.
  if (!/^https?:/.test(href) || /[?#]|^[^/]*\/\/[^/]*@/.test(text) || /\/v1(beta)?$/.test(normalized)) {
    // The value is not echoed: it may carry credentials.
    fail("baseUrl must be an http or https URL without /v1, credentials, query or fragment.");
  }
  return normalized;
}
