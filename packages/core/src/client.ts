import * as openapiFetch from "openapi-fetch";
import type { Client } from "openapi-fetch";
import { resolveClientOptions, type AccountClientOptions, type ResolvedClientOptions, type resolveAccountCredentials } from "./config.js";
import {
  APIConnectionError,
  APIError,
  APITimeoutError,
  APIUserAbortError,
  AllmhubError,
  ConfigurationError,
  EnvelopeError,
  errorForStatus,
  messageFromBody,
  redactSecrets,
} from "./errors.js";
import { isRetryableStatus, retryDelayMs, sleep } from "./retry.js";
import { Stream, jsonEventDecoder, type StreamDecoder } from "./sse.js";
import { TEMPLATE_NAME, fillPath, serializeQuery } from "./url.js";

/** Options of one call; they override the client's for that call only. */
export interface RequestOptions {
  /** Aborts the call (and a stream it returned). */
  signal?: AbortSignal | undefined;
  /** Timeout of this call in milliseconds. */
  timeout?: number | undefined;
  /** Retries for this call. */
  maxRetries?: number | undefined;
  /** Extra headers for this call. */
  headers?: Record<string, string> | undefined;
}

/**
 * How a call authenticates. `bearer` is `Authorization: Bearer <key>`, which every relay route accepts;
 * `anthropic` is `x-api-key` with `anthropic-version`; `google` is `x-goog-api-key`; `googleQuery` is
 * `?key=`; `accessToken` is the user's system access token with `New-Api-User` (account APIs).
 */
export type AuthScheme = "bearer" | "anthropic" | "google" | "googleQuery" | "accessToken";

/**
 * How a 2xx answer reports a failure: `midjourney` (`code` other than 1, 21, 22), `account`
 * (`success: false`; success returns `data`), `task-code` (`code` other than "success", true or 0; success
 * returns `data`).
 */
export type EnvelopeKind = "midjourney" | "account" | "task-code";

/** What the generated code knows about one operation. */
export interface OperationDescriptor {
  /** HTTP method in lower case. */
  method: "get" | "post" | "put" | "patch" | "delete";
  /** Path template, e.g. `/v1beta/models/{model}:generateContent`. */
  path: string;
  /** How the body is sent (default JSON; `auto`: multipart when the body holds a Blob, else JSON). */
  requestBody?: "json" | "multipart" | "auto" | undefined;
  /** How a successful body is read (default JSON). */
  response?: "json" | "text" | "binary" | undefined;
  /** Accepted authentications, preferred first (default `["bearer"]`). */
  auth?: readonly AuthScheme[] | undefined;
  /** The envelope a 2xx answer comes in, when it can carry a failure. */
  envelope?: EnvelopeKind | undefined;
  /** Path parameters whose slashes are sent as path separators (fal model ids such as `flux-pro/kontext`). */
  slashParams?: readonly string[] | undefined;
  /** The arguments of the typed method, in order, before the call options (default: none). */
  args?: readonly ("params" | "body")[] | undefined;
  /**
   * Whether the operation answers with server-sent events: `also` (a plain answer by default, and a
   * `…Stream` method that asks for events) or `only` (the method itself returns the stream).
   */
  stream?: "also" | "only" | undefined;
  /** The body field the `…Stream` method sets to `true` to ask for events (e.g. `stream`). */
  streamFlag?: string | undefined;
}

/** Parameters and body of one call, as in openapi-fetch. */
export interface OperationArgs {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown>; header?: Record<string, unknown> } | undefined;
  body?: unknown;
}

const INTERNAL = Symbol.for("@allmhub/core/internal");

interface Internal {
  options: ResolvedClientOptions;
}

/** Carries the spec's `paths` type on a client, for {@link createRawClient}; never set at run time. */
declare const PATHS: unique symbol;

/** A configured connection to the gateway. Packages wrap it with their typed operations. */
export interface GatewayClient<Paths extends object = Record<string, never>> {
  /** The base URL every request goes to. */
  readonly baseUrl: string;
  /** @internal */
  readonly [INTERNAL]: Internal;
  /** @internal The spec's paths, as a type only. */
  readonly [PATHS]?: Paths;
}

/**
 * openapi-fetch's `createClient`. The CommonJS build of this package (esbuild, from a `"type": "module"`
 * package) imports openapi-fetch with Node's ESM/CommonJS interop, where the default export sits one level
 * deeper: `require("openapi-fetch").default`.
 */
