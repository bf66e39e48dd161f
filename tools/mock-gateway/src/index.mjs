// @ts-check
// A gateway double: a real HTTP server on 127.0.0.1 that routes every request to an operation of the bundled
// spec, checks its credentials, validates it against the spec with spec-model's Ajv (JSON Schema 2020-12, as
// OAS 3.1) and answers with the documented example.
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { deref, operationsOf, pickExample } from "@allmhub/spec-model";
import { createdKeys } from "./created-keys.mjs";
import { smallestValue } from "./error-answer.mjs";
import { formatLogLine } from "./log.mjs";
import { parseRequest } from "./parse-request.mjs";
import { createRequestValidator } from "./request-validator.mjs";
import { createRouter } from "./router.mjs";
import { authorized } from "./security.mjs";
import { taskProgress } from "./task-progress.mjs";

/** Header a test sets to pick the documented example to answer with (Prism's convention). */
export const PREFER_HEADER = "prefer";
/** Header on every answer that the spec did not allow. */
export const VIOLATION_HEADER = "x-mock-violation";
/** The largest request body the mock reads (32 MiB): a larger one is answered 413, and the rest is dropped unread. */
export const MAX_BODY_BYTES = 33554432;
/** The request log keeps the latest requests: this many at most, whose bodies take at most MAX_RECORDED_BODY_BYTES. */
export const MAX_RECORDED = 10000;
export const MAX_RECORDED_BODY_BYTES = 67108864;
/** The Midjourney speed modes a gateway serves as a first path segment (`/relax/mj/submit/imagine`). */
export const MIDJOURNEY_MODES = ["fast", "relax", "turbo"];

/**
 * @typedef {{
 *   method: string, path: string, operationId: string | null, status: number,
 *   violation: string | null, example: string | null, task: string | null,
 *   headers: Record<string, string>, body: unknown
 * }} RecordedRequest
 */

/**
 * @typedef {{
 *   url: string,
 *   requests: RecordedRequest[],
 *   close(): Promise<void>,
 * }} MockGateway
 */

/**
 * @typedef {{
 *   spec: string | object,
 *   host?: string,
 *   port?: number,
 *   apiKeys?: string[],
 *   accessTokens?: string[],
 *   maxRecorded?: number,
 *   taskPolls?: number,
 *   log?: (line: string) => void,
 * }} MockGatewayOptions
 * `spec` is the bundled document or its path; a document must not change once given (the validators compiled
 * for it serve every mock started with it, for the rest of the process). `apiKeys` and `accessTokens`, when
 * given, are the only credentials accepted (an API key is never accepted as an access token); otherwise any
 * non-empty one is.
 * `taskPolls` is how many reads of a task answer its pending states before it is done (default 0: every
 * read answers the documented example as it is). `log` receives one line per request.
 */

/**
 * Starts the mock gateway. A request it cannot read (malformed percent-encoding, a body over
 * MAX_BODY_BYTES) is answered 400 or 413 and the mock stays up; a client that goes away mid-body is
 * forgotten; `requests` keeps the latest requests only (MAX_RECORDED, or `maxRecorded`). A request that
 * names an example (`Prefer: example=<name>`) gets that example, task queries included.
 * @param {MockGatewayOptions} options
 * @returns {Promise<MockGateway>}
 */
