import createClient, { type Client } from "openapi-fetch";
import { resolveClientOptions, type ClientOptions, type ResolvedClientOptions } from "./config.js";
import {
  APIConnectionError,
  APIError,
  APITimeoutError,
  APIUserAbortError,
  AllmhubError,
  ConfigurationError,
  errorForStatus,
  messageFromBody,
  redactSecrets,
} from "./errors.js";
import { isRetryableStatus, retryDelayMs, sleep } from "./retry.js";
import { Stream, jsonEventDecoder, type StreamDecoder } from "./sse.js";

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

/** How a call authenticates. `bearer` is `Authorization: Bearer <key>`, which every relay route accepts. */
export type AuthScheme = "bearer";

/** What the generated code knows about one operation. */
export interface OperationDescriptor {
  /** HTTP method in lower case. */
  method: "get" | "post" | "put" | "patch" | "delete";
  /** Path template, e.g. `/v1beta/models/{model}:generateContent`. */
  path: string;
  /** How the body is sent (default JSON). */
  requestBody?: "json" | "multipart" | undefined;
  /** How a successful body is read (default JSON). */
  response?: "json" | "text" | "binary" | undefined;
  /** Authentication (default bearer). */
  auth?: AuthScheme | undefined;
}

/** Parameters and body of one call, as in openapi-fetch. */
export interface OperationArgs {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown>; header?: Record<string, unknown> } | undefined;
  body?: unknown;
}

const INTERNAL = Symbol.for("@allmhub/core/internal");

interface Internal {
  options: ResolvedClientOptions;
  raw: Client<Record<string, never>>;
}

/** A configured connection to the gateway. Packages wrap it with their typed operations. */
export interface GatewayClient<Paths extends object = Record<string, never>> {
  /**
   * The underlying openapi-fetch client, typed from the spec, with the key applied. It returns
   * `{ data, error, response }` instead of throwing and does not retry: use it for anything the typed
   * methods do not cover.
   */
  readonly raw: Client<Paths>;
  /** The base URL every request goes to. */
  readonly baseUrl: string;
  /** @internal */
  readonly [INTERNAL]: Internal;
}

/**
 * Creates a gateway client: checks the options (a missing key or a malformed base URL throws a
 * {@link ConfigurationError} here), applies the key to every request and remembers timeouts and retries.
 */
export function createGatewayClient<Paths extends object>(options?: ClientOptions): GatewayClient<Paths> {
  const resolved = resolveClientOptions(options);
  const raw = createClient<Record<string, never>>({
    baseUrl: resolved.baseUrl,
    fetch: (input: Request) => resolved.fetch(input),
    headers: resolved.headers,
  });
  raw.use({
    onRequest({ request }) {
      if (!request.headers.has("authorization")) request.headers.set("authorization", `Bearer ${resolved.apiKey}`);
      return request;
    },
  });
  const client = {
    raw: raw as unknown as Client<Paths>,
    baseUrl: resolved.baseUrl,
    [INTERNAL]: { options: resolved, raw },
  };
  Object.defineProperty(client, INTERNAL, { enumerable: false });
  return client;
}

function internalOf(client: GatewayClient<object>): Internal {
  const internal = client?.[INTERNAL];
  if (!internal) throw new ConfigurationError("Not a client made by a create…Client factory of @allmhub packages.");
  return internal;
}

type Attempt = { kind: "response"; response: Response; errorBody: unknown } | { kind: "error"; error: unknown };

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
  const { response, text, blob } = await send(client, op, args, options, false);
  return parseSuccess<T>(op, response, text, blob, internalOf(client).options.apiKey);
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
  const { response, controller } = await send(client, op, args, options, true);
  return new Stream<T>(response, controller, decode);
}