function openapiFetchFactory(): typeof openapiFetch.default {
  const exported: unknown = openapiFetch.default;
  return (typeof exported === "function" ? exported : (exported as { default: unknown }).default) as typeof openapiFetch.default;
}

/**
 * Creates a gateway client: checks the options (a missing key or a malformed base URL throws a
 * {@link ConfigurationError} here) and remembers the key, timeouts and retries for every call. A client of
 * the account APIs passes `resolveAccountCredentials` as `account` (see `resolveClientOptions`).
 */
export function createGatewayClient<Paths extends object>(options?: AccountClientOptions, account?: typeof resolveAccountCredentials): GatewayClient<Paths> {
  const resolved = resolveClientOptions(options, account);
  // Not enumerable: logging or spreading a client shows neither the key nor the options.
  return Object.defineProperty({ baseUrl: resolved.baseUrl }, INTERNAL, { value: { options: resolved } }) as GatewayClient<Paths>;
}

/**
 * The openapi-fetch client of a gateway connection, typed from the spec: same base URL, headers, `fetch`
 * and API key (`Authorization: Bearer`). It returns `{ data, error, response }` instead of throwing and
 * neither retries nor times out: use it for what the typed methods do not cover. A separate function, so
 * that programs that never use it do not bundle openapi-fetch's client.
 *
 * @example
 * const chat = createChatClient();
 * const raw = createRawClient(chat.gateway);
 * const { data, error } = await raw.GET("/v1/models");
 */
export function createRawClient<Paths extends object>(gateway: GatewayClient<Paths>): Client<Paths> {
  const config = internalOf(gateway).options;
  const raw = openapiFetchFactory()<Paths>({
    baseUrl: config.baseUrl,
    fetch: (input: Request) => config.fetch(input),
    headers: config.headers,
  });
  raw.use({
    onRequest({ request }) {
      if (config.apiKey && !request.headers.has("authorization")) request.headers.set("authorization", `Bearer ${config.apiKey}`);
      return request;
    },
  });
  return raw;
}

/** Headers and query parameters that authenticate one operation, with the first scheme the client can satisfy. */
export function authFor(op: OperationDescriptor, config: ResolvedClientOptions): { headers: Record<string, string>; query: Record<string, string> } {
  const schemes = op.auth ?? ["bearer"];
  for (const scheme of schemes) {
    if (scheme === "accessToken") {
      if (config.accessToken && config.userId) return { headers: { authorization: config.accessToken, "new-api-user": config.userId }, query: {} };
      continue;
    }
    const key = config.apiKey;
    if (!key) continue;
    if (scheme === "bearer") return { headers: { authorization: `Bearer ${key}` }, query: {} };
    if (scheme === "anthropic") return { headers: { "x-api-key": key, "anthropic-version": config.anthropicVersion }, query: {} };
    if (scheme === "google") return { headers: { "x-goog-api-key": key }, query: {} };
    if (scheme === "googleQuery") return { headers: {}, query: { key } };
  }
  throw new ConfigurationError(
    `${op.method.toUpperCase()} ${op.path} ${
      schemes.includes("accessToken")
        ? "is an account API: pass { accessToken, userId } or set ALLMHUB_ACCESS_TOKEN and ALLMHUB_USER_ID."
        : "needs an API key: pass { apiKey } or set ALLMHUB_API_KEY."
    }`,
  );
}

function internalOf(client: GatewayClient<object>): Internal {
  const internal = client?.[INTERNAL];
  if (!internal) throw new ConfigurationError("Not a client made by an @allmhub create…Client factory.");
  return internal;
}

/**
 * Sends one operation with retries and a timeout and returns the parsed success body.
 * Non-2xx answers throw the matching {@link APIError} subclass.
 */
export async function callOperation<T>(
  client: GatewayClient<object>,
  op: OperationDescriptor,
  args: OperationArgs = {},
  options: RequestOptions = {},
): Promise<T> {
  return call<T>(client, op, args, options, { envelope: envelopeChecks, form: multipartBody });
}

/**
 * {@link callOperation} with only the codecs the caller passes (see {@link bindOperations}), or with
 * `streamed`, {@link streamOperation} with them.
 */