export async function startMockGateway(options) {
  /** @type {any} */
  const definition = typeof options.spec === "string" ? JSON.parse(readFileSync(options.spec, "utf8")) : options.spec;
  const taskPolls = options.taskPolls ?? 0;
  if (!Number.isInteger(taskPolls) || taskPolls < 0 || taskPolls > 1000)
    throw new RangeError(`taskPolls must be an integer from 0 to 1000 (got ${String(options.taskPolls)}).`);
  const tasks = taskProgress(definition, taskPolls);
  const keysCreated = createdKeys();
  const slashRoutes = slashParamRoutes(definition);
  const router = createRouter(definition);
  const validator = createRequestValidator(definition, parseRequest);
  /** @type {RecordedRequest[]} */
  const requests = [];
  const keys = options.apiKeys;

  const keyOk = (/** @type {string | undefined} */ key) => Boolean(key && (!keys || keys.includes(key)));
  const declared = new Set(Object.keys(definition.components?.securitySchemes ?? {}));
  /** @type {Record<string, import("./security.mjs").SchemeCheck>} the checks of the schemes the spec declares */
  const schemes = {};
  /** @type {(name: string, check: import("./security.mjs").SchemeCheck) => void} */
  const onScheme = (name, check) => {
    if (declared.has(name)) schemes[name] = check;
  };
  onScheme("bearerAuth", (r) => keyOk(/^Bearer\s+(\S+)$/i.exec(headerValue(r.headers, "authorization") ?? "")?.[1]));
  onScheme("anthropicApiKey", (r) => keyOk(headerValue(r.headers, "x-api-key")));
  onScheme("googleApiKey", (r) => keyOk(headerValue(r.headers, "x-goog-api-key")));
  onScheme("googleApiKeyQuery", (r) => keyOk(headerValue(r.headers, "x-mock-query-key")));
  // The account APIs take the system access token, never an API key.
  onScheme("accessToken", (r) => {
    const token = (headerValue(r.headers, "authorization") ?? "").replace(/^Bearer\s+/i, "");
    if (!token || keys?.includes(token)) return false;
    return !options.accessTokens || options.accessTokens.includes(token);
  });
  onScheme("newApiUser", (r) => /^\d+$/.test(headerValue(r.headers, "new-api-user") ?? ""));

  /**
   * The answer to a request the mock could read: the route it calls, its credentials, its validity, then
   * the documented example. Throws when a parameter cannot be read (malformed percent-encoding or JSON).
   * @param {import("./parse-request.mjs").MockRequest} request
   */
  const respond = (request) => {
    const found = router.match(request);
    if (!("route" in found))
      return found.status === 405
        ? {
            status: 405,
            body: errorBody("method not in the spec", "method_not_allowed"),
            violation: "method not in the spec",
          }
        : { status: 404, body: errorBody("route not in the spec", "not_found"), violation: "route not in the spec" };
    const { route } = found;
    const parsed = parseRequest(request, route);
    if (!authorized(route.security, schemes, parsed))
      return {
        status: 401,
        body: errorBody("missing or rejected credentials", "invalid_api_key"),
        violation: null,
        operationId: route.operationId,
      };
    const errors = validator.validate(request, route);
    if (errors) return refused(errors, route.operationId);
    return answerWithExample(route, parsed, { tasks, keysCreated }, definition);
  };

  const record = requestLog(requests, options.maxRecorded ?? MAX_RECORDED);
  const server = createServer((req, res) => {
    handle(req, res).catch((err) => answerUnreadable(res, err));
  });
  /**
   * @param {import("node:http").IncomingMessage} req
   * @param {import("node:http").ServerResponse} res
   */
  async function handle(req, res) {
    const raw = await readBody(req, MAX_BODY_BYTES);
    if (raw === null) return; // the client went away mid-body
    const headers = /** @type {Record<string, string>} */ (
      Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]))
    );
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const requested = url.pathname + url.search;
    checkPercentEncoding(url.pathname, "the path");
    if (req.method === "OPTIONS") return answerPreflight(res, headers);
    // The speed mode in front of a Midjourney route is the gateway's, not the operation's.
    url.pathname = url.pathname.replace(MIDJOURNEY_MODE_PREFIX, "");
    /** @type {any} */
    let body;
    let parseError = null;
    try {
      body = await parseBody(raw, headers["content-type"] ?? "");
    } catch (err) {
      parseError = err instanceof Error ? err.message : String(err);
    }
    // A parameter that may hold slashes (`x-allow-slashes`, fal model ids) is routed as one segment.
    url.pathname = joinSlashParams(slashRoutes, req.method ?? "GET", url.pathname);
    // Gemini's `?key=` credential is not a parameter of the operations: the security handler reads it.
    const search = new URLSearchParams(url.search);
    const queryKey = search.get("key");
    if (queryKey !== null) {
      search.delete("key");
      headers["x-mock-query-key"] = queryKey;
    }
    let formViolation = null;
    if (
      body &&
      typeof body === "object" &&
      /multipart\/form-data|x-www-form-urlencoded/.test(headers["content-type"] ?? "")
    ) {
      const found = router.match({ method: req.method ?? "GET", path: url.pathname });
      const operationId = "route" in found ? found.route.operationId : undefined;
      const formSchema = operationId ? formSchemaOf(definition, operationId) : undefined;
      if (formSchema) {
        body = coerceForm(body, formSchema);
        // The request validation does not require files (files-optional.mjs); the mock checks them here.
        const missing = (formSchema.required ?? []).filter((/** @type {string} */ name) => !(name in body));
        if (missing.length)
          formViolation = `request does not match the spec: form field(s) ${missing.join(", ")} missing`;
      }
    }
    /** @type {any} */
    let result;
    if (parseError) {
      result = {
        status: 400,
        body: errorBody(`unreadable body: ${parseError}`, "spec_violation"),
        violation: `unreadable body: ${parseError}`,
      };
    } else if (formViolation) {
      result = { status: 400, body: errorBody(formViolation, "spec_violation"), violation: formViolation };
    } else {
      result = respond({ method: req.method ?? "GET", path: url.pathname, query: search.toString(), headers, body });
    }
    const op = result.operationId ?? null;
    /** @type {RecordedRequest} */
    const entry = {
      method: req.method ?? "GET",
      path: requested,
      operationId: op,
      status: result.status,
      violation: result.violation ?? null,
      example: result.example ?? null,
      task: result.task ?? null,
      headers,
      body,
    };
    const served = record(raw.length, entry);
    options.log?.(formatLogLine(entry));
    /** @type {Record<string, string>} */
    const out = {
      "content-type": result.contentType ?? "application/json",
      "x-request-id": `mock-${served}`,
      // A page on another origin (a browser app in development) may call the mock.
      "access-control-allow-origin": "*",
      "access-control-expose-headers": "x-request-id, x-mock-violation",
    };
    if (result.violation) out[VIOLATION_HEADER] = "1";
    res.writeHead(result.status, out);
    if (typeof result.body === "string" && out["content-type"] === "text/event-stream") {
      // YAML block scalars drop the blank line that closes the last event: a strict SSE client
      // (the official SDKs) would lose that event, so the mock closes it.
      res.end(result.body.endsWith("\n\n") ? result.body : `${result.body.replace(/\n?$/, "")}\n\n`);
    } else if (typeof result.body === "string") res.end(result.body);
    else res.end(JSON.stringify(result.body));
  }
  await new Promise((resolve) =>
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve(undefined)),
  );
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("the mock gateway did not get a TCP port");
  return {
    url: `http://${options.host ?? "127.0.0.1"}:${address.port}`,
    requests,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections?.();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/**
 * The answer to a request the spec does not allow: 400 with the first five errors.
 * @param {import("./request-validator.mjs").RequestError[]} errors
 * @param {string | undefined} operationId
 */
function refused(errors, operationId) {
  const detail = errors
    .slice(0, 5)
    .map(
      (e) =>
        `${e.instancePath || "/"} ${e.message}${e.params && "additionalProperty" in e.params ? ` (${e.params.additionalProperty})` : ""}`,
    )
    .join("; ");
  const message = `request does not match the spec: ${detail}`;
  return { status: 400, body: errorBody(message, "spec_violation"), violation: message, operationId };
}

/**
 * Chooses the documented answer: the example named in `Prefer: example=<name>`, from the event stream
 * when the request asked for a stream, else the first documented example of the first 2xx response (for a
 * task query, in the state the task has reached after this many reads).
 * @param {import("./router.mjs").Route} route the operation called
 * @param {import("./parse-request.mjs").ParsedRequest} request
 * @param {{ tasks: ReturnType<typeof taskProgress>, keysCreated: ReturnType<typeof createdKeys> }} state
 *   what earlier requests changed: how often each task was read, the keys created
 * @param {any} doc the bundled spec
 */
function answerWithExample(route, request, state, doc) {
  const { tasks, keysCreated } = state;
  const operation = route.op;
  const operationId = /** @type {string} */ (route.operationId); // the validation refused a route without one
  const prefer = parsePrefer(headerValue(request.headers, PREFER_HEADER));
  const codes = Object.keys(operation.responses ?? {})
    .filter((k) => /^2/.test(k))
    .sort();
  if (prefer.code && !deref(doc, operation.responses?.[prefer.code])) {
    // Not documented for this operation: an error in the relay's shape, for trying a client's error handling.
    if (/^[45]\d\d$/.test(prefer.code))
      return {
        status: Number(prefer.code),
        body: errorBody(`the ${prefer.code} answer asked for with Prefer (not documented for this operation)`, "mock"),
        operationId: operationId,
      };
    const message = `Prefer: code=${prefer.code} is neither a documented status of ${operationId} nor 4xx/5xx`;
    return {
      status: 400,
      body: errorBody(message, "mock_bad_prefer"),
      violation: message,
      operationId: operationId,
    };
  }
  const status = prefer.code ?? codes[0];
  if (!status)
    return {
      status: 500,
      body: errorBody("no success response in the spec", "mock_error"),
      operationId: operationId,
    };
  /** @type {Record<string, any>} */
  const content = Object.fromEntries(
    Object.entries(deref(doc, operation.responses[status])?.content ?? {}).map(([m, media]) => [
      m,
      withExamples(doc, media),
    ]),
  );
  const flag = operation["x-stream-flag"];
  const wantsStream =
    (flag &&
      request.requestBody &&
      typeof request.requestBody === "object" &&
      /** @type {any} */ (request.requestBody)[flag] === (operation["x-stream-value"] ?? true)) ||
    /text\/event-stream/.test(headerValue(request.headers, "accept") ?? "");
  const mediaTypes = Object.keys(content);
  const media =
    (wantsStream && pickExample(content["text/event-stream"], prefer.example) ? "text/event-stream" : null) ??
    (wantsStream && pickExample(content["text/event-stream"], undefined) ? "text/event-stream" : null) ??
    mediaTypes.find((m) => m !== "text/event-stream" && pickExample(content[m], prefer.example)) ??
    mediaTypes.find((m) => pickExample(content[m], prefer.example)) ??
    mediaTypes[0];
  if (!media) return { status: Number(status), body: "", contentType: "text/plain", operationId: operationId };
  const chosen =
    (prefer.example === undefined
      ? movingExample(tasks, operationId, content[media])
      : pickExample(content[media], prefer.example)) ?? pickExample(content[media], undefined);
  if (!chosen && !/^2/.test(status) && content[media]?.schema) {
    // An error status asked for with `Prefer: code=`: the smallest answer its schema allows.
    return {
      status: Number(status),
      body: smallestValue(doc, content[media].schema, `mock gateway: the ${status} answer asked for with Prefer`),
      contentType: media,
      operationId: operationId,
    };
  }
  if (!chosen) {
    return {
      status: 501,
      body: errorBody(`no documented example for ${media}`, "mock_no_example"),
      operationId: operationId,
    };
  }
  const moved =
    prefer.example === undefined && media !== "text/event-stream"
      ? tasks.answer(operationId, `${request.path}?${JSON.stringify(request.query ?? {})}`, chosen.value)
      : null;
  const keyAnswer =
    prefer.example === undefined && media === "application/json"
      ? keysCreated.answer(
          {
            operationId: operationId,
            params: request.params ?? {},
            query: request.query ?? {},
            body: request.requestBody,
          },
          chosen.value,
        )
      : null;
  return {
    status: Number(status),
    body: keyAnswer ?? (moved ? moved.value : chosen.value),
    contentType: media,
    operationId: operationId,
    example: chosen.name,
    task: moved?.stage ?? null,
  };
}

/**
 * A media type object with its examples' references resolved.
 * @param {any} doc
 * @param {any} media
 */
function withExamples(doc, media) {
  const examples = media?.examples;
  if (!examples || typeof examples !== "object") return media;
  return { ...media, examples: Object.fromEntries(Object.entries(examples).map(([k, e]) => [k, deref(doc, e)])) };
}

/**
 * The first example of a task query that has a status to move through the pending states, if any.
 * @param {ReturnType<typeof taskProgress>} tasks
 * @param {string} operationId
 * @param {any} media
 */
function movingExample(tasks, operationId, media) {
  for (const [name, example] of Object.entries(media?.examples ?? {}))
    if (tasks.moves(operationId, /** @type {any} */ (example).value))
      return { name, value: /** @type {any} */ (example).value };
  return undefined;
}

const MIDJOURNEY_MODE_PREFIX = new RegExp(`^/(?:${MIDJOURNEY_MODES.join("|")})(?=/mj/)`);

/**
 * Answers a browser's CORS preflight: any origin, the method and headers it asks for.
 * @param {import("node:http").ServerResponse} res
 * @param {Record<string, string>} headers
 */
function answerPreflight(res, headers) {
  res.writeHead(204, {
    "access-control-allow-origin": "*",
    "access-control-allow-methods": headers["access-control-request-method"] || "GET, POST, PUT, PATCH, DELETE",
    "access-control-allow-headers": headers["access-control-request-headers"] || "*",
    "access-control-max-age": "600",
  });
  res.end();
}

/** @param {string | undefined} value */
function parsePrefer(value) {
  /** @type {{ example?: string, code?: string }} */
  const out = {};
  for (const part of (value ?? "").split(/[,;]/)) {
    const [k, v] = part.split("=").map((s) => s?.trim());
    if (k === "example" && v) out.example = checkPercentEncoding(v, `the ${PREFER_HEADER} header`);
    if (k === "code" && v) out.code = v;
  }
  return out;
}

/**
 * @param {Record<string, string | string[] | undefined>} headers
 * @param {string} name
 */
function headerValue(headers, name) {
  const v = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * JSON bodies are parsed, multipart bodies become an object of fields (files as a `<binary …>` marker,
 * repeated fields as arrays), anything else stays text.
 * @param {Buffer} raw
 * @param {string} contentType
 */
async function parseBody(raw, contentType) {
  if (raw.length === 0) return undefined;
  const type = contentType.split(";")[0]?.trim().toLowerCase();
  if (type === "application/json" || type?.endsWith("+json")) return JSON.parse(raw.toString("utf8"));
  if (type === "multipart/form-data" || type === "application/x-www-form-urlencoded") {
    const form = await new Response(new Uint8Array(raw), { headers: { "content-type": contentType } }).formData();
    /** @type {Record<string, unknown>} */
    const out = {};
    for (const [key, value] of form.entries()) {
      const v = typeof value === "string" ? value : `<binary ${value.size} bytes>`;
      if (key in out) out[key] = [].concat(/** @type {any} */ (out[key]), /** @type {any} */ (v));
      else out[key] = v;
    }
    return out;
  }
  return raw.toString("utf8");
}

/**
 * Routes whose path parameters may hold slashes, as regular expressions that capture them.
 * @param {any} doc
 * @returns {Array<{ method: string, regex: RegExp, names: string[], slashes: Set<string>, template: string }>}
 */
function slashParamRoutes(doc) {
  const out = [];
  for (const { path: template, method, parameters } of operationsOf(doc)) {
    const slashes = new Set(
      parameters.filter((p) => p.in === "path" && p["x-allow-slashes"] === true).map((p) => p.name),
    );
    if (!slashes.size) continue;
    /** @type {string[]} */
    const names = [];
    const pattern = template
      .split(/(\{[^}]+\})/g)
      .map((part) => {
        const m = /^\{(.+)\}$/.exec(part);
        if (!m) return part.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
        names.push(/** @type {string} */ (m[1]));
        return slashes.has(m[1]) ? "(.+?)" : "([^/]+)";
      })
      .join("");
    out.push({ method: method.toUpperCase(), regex: new RegExp(`^${pattern}$`), names, slashes, template });
  }
  return out;
}

/**
 * Encodes the slashes of slash-holding parameters so the router sees one segment.
 * @param {ReturnType<typeof slashParamRoutes>} routes
 * @param {string} method
 * @param {string} pathname
 */
function joinSlashParams(routes, method, pathname) {
  for (const route of routes) {
    if (route.method !== method.toUpperCase()) continue;
    const m = route.regex.exec(pathname);
    if (!m) continue;
    let i = 0;
    return route.template.replace(/\{[^}]+\}/g, () => {
      const name = route.names[i];
      const value = m[++i] ?? "";
      return name && route.slashes.has(name) ? value.split("/").join("%2F") : value;
    });
  }
  return pathname;
}

