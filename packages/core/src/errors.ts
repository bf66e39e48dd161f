/**
 * One error family for every failure the SDK reports.
 *
 * AllmhubError
 * ├── ConfigurationError            bad options (missing key, malformed base URL) before any request
 * ├── APIConnectionError            the request never got an HTTP answer
 * │   └── APITimeoutError           ...because the timeout fired
 * ├── APIUserAbortError             the caller aborted
 * ├── StreamError                   a stream broke or carried an error event
 * └── APIError                      the gateway answered with an error
 *     ├── BadRequestError 400, AuthenticationError 401, PermissionDeniedError 403, NotFoundError 404,
 *     ├── ConflictError 409, UnprocessableEntityError 422, RateLimitError 429, InternalServerError 5xx
 *     └── (any other status stays an APIError)
 *
 * Secrets never enter an error: messages and bodies are passed through {@link redactSecrets}.
 */

/** Base class of every error thrown by the SDK. */
export class AllmhubError extends Error {
  override name = "AllmhubError";
}

/** Options given to a client factory, a call or a wait are missing or malformed. Thrown before any request is sent. */
export class ConfigurationError extends AllmhubError {
  override name = "ConfigurationError";
}

/** The longest delay a timer takes (2^31 - 1 ms, about 24.8 days): Node fires a longer one after 1 ms. */
export const MAX_DELAY = 2147483647;

/** `value` when it is a number from `min` to `max` (a whole one when `whole`), else a {@link ConfigurationError} that says the range. */
export function inRange(value: unknown, name: string, min: number, max: number, whole?: boolean): number {
  if (typeof value !== "number" || !(value >= min && value <= max) || (whole && !Number.isInteger(value))) {
    throw new ConfigurationError(
      `${name} must be a ${whole ? "whole " : ""}number from ${min} to ${max}, got ${String(value)}.`,
    );
  }
  return value;
}

/** Fields every gateway error carries, when the gateway provides them. */
export interface APIErrorInit {
  /** HTTP status, or the envelope's code for HTTP-200 envelopes. */
  status: number | undefined;
  /** The parsed error body (JSON when the gateway sent JSON, else a text excerpt). */
  body: unknown;
  /** Response headers. */
  headers: Headers | undefined;
  /** A readable message. */
  message: string;
  /** The error code, when it is not `error.code` of the body (envelopes). */
  code?: string | number | boolean | undefined;
}

/** The headers that carry the gateway's request id, preferred first. */
const REQUEST_ID_HEADERS = ["x-request-id", "x-oneapi-request-id", "x-new-api-request-id", "request-id"];

/** An error answered by the gateway (non-2xx status, or an error envelope in a 2xx answer). */
export class APIError extends AllmhubError {
  override name = "APIError";
  // Declared, not defined: the constructor sets them all.
  /** HTTP status of the answer. */
  declare readonly status: number | undefined;
  /** The gateway's error body, parsed when it was JSON (`{ error: { message, type, code } }` on relay routes). */
  declare readonly body: unknown;
  /** Response headers. */
  declare readonly headers: Headers | undefined;
  /** The `error.code` of the body, or the envelope's code. */
  declare readonly code: string | number | boolean | undefined;
  /** The `error.type` of the body, when present. */
  declare readonly type: string | undefined;
  /** The `error.param` of the body, when present. */
  declare readonly param: string | undefined;
  /** The request id of the gateway (header, or the `(request id: …)` suffix new-api appends to messages). */
  declare readonly requestId: string | undefined;

  constructor(init: APIErrorInit) {
    super(init.message);
    const { headers } = init;
    // The `error` object of a relay error body (`{ error: { message, type, code } }`).
    const inner = recordOf(recordOf(init.body).error);
    this.status = init.status;
    this.body = init.body;
    this.headers = headers;
    this.code = init.code ?? (typeof inner.code === "number" ? inner.code : stringOrUndefined(inner.code));
    this.type = stringOrUndefined(inner.type);
    this.param = stringOrUndefined(inner.param);
    this.requestId =
      REQUEST_ID_HEADERS.map((name) => headers?.get(name)).find((id) => id) ??
      /\(request id: ([^)\s]+)\)/i.exec(init.message)?.[1];
  }
}