async function call<T>(client: GatewayClient<object>, op: OperationDescriptor, args: OperationArgs, options: RequestOptions, codecs: OperationCodecs, streamed = false): Promise<T> {
  const { response, body, controller } = await send(client, op, args, options, streamed, codecs.form);
  // bindOperations refuses a streamed operation when it was not given the stream codec.
  if (streamed) return new codecs.stream!(response, controller) as T;
  if (typeof body !== "string" || op.response === "text") return body as T;
  const secrets = secretsOf(internalOf(client).options);
  const data = parseJson(response, body, secrets);
  // bindOperations refuses an operation with an envelope when it was not given its check.
  return (op.envelope ? codecs.envelope![op.envelope]!(data, response, secrets) : data) as T;
}

/**
 * Sends one operation that answers with `text/event-stream` and returns its typed events.
 * The stream is not retried once the response has started.
 */
export async function streamOperation<T>(
  client: GatewayClient<object>,
  op: OperationDescriptor,
  args: OperationArgs = {},
  options: RequestOptions = {},
  decode: StreamDecoder<T> = jsonEventDecoder as StreamDecoder<T>,
): Promise<Stream<T>> {
  const { response, controller } = await send(client, op, args, options, true, multipartBody);
  return new Stream<T>(response, controller, decode);
}


async function send(
  client: GatewayClient<object>,
  op: OperationDescriptor,
  args: OperationArgs,
  options: RequestOptions,
  streaming: boolean,
  form: typeof multipartBody | undefined,
): Promise<{ response: Response; body: string | Blob | undefined; controller: AbortController }> {
  const config = internalOf(client).options;
  checkArguments(op, args, options);
  const maxRetries = options.maxRetries ?? config.maxRetries;
  const timeout = options.timeout ?? config.timeout;
  const { url, init } = buildRequest(op, args, authFor(op, config), options.headers, config, form);
  const userSignal = options.signal;
  for (let attempt = 0; ; attempt++) {
    if (userSignal?.aborted) throw new APIUserAbortError();
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeout);
    const onUserAbort = () => controller.abort(userSignal?.reason);
    userSignal?.addEventListener("abort", onUserAbort, { once: true });
    let response: Response | undefined;
    let errorBody: string | undefined;
    let delay = 0;
    try {
      init.signal = controller.signal;
      response = await config.fetch(url, init);
      // The timeout covers the wait for the answer and the reading of a plain body; a stream then lives
      // until it ends or is aborted (the finally block clears the timer and keeps the user's abort).
      if (response.ok) return { response, body: streaming ? undefined : await (op.response === "binary" ? response.blob() : response.text()), controller };
      errorBody = await response.text();
    } catch (error) {
      if (userSignal?.aborted) throw new APIUserAbortError();
      // Our own errors (bad arguments) end the call.
      if (!timedOut && error instanceof AllmhubError) throw error;
      // A timeout or a broken connection is retried until a 2xx answer has come, whose body is not asked
      // for twice (the gateway may have billed the call). Not when the fetch gave up on its own after its
      // headers timeout (undici: 300 s in Node, see the README): the call would outlast it again.
      const answered = response?.ok;
      if (answered || (error as { cause?: { code?: unknown } } | undefined)?.cause?.code === "UND_ERR_HEADERS_TIMEOUT" || attempt >= maxRetries) {
        throw timedOut
          ? new APITimeoutError(`Request timed out after ${timeout} ms.`)
          : new APIConnectionError(answered ? "The connection broke while reading the answer." : redactSecrets(`Connection error: ${describe(error)}`, secretsOf(config)), { cause: error });
      }
      delay = retryDelayMs(attempt);
    } finally {
      clearTimeout(timer);
      if (!streaming) userSignal?.removeEventListener("abort", onUserAbort);
    }
    if (errorBody !== undefined) {
      const { status, headers } = response!;
      if (!isRetryableStatus(status) || attempt >= maxRetries || headers.get("x-should-retry") === "false") throw buildApiError(response!, errorBody, secretsOf(config));
      delay = retryDelayMs(attempt, headers);
    }
    await sleepOrAbort(delay, userSignal);
  }
}

/**
 * The URL and RequestInit of one operation (path and query serialized as openapi-fetch would, see
 * `url.ts`), sent with `fetch(url, init)`: no `Request` object, which would copy every header and the body
 * once more per call. Header precedence, lowest first: content type, the client's headers, the
 * authentication, the operation's header parameters, the call's headers.
 */