/**
 * The form schema (multipart or urlencoded) of an operation, with its properties' references resolved.
 * @param {any} doc
 * @param {string} operationId
 */
function formSchemaOf(doc, operationId) {
  const found = operationsOf(doc).find((o) => o.operationId === operationId);
  const content = found?.requestBody?.content ?? {};
  const schema = deref(doc, (content["multipart/form-data"] ?? content["application/x-www-form-urlencoded"])?.schema);
  if (!schema) return undefined;
  const properties = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, deref(doc, v)]));
  return { ...schema, properties };
}

/**
 * Form fields arrive as text: turn them into the types their schema declares (numbers, booleans, arrays,
 * JSON objects), as a server parsing the form would, so the body can be validated like JSON.
 * @param {Record<string, unknown>} form
 * @param {any} schema
 */
export function coerceForm(form, schema) {
  /** @type {Record<string, unknown>} */
  const out = {};
  const props = schema?.properties ?? {};
  for (const [key, value] of Object.entries(form)) {
    const prop = props[key.replace(/\[\]$/, "")];
    out[key.replace(/\[\]$/, "")] = coerceValue(value, prop);
  }
  return out;
}

/**
 * @param {unknown} value
 * @param {any} prop
 * @returns {unknown}
 */
function coerceValue(value, prop) {
  if (!prop) return value;
  /** @type {string[]} */
  const types = [].concat(prop.type ?? []);
  if (types.includes("array")) return (Array.isArray(value) ? value : [value]).map((v) => coerceValue(v, prop.items));
  if (Array.isArray(value)) return value.map((v) => coerceValue(v, prop));
  if (typeof value !== "string") return value;
  if (
    (types.includes("integer") || types.includes("number")) &&
    value.trim() !== "" &&
    Number.isFinite(Number(value)) &&
    !types.includes("string")
  )
    return Number(value);
  if (types.includes("boolean") && !types.includes("string") && (value === "true" || value === "false"))
    return value === "true";
  if (types.includes("object") && !types.includes("string")) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}