async function send(
  client: GatewayClient<object>,
  op: OperationDescriptor,
  args: OperationArgs,
  options: RequestOptions,
  streaming: boolean,
): Promise<{ response: Response; text: string | undefined; blob: Blob | undefined; controller: AbortController }> {
  const { options: config, raw } = internalOf(client);
  const maxRetries = options.maxRetries ?? config.maxRetries;
  const timeout = options.timeout ?? config.timeout;
  const secrets = [config.apiKey];
  const userSignal = options.signal;
  for (let attempt = 0; ; attempt++) {
    if (userSignal?.aborted) throw new APIUserAbortError();
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new APITimeoutError());
    }, timeout);
    const onUserAbort = () => controller.abort(userSignal?.reason);
    userSignal?.addEventListener("abort", onUserAbort, { once: true });
    const cleanup = () => {
      clearTimeout(timer);
      if (!streaming) userSignal?.removeEventListener("abort", onUserAbort);
    };
    let result: Attempt;
    try {
      const { response, error } = await raw.request(op.method, op.path as never, {
        params: args.params,
        body: args.body,
        headers: options.headers,
        signal: controller.signal,
        parseAs: "stream",
        ...(op.requestBody === "multipart" ? { bodySerializer: toFormData } : {}),
      } as never);
      // openapi-fetch has already read the body of a non-2xx answer: `error` is its JSON or its text.
      result = { kind: "response", response, errorBody: error };
    } catch (error) {
      result = { kind: "error", error };
    }

    if (result.kind === "error") {
      cleanup();
      if (userSignal?.aborted) throw new APIUserAbortError();
      if (result.error instanceof AllmhubError) throw result.error;
      const retryable = attempt < maxRetries;
      if (retryable) {
        await sleepOrAbort(retryDelayMs(attempt), userSignal);
        continue;
      }
      if (timedOut) throw new APITimeoutError(`Request timed out after ${timeout} ms.`);
      throw new APIConnectionError(redactSecrets(`Connection error: ${describe(result.error)}`, secrets), {
        cause: result.error,
      });
    }

    const response = result.response;
    if (!response.ok) {
      if (isRetryableStatus(response.status) && attempt < maxRetries && response.headers.get("x-should-retry") !== "false") {
        await response.body?.cancel().catch(() => undefined);
        cleanup();
        await sleepOrAbort(retryDelayMs(attempt, response.headers), userSignal);
        continue;
      }
      cleanup();
      throw buildApiError(response, result.errorBody ?? "", secrets);
    }

    if (streaming) {
      // The timeout covers the wait for the answer; a stream then lives until it ends or is aborted.
      clearTimeout(timer);
      return { response, text: undefined, blob: undefined, controller };
    }
    try {
      if (op.response === "binary") {
        const blob = await response.blob();
        return { response, text: undefined, blob, controller };
      }
      const text = await response.text();
      return { response, text, blob: undefined, controller };
    } catch (error) {
      if (userSignal?.aborted) throw new APIUserAbortError();
      if (timedOut) throw new APITimeoutError(`Request timed out after ${timeout} ms.`);
      throw new APIConnectionError("The connection broke while reading the answer.", { cause: error });
    } finally {
      cleanup();
    }
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

function parseSuccess<T>(
  op: OperationDescriptor,
  response: Response,
  text: string | undefined,
  blob: Blob | undefined,
  apiKey: string,
): T {
  if (op.response === "binary") return blob as T;
  if (op.response === "text") return text as T;
  if (text === undefined || text.trim() === "") return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    const excerpt = redactSecrets(text.slice(0, 200), [apiKey]);
    throw new APIError({
      status: response.status,
      body: excerpt,
      headers: response.headers,
      message: `${response.status} answer is not JSON: ${excerpt.replace(/\s+/g, " ")}`,
    });
  }
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

/** A package client: the package's typed methods plus the gateway connection they use. */
export type PackageClient<Paths extends object, Operations> = Operations & {
  /** The configured gateway connection; `gateway.raw` is the openapi-fetch client typed from the spec. */
  readonly gateway: GatewayClient<Paths>;
};

/**
 * Creates a gateway client and binds a package's generated operations to it. Used by the
 * `create…Client` factories of @allmhub/chat, media, tasks and admin.
 */
export function createPackageClient<Paths extends object, Operations extends object>(
  bind: (client: GatewayClient<Paths>) => Operations,
  options?: ClientOptions,
): PackageClient<Paths, Operations> {
  const gateway = createGatewayClient<Paths>(options);
  return Object.assign(bind(gateway), { gateway });
}