function buildRequest(
  op: OperationDescriptor,
  args: OperationArgs,
  auth: { headers: Record<string, string>; query: Record<string, string> },
  callHeaders: Record<string, string> | undefined,
  config: ResolvedClientOptions,
  form: typeof multipartBody | undefined,
): { url: string; init: RequestInit } {
  const params = args.params ?? {};
  const query = serializeQuery(auth.query.key === undefined ? params.query : { ...params.query, ...auth.query });
  const url = `${config.baseUrl}${fillPath(op.path, params.path, op.slashParams)}${query ? `?${query}` : ""}`;
  // bindOperations refuses a multipart operation when it was not given the form codec.
  const multipart = args.body === undefined ? undefined : form?.(op, args.body);
  const body = multipart ?? (args.body === undefined ? undefined : JSON.stringify(args.body));
  // FormData sets its own content type, with the boundary.
  const headers: Record<string, string> = body === undefined || multipart ? {} : { "content-type": "application/json" };
  for (const source of [config.headers, auth.headers, params.header, callHeaders]) {
    if (!source) continue;
    for (const name in source) {
      const value = (source as Record<string, unknown>)[name];
      if (value === null) delete headers[name.toLowerCase()];
      else if (value !== undefined) headers[name.toLowerCase()] = String(value);
    }
  }
  return { url, init: { method: op.method.toUpperCase(), headers, body } };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Blob);

/**
 * Catches what the types catch for TypeScript callers, for JavaScript callers: a body that is not an
 * object, path parameters that are missing or not text, options that are not an object. Throws a
 * TypeError naming the operation before any request is sent.
 */
export function checkArguments(op: OperationDescriptor, args: OperationArgs, options: RequestOptions): void {
  const fail = (problem: string): never => {
    throw new TypeError(`${op.method.toUpperCase()} ${op.path}: ${problem}`);
  };
  if (!isPlainObject(options)) fail("options must be an object such as { signal, timeout }.");
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) fail("options.signal must be an AbortSignal.");
  const body = args.body;
  if (body !== undefined && !isPlainObject(body)) fail(`the request body must be an object, not ${Array.isArray(body) ? "an array" : typeof body}.`);
  if (args.params !== undefined && !isPlainObject(args.params)) fail("params must be an object such as { path: { … } }.");
  for (const [, key] of op.path.matchAll(TEMPLATE_NAME)) {
    const value = args.params?.path?.[key!];
    if (typeof value !== "string" && typeof value !== "number") fail(`params.path.${key} is required, got ${value === undefined ? "nothing" : typeof value}.`);
    else if (value === "") fail(`params.path.${key} must not be empty.`);
  }
}

async function sleepOrAbort(ms: number, signal: AbortSignal | undefined): Promise<void> {
  try {
    await sleep(ms, signal);
  } catch {
    throw new APIUserAbortError();
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    const causeText = cause instanceof Error ? ` (${cause.message})` : "";
    return `${error.message}${causeText}`;
  }
  return String(error);
}

/**
 * Builds the typed error of a non-2xx answer from its body (raw text, or already parsed JSON); the key is
 * scrubbed from its message and body.
 */
export function buildApiError(response: Response, rawBody: unknown, secrets: readonly string[] = []): APIError {
  let body: unknown = rawBody;
  if (typeof rawBody === "string") {
    try {
      body = rawBody.trim() ? JSON.parse(rawBody) : rawBody;
    } catch {
      body = rawBody.length > 2000 ? `${rawBody.slice(0, 2000)}…` : rawBody;
    }
  }
  body = redactSecrets(body, secrets);
  return errorForStatus({
    status: response.status,
    body,
    headers: response.headers,
    message: redactSecrets(messageFromBody(body, response.status), secrets),
  });
}

function secretsOf(config: ResolvedClientOptions): string[] {
  return [config.apiKey, config.accessToken].filter((s): s is string => typeof s === "string");
}

/** The JSON of a successful text answer (undefined when it is blank, the text itself when it is a text format). */
function parseJson(response: Response, text: string, secrets: readonly string[]): unknown {
  // A regular expression stops at the first non-blank character; trim() would copy the whole body.
  if (!/\S/.test(text)) return undefined;
  // Operations that answer JSON or text by request (transcriptions with response_format text/srt/vtt).
  const type = response.headers.get("content-type") ?? "";
  if (/^text\/(plain|vtt|srt|x-subrip)\b/i.test(type)) return text;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    const excerpt = redactSecrets(text.slice(0, 200), secrets);
    throw new APIError({
      status: response.status,
      body: excerpt,
      headers: response.headers,
      message: `${response.status} answer is not JSON: ${excerpt.replace(/\s+/g, " ")}`,
    });
  }
  return data;
}