/**
 * A request the mock cannot take: answered with `status` and `message`.
 * @param {number} status
 * @param {string} message
 */
function unreadable(status, message) {
  return Object.assign(new Error(message), { status });
}

/**
 * The decoded text, or a 400 naming `where` when its percent-encoding is malformed.
 * @param {string} text
 * @param {string} where
 */
function checkPercentEncoding(text, where) {
  try {
    return decodeURIComponent(text);
  } catch {
    throw unreadable(400, `malformed percent-encoding in ${where}`);
  }
}

/**
 * Reads a request body of at most `limit` bytes. Resolves null when the client goes away before its end;
 * rejects with a 413 as soon as the body is longer (the rest is read and dropped, never kept).
 * @param {import("node:http").IncomingMessage} req
 * @param {number} limit
 * @returns {Promise<Buffer | null>}
 */
function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    let chunks = [];
    let size = 0;
    req.on("data", (/** @type {Buffer} */ chunk) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      chunks = [];
      reject(unreadable(413, `request body over ${limit} bytes`));
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", () => resolve(null));
    req.on("close", () => resolve(null)); // after "end" this changes nothing
  });
}

/**
 * Answers a request that failed before the mock could answer it: 400 (or the error's status) with the
 * reason, then closes the connection; the mock stays up.
 * @param {import("node:http").ServerResponse} res
 * @param {unknown} err
 */