/** HTTP 400. */
export class BadRequestError extends APIError {
  override name = "BadRequestError";
}
/** HTTP 401: the key or token was rejected. */
export class AuthenticationError extends APIError {
  override name = "AuthenticationError";
}
/** HTTP 403. */
export class PermissionDeniedError extends APIError {
  override name = "PermissionDeniedError";
}
/** HTTP 404. */
export class NotFoundError extends APIError {
  override name = "NotFoundError";
}
/** HTTP 409. */
export class ConflictError extends APIError {
  override name = "ConflictError";
}
/** HTTP 422. */
export class UnprocessableEntityError extends APIError {
  override name = "UnprocessableEntityError";
}
/** HTTP 429: rate limited or out of quota. */
export class RateLimitError extends APIError {
  override name = "RateLimitError";
}
/** HTTP 5xx. */
export class InternalServerError extends APIError {
  override name = "InternalServerError";
}

/**
 * The gateway answered HTTP 2xx with an envelope that reports a failure: a Midjourney submission whose
 * `code` is not 1, 21 or 22, an account API answer with `success: false`, or a task answer whose `code` is
 * not `success`. `code` is the envelope's code and `body` the whole envelope.
 */
export class EnvelopeError extends APIError {
  override name = "EnvelopeError";
}

/** The request did not get an HTTP answer (DNS, refused connection, reset, ...). */
export class APIConnectionError extends AllmhubError {
  override name = "APIConnectionError";
  constructor(message = "Connection error.", options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The request took longer than its timeout. */
export class APITimeoutError extends APIConnectionError {
  override name = "APITimeoutError";
  constructor(message = "Request timed out.") {
    super(message);
  }
}

/** The caller aborted the request through its AbortSignal. */
export class APIUserAbortError extends AllmhubError {
  override name = "APIUserAbortError";
  constructor(message = "Request was aborted.") {
    super(message);
  }
}

/** A server-sent event stream broke, was malformed, or carried an error event. */
export class StreamError extends AllmhubError {
  override name = "StreamError";
  /** The error payload the stream carried, when it carried one. */
  declare readonly body: unknown;
  constructor(message: string, body?: unknown) {
    super(message);
    this.body = body;
  }
}

/** Builds the right {@link APIError} subclass for an HTTP status. */
export function errorForStatus(init: APIErrorInit): APIError {
  const status = init.status ?? 0;
  const ErrorClass =
    {
      400: BadRequestError,
      401: AuthenticationError,
      403: PermissionDeniedError,
      404: NotFoundError,
      409: ConflictError,
      422: UnprocessableEntityError,
      429: RateLimitError,
    }[status] ?? (status >= 500 ? InternalServerError : APIError);
  return new ErrorClass(init);
}

/** The most useful human message inside an error body of any of the gateway's dialects. */
export function messageFromBody(body: unknown, status: number | undefined): string {
  return `${status ? `${status} ` : ""}${detailOf(body) || "status code (no body)"}`;
}

/**
 * What a body says about the failure: its message, an excerpt of its text (which says it is not the JSON the
 * gateway sends, and when it is an HTML page, a proxy's), or "" when it says nothing.
 */
function detailOf(body: unknown): string {
  if (typeof body === "string") {
    const text = body.trim().replace(/\s+/g, " ").slice(0, 200);
    return text && `non-JSON answer${/^<(!doctype|html|head|body)/i.test(text) ? " (HTML page)" : ""}: ${text}`;
  }
  const fields = recordOf(body);
  for (const v of [recordOf(fields.error).message, fields.message, fields.description, fields.detail, fields.msg])
    if (typeof v === "string" && v) return v;
  return body && typeof body === "object" ? JSON.stringify(body).slice(0, 200) : "";
}

/** The fields of an object; none for anything else. */
function recordOf(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
}

/** `value` when it is a string. */
function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}
