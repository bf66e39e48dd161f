import { checkArguments } from "./arguments.js";
import { optionsOf, type GatewayClient } from "./client.js";
import { envelopeChecks, type EnvelopeCheck } from "./envelopes.js";
import { multipartBody } from "./form.js";
import type {
  EnvelopeKind,
  OperationArgs,
  OperationDescriptor,
  OperationEntry,
  OperationSettings,
  RequestOptions,
} from "./operation.js";
import { send } from "./send.js";
import { Stream, jsonEventDecoder, type StreamDecoder } from "./sse.js";
import { TEMPLATE_NAME } from "./url.js";

/**
 * What a bound operation table needs beyond JSON calls, passed to {@link bindOperations} only by the tables
 * that use it, so that a package's bundle carries no code for what its operations never do.
 */
export interface OperationCodecs {
  /** Reads the events of the streamed methods: {@link Stream}. */
  stream?: typeof Stream | undefined;
  /** Checks the 2xx envelopes of operations with an `envelope`, by kind (only those the table uses). */
  envelope?: Partial<Record<EnvelopeKind, EnvelopeCheck>> | undefined;
  /** Encodes the bodies of multipart operations: {@link multipartBody}. */
  form?: typeof multipartBody | undefined;
  /** Tells the call options from an optional body or query object left out: {@link isRequestOptions}. */
  options?: typeof isRequestOptions | undefined;
}

/** The names of the call options, to tell options from an optional query object left out. */
const OPTION_NAMES = /^(signal|timeout|maxRetries|retryNonIdempotent|headers|query|extraBody)$/;

/**
 * Whether a value is call options rather than a query object: a non-empty object of option names only. The
 * `options` codec of tables whose methods take an optional body or query object.
 */
export function isRequestOptions(value: unknown): boolean {
  // An array's names are its indexes.
  const names = value && typeof value === "object" ? Object.keys(value) : [];
  return names.length > 0 && names.every((n) => OPTION_NAMES.test(n));
}

/**
 * Binds an operation table (a package's generated `operationDescriptors`) to a gateway client: one method
 * per operation plus a `…Stream` method for each operation that can also stream. Every method takes the
 * same shape of arguments: the path parameters in path order, then the body (or, for an operation without a
 * body, its query parameters as one object), then the call options. One loop instead of a generated closure
 * per operation, so that a package's bundle carries its table and not its bindings; each entry (its route,
 * what its method takes, the defaults it leaves out) is read once, here. `codecs` brings what the table's
 * operations need beyond JSON (`Stream`, the envelope checks, `multipartBody`); a table that needs one it
 * was not given is refused here, when it is bound.
 *
 * @example
 * const methods = bindOperations<{ getTask(id: string, options?: RequestOptions): Promise<unknown> }>(gateway, {
 *   getTask: ["GET /tasks/{id}"],
 * });
 * await methods.getTask("42");
 */
export function bindOperations<Operations extends object>(
  client: GatewayClient<object>,
  table: Readonly<Record<string, OperationEntry>>,
  codecs: OperationCodecs = {},
): Operations {
  const config = optionsOf(client);
  const methods: Record<string, (...values: unknown[]) => Promise<unknown>> = {};
  for (const name in table) {
    const [route, ...parts] = table[name]!;
    const settings: OperationSettings = Object.assign({}, ...parts);
    const { stream, streamFlag = stream === "also" && "stream", streamValue = true, envelope } = settings;
    const [verb, path] = route.split(" ") as [string, string];
    // What the method takes after the path parameters (a body, a query object or nothing: by default a body
    // for POST, PUT and PATCH, else nothing), and whether it may be left out (`?`).
    const [, input, optional] = /^(body|query)?(\??)/.exec(settings.input ?? (verb[0] === "P" ? "body" : "none"))!;
    const missing =
      (stream && !codecs.stream && "stream") ||
      (envelope && !codecs.envelope?.[envelope] && "envelope") ||
      (settings.requestBody && settings.requestBody !== "json" && !codecs.form && "form") ||
      (optional && !codecs.options && "options");
    if (missing) throw new TypeError(`${name} needs the ${missing} codec: pass it to bindOperations.`);
    const op = { ...settings, method: verb, path } as OperationDescriptor;
    const pathNames = Array.from(path.matchAll(TEMPLATE_NAME), (m) => m[1]!);
    const argumentNames = [...pathNames, ...(input ? [input] : []), "options"];
    const arity = argumentNames.length - 1;
    // Defines the method `label`, which returns the plain answer or (`streamed`) the events.
    const define = (streamed: boolean, label: string) => {
      methods[label] = async (...values: unknown[]): Promise<unknown> => {
        if (values.length > argumentNames.length)
          throw new TypeError(`${label}: takes ${argumentNames.join(", ")}; got ${values.length} arguments.`);
        let value = input ? values[pathNames.length] : undefined;
        let options = values[arity];
        // An optional input left out: the call options come right after the path parameters.
        if (optional && values.length === arity && codecs.options!(value)) [value, options] = [undefined, value];
        if (input === "body" && !optional && value === undefined)
          throw new TypeError(`${label}: the request body is required.`);
        if (streamed && streamFlag && input === "body" && value && typeof value === "object" && !Array.isArray(value))
          value = { ...value, [streamFlag]: streamValue };
        const params = { path: Object.fromEntries(pathNames.map((key, i) => [key, values[i]])) };
        const args: OperationArgs =
          input === "query"
            ? { params: { ...params, query: value as Record<string, unknown> } }
            : { params, body: value };
        const callOptions = (options ?? {}) as RequestOptions;
        checkArguments(label, op, args, callOptions);
        return send(config, op, args, callOptions, codecs, streamed);
      };
    };
    if (stream !== "only") define(false, name);
    if (stream) define(true, stream === "only" ? name : `${name}Stream`);
  }
  return methods as Operations;
}

const label = (op: OperationDescriptor) => `${op.method} ${op.path}`;

/**
 * Sends one operation described by hand (parameters by kind, as openapi-fetch takes them) and returns the
 * parsed success body; for tools and tests. Non-2xx answers throw the matching `APIError` subclass.
 */
export async function callOperation<T>(
  client: GatewayClient<object>,
  op: OperationDescriptor,
  args: OperationArgs = {},
  options: RequestOptions = {},
): Promise<T> {
  checkArguments(label(op), op, args, options);
  return send<T>(optionsOf(client), op, args, options, { envelope: envelopeChecks, form: multipartBody }, false);
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
  checkArguments(label(op), op, args, options);
  return send(optionsOf(client), op, args, options, { stream: Stream, form: multipartBody }, true, decode);
}