function answerUnreadable(res, err) {
  if (res.headersSent || res.destroyed) return void res.destroy();
  const status = /** @type {{ status?: number }} */ (err)?.status ?? 400;
  const message = err instanceof Error ? err.message : String(err);
  res.writeHead(status, { "content-type": "application/json", connection: "close" });
  res.end(
    JSON.stringify(errorBody(`unreadable request: ${message}`, status === 413 ? "body_too_large" : "bad_request")),
  );
}

/**
 * Appends to `requests`, dropping the oldest entries beyond `max` or beyond MAX_RECORDED_BODY_BYTES of
 * bodies; returns how many requests were recorded since the start.
 * @param {RecordedRequest[]} requests
 * @param {number} max
 */
function requestLog(requests, max) {
  /** @type {number[]} */
  const sizes = [];
  let bytes = 0;
  let count = 0;
  return (/** @type {number} */ size, /** @type {RecordedRequest} */ entry) => {
    requests.push(entry);
    sizes.push(size);
    bytes += size;
    while (requests.length > max || (bytes > MAX_RECORDED_BODY_BYTES && requests.length > 1)) {
      requests.shift();
      bytes -= sizes.shift() ?? 0;
    }
    return ++count;
  };
}

/**
 * An error body in the relay's ErrorResponse shape.
 * @param {string} message
 * @param {string} code
 */
function errorBody(message, code) {
  return { error: { message: `mock gateway: ${message}`, type: "mock_gateway_error", param: null, code } };
}
