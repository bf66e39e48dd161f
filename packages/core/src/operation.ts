import type { AuthScheme } from "./auth.js";

/** Header values of a call: a string sets the header, `null` removes one the client would send. */
export type HeaderValues = Record<string, string | null | undefined>;

/** Query values of a call: `undefined` and `null` are left out, arrays repeat the parameter. */
export type QueryValues = Record<
  string,
  string | number | boolean | readonly (string | number | boolean)[] | null | undefined
>;

/**
 * Options of one call; they override the client's for that call only. `H` types the header parameters an
 * operation documents (`anthropic-beta`, `X-Runway-Version`, ...), which go in `headers`; `Q` the query
 * parameters of an operation that also takes a body (`alt` of Gemini streams), which go in `query`.
 */
export interface RequestOptions<H extends object = object, Q extends object = object> {
  /** Aborts the call (and a stream it returned). */
  signal?: AbortSignal | undefined;
  /** Timeout of each attempt of this call in milliseconds, from 1 to 2^31 - 1 (see the client's `timeout`). */
  timeout?: number | undefined;
  /** Retries for this call, from 0 to 100. */
  maxRetries?: number | undefined;
  /** Whether this call, a POST or PATCH, is sent again after it timed out or lost its connection once sent (see the client's option). */
  retryNonIdempotent?: boolean | undefined;
  /** Headers of this call, including the operation's documented header parameters. */
  headers?: (H & HeaderValues) | undefined;
  /** Query parameters of this call (an operation without a body takes its documented ones as an argument instead). */
  query?: (Q & QueryValues) | undefined;
  /**
   * Body fields the spec does not know (a vendor's newest parameter), merged into the JSON or multipart
   * body over the typed ones. The escape hatch for what the types do not list yet.
   */
  extraBody?: Record<string, unknown> | undefined;
}

/**
 * How a 2xx answer reports a failure: `midjourney` (`code` other than 1, 21, 22), `account`
 * (`success: false`; success returns `data`), `task-code` (`code` other than "success", true or 0; success
 * returns `data`).
 */
export type EnvelopeKind = "midjourney" | "account" | "task-code";

/** How one operation is sent: what the request builder, `send` and the answer's reading take. */
export interface OperationDescriptor {
  /** HTTP method in upper case. */
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Path template, e.g. `/v1beta/models/{model}:generateContent`; its `{names}` are the method's first arguments, in order. */
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
  /**
   * What ends the operation's event stream (`x-stream-end` of its answer): `[DONE]`, or the `type` (or
   * `event:` name) of a final event. A stream whose body ends before one of them fails with a `StreamError`;
   * without it, the end of the body ends the stream.
   */
  streamEnd?: readonly string[] | undefined;
  /** Header and query parameter values the SDK sends unless the call sets them (e.g. `alt=sse`). */
  defaults?: { header?: Readonly<Record<string, string>>; query?: Readonly<Record<string, string>> } | undefined;
}

/** An HTTP method in upper case and a path template, as the documentation writes them: `POST /v1/chat/completions`. */
export type Route = `${OperationDescriptor["method"]} /${string}`;

/**
 * How the method of an operation of a generated table takes its arguments and whether it streams, and how
 * the operation is sent (the fields of an {@link OperationDescriptor} but `method` and `path`, which the
 * route gives). The defaults need not be written, so that most operations need few settings or none.
 */
export interface OperationSettings extends Omit<OperationDescriptor, "method" | "path"> {
  /**
   * What the method takes after the path parameters: the request body (the default of POST, PUT and PATCH),
   * the query parameters as one object (for an operation without a body), or nothing (the default of GET
   * and DELETE). A trailing `?` makes it optional: then the call options may come right after the path parameters.
   */
  input?: "body" | "body?" | "query" | "query?" | "none" | undefined;
  /**
   * Whether the operation answers with server-sent events: `also` (a plain answer by default, and a
   * `…Stream` method that asks for events) or `only` (the method itself returns the stream).
   */
  stream?: "also" | "only" | undefined;
  /**
   * The body field the streaming method sets to ask for events: by default `stream` for an operation that
   * also streams (`null`: none), none for one that only streams.
   */
  streamFlag?: string | null | undefined;
  /** The value it sets (default `true`; `"sse"` for speech's `stream_format`). */
  streamValue?: string | undefined;
}

/**
 * One operation of a generated table (`operationDescriptors`), as `bindOperations` reads it: its route (the
 * method and path template, e.g. `POST /v1beta/models/{model}:generateContent`, whose `{names}` are the
 * method's first arguments, in order), then its settings, if it has any: a set that several operations share
 * and its own, merged in order when the client is made (a table holds no object spread, which bundlers keep
 * as a possible side effect of importing it).
 *
 * @example
 * ["POST /v1/chat/completions", { stream: "also", streamEnd: ["[DONE]"] }]
 * ["POST /api/user/checkin", byAccessTokenInAccountEnvelope, { input: "query?" }]
 */
export type OperationEntry = readonly [route: Route, ...settings: OperationSettings[]];

/** A generated operation table: the entry of each operation, by operationId. */
export type OperationTable<Id extends PropertyKey = string> = { readonly [Name in Id]: OperationEntry };

/** Parameters and body of one call, as the request builder takes them. */
export interface OperationArgs {
  params?:
    | { path?: Record<string, unknown>; query?: Record<string, unknown>; header?: Record<string, unknown> }
    | undefined;
  body?: unknown;
}