/**
 * Checks a 2xx answer that comes in one kind of envelope: returns what the caller wants or throws an
 * {@link EnvelopeError} carrying the envelope's code and message (secrets scrubbed).
 */
export type EnvelopeCheck = (data: unknown, response: Response, secrets?: readonly string[]) => unknown;

function envelopeFailure(data: unknown, response: Response, secrets: readonly string[], code: unknown, message: string): never {
  throw new EnvelopeError({
    status: response.status,
    body: redactSecrets(data, secrets),
    headers: response.headers,
    message: redactSecrets(message, secrets),
    code: typeof code === "string" || typeof code === "number" || typeof code === "boolean" ? code : undefined,
  });
}

const fieldsOf = (data: unknown): Record<string, unknown> => (data && typeof data === "object" ? data : {}) as Record<string, unknown>;

const MIDJOURNEY_ACCEPTED = new Set([1, 21, 22]);

/** The `midjourney` envelope: returned whole when its `code` is 1 (submitted), 21 (already exists) or 22 (queued). */
export function midjourneyEnvelope(data: unknown, response: Response, secrets: readonly string[] = []): unknown {
  const { code, description } = fieldsOf(data);
  if (typeof code === "number" && MIDJOURNEY_ACCEPTED.has(code)) return data;
  return envelopeFailure(data, response, secrets, code, `Midjourney rejected the submission (code ${String(code)}): ${String(description ?? "no description")}`);
}

/** The `account` envelope `{ success, message, data }`: its `data` when `success` is true. */
export function accountEnvelope(data: unknown, response: Response, secrets: readonly string[] = []): unknown {
  const body = fieldsOf(data);
  if (body.success === true) return body.data;
  return envelopeFailure(data, response, secrets, body.success, `The account API reported a failure: ${String(body.message || "no message")}`);
}

/** The `task-code` envelope `{ code, message, data }`: its `data` when `code` is "success", true or 0. */
export function taskCodeEnvelope(data: unknown, response: Response, secrets: readonly string[] = []): unknown {
  const body = fieldsOf(data);
  const code = body.code;
  if (code === "success" || code === true || code === 0) return body.data;
  return envelopeFailure(data, response, secrets, code, `The task API reported a failure (code ${String(code)}): ${String(body.message ?? body.msg ?? "no message")}`);
}

/** The check of every envelope kind, for tables that may use any of them ({@link callOperation}). */
export const envelopeChecks: Readonly<Record<EnvelopeKind, EnvelopeCheck>> = {
  midjourney: midjourneyEnvelope,
  account: accountEnvelope,
  "task-code": taskCodeEnvelope,
};

/**
 * Checks a 2xx envelope of the given kind (see {@link envelopeChecks}): returns what the caller wants (the
 * Midjourney envelope itself, or the `data` of account and task envelopes) or throws an {@link EnvelopeError}.
 */
export function unwrapEnvelope(kind: EnvelopeKind, data: unknown, response: Response, secrets: readonly string[] = []): unknown {
  return envelopeChecks[kind](data, response, secrets);
}

/**
 * A path serializer (openapi-fetch's `pathSerializer` signature) that percent-encodes parameters as usual
 * but keeps the slashes of the named ones, so `/fal-ai/{model_path}` with `flux-pro/kontext` becomes
 * `/fal-ai/flux-pro/kontext`.
 */
export function pathWithSlashes(names: readonly string[]): (pathname: string, params: Record<string, unknown>) => string {
  return (pathname, params) => fillPath(pathname, params, names);
}

/** Whether a body holds a file (a Blob at the top level or in a top-level array). */
export function containsBlob(body: unknown): boolean {
  if (!body || typeof body !== "object") return false;
  return Object.values(body as Record<string, unknown>).some((v) => v instanceof Blob || (Array.isArray(v) && v.some((x) => x instanceof Blob)));
}

/**
 * The form codec of {@link bindOperations}: the multipart body of an operation that sends one (always for
 * `requestBody: "multipart"`, for `"auto"` when the body holds a file), else undefined (the body goes as JSON).
 */
export function multipartBody(op: OperationDescriptor, body: unknown): FormData | undefined {
  return op.requestBody === "multipart" || (op.requestBody === "auto" && containsBlob(body)) ? toFormData(body) : undefined;
}

/** Serializes a multipart body: Blobs and Files as files, arrays as repeated fields, objects as JSON. */
export function toFormData(body: unknown): FormData {
  const form = new FormData();
  if (!body || typeof body !== "object") return form;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (v instanceof Blob) form.append(key, v, (v as File).name ?? key);
      else if (typeof v === "object") form.append(key, JSON.stringify(v));
      else form.append(key, String(v));
    }
  }
  return form;
}

/**
 * What a bound operation table needs beyond JSON calls, passed to {@link bindOperations} only by the tables
 * that use it, so that a package's bundle carries no code for what its operations never do.
 */
export interface OperationCodecs {
  /** Reads the events of the streamed methods: {@link Stream}. */
  stream?: typeof Stream | undefined;
  /**
   * Checks the 2xx envelopes of operations with an `envelope`, by kind: {@link midjourneyEnvelope},
   * {@link accountEnvelope}, {@link taskCodeEnvelope} (only those the table uses).
   */
  envelope?: Partial<Record<EnvelopeKind, EnvelopeCheck>> | undefined;
  /** Encodes the bodies of multipart operations: {@link multipartBody}. */
  form?: typeof multipartBody | undefined;
}

/**
 * Binds an operation table (a package's generated `operationDescriptors`) to a gateway client: one method
 * per operation, taking the descriptor's `args` in order and then the call options, plus a `…Stream`
 * method for each operation that can also stream. One loop instead of a generated closure per operation,
 * so that a package's bundle carries its table and not its bindings. `codecs` brings what the table's
 * operations need beyond JSON (`Stream`, the envelope checks, `multipartBody`); a table that needs one
 * it was not given is refused here, when it is bound.
 *
 * @example
 * const methods = bindOperations<{ listModels(options?: RequestOptions): Promise<unknown> }>(gateway, {
 *   listModels: { method: "get", path: "/v1/models" },
 * });
 */
export function bindOperations<Operations extends object>(
  client: GatewayClient<object>,
  table: Readonly<Record<string, OperationDescriptor>>,
  codecs: OperationCodecs = {},
): Operations {
  const methods: Record<string, (...values: unknown[]) => Promise<unknown>> = {};
  for (const name in table) {
    const op = table[name]!;
    const { args: names = [], stream: streams, streamFlag } = op;
    const missing = (streams && !codecs.stream && "stream") || (op.envelope && !codecs.envelope?.[op.envelope] && "envelope") || (op.requestBody && op.requestBody !== "json" && !codecs.form && "form");
    if (missing) throw new TypeError(`${name} needs the ${missing} codec: pass it to bindOperations.`);
    const method =
      (streamed: boolean) =>
      (...values: unknown[]): Promise<unknown> => {
        const args: OperationArgs = {};
        names.forEach((key, i) => (args[key] = values[i] as never));
        const options = (values[names.length] ?? {}) as RequestOptions;
        if (streamed && streamFlag) args.body = { ...(args.body as object), [streamFlag]: true };
        return call(client, op, args, options, codecs, streamed);
      };
    if (streams !== "only") methods[name] = method(false);
    if (streams) methods[streams === "only" ? name : `${name}Stream`] = method(true);
  }
  return methods as Operations;
}

/** A package client: the package's typed methods plus the gateway connection they use. */
export type PackageClient<Paths extends object, Operations> = Operations & {
  /** The configured gateway connection (`createRawClient(client.gateway)` gives its openapi-fetch client). */
  readonly gateway: GatewayClient<Paths>;
};

/**
 * Creates a gateway client and binds a package's generated operations to it. Used by the
 * `create…Client` factories of @allmhub/chat, media, tasks and admin (which passes
 * `resolveAccountCredentials` as `account`).
 */
export function createPackageClient<Paths extends object, Operations extends object>(
  bind: (client: GatewayClient<Paths>) => Operations,
  options?: AccountClientOptions,
  account?: typeof resolveAccountCredentials,
): PackageClient<Paths, Operations> {
  const gateway = createGatewayClient<Paths>(options, account);
  return Object.assign(bind(gateway), { gateway });
}
