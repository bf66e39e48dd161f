// @ts-check
// A gateway double: a real HTTP server on 127.0.0.1 that routes and validates every request against the
// bundled spec with openapi-backend (Ajv 2020 for OAS 3.1 schemas) and answers with the documented example.
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { OpenAPIBackend } from "openapi-backend";

/** Header a test sets to pick the documented example to answer with (Prism's convention). */
export const PREFER_HEADER = "prefer";
/** Header on every answer that the spec did not allow. */
export const VIOLATION_HEADER = "x-mock-violation";

/**
 * @typedef {{
 *   method: string, path: string, operationId: string | null, status: number,
 *   violation: string | null, example: string | null, headers: Record<string, string>, body: unknown
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
 * Starts the mock gateway.
 * @param {{ spec: string | object, host?: string, port?: number, apiKeys?: string[] }} options
 *   `spec` is the bundled document or its path; `apiKeys`, when given, are the only keys accepted.
 * @returns {Promise<MockGateway>}
 */
export async function startMockGateway(options) {
  const definition = typeof options.spec === "string" ? JSON.parse(readFileSync(options.spec, "utf8")) : structuredClone(options.spec);
  const api = new OpenAPIBackend({
    definition,
    strict: true,
    validate: true,
    quick: true, // skips openapi-backend's OAS 3.0 check of the document (the spec is OAS 3.1, linted by Spectral)
    ajvOpts: { strict: false, allErrors: true },
    customizeAjv: (_original, ajvOpts) => {
      const ajv = new Ajv2020.default({ ...ajvOpts, strict: false, allErrors: true, discriminator: false });
      addFormats.default(ajv);
      return ajv;
    },
  });
  /** @type {RecordedRequest[]} */
  const requests = [];
  const keys = options.apiKeys;

  api.registerSecurityHandler("bearerAuth", (c) => {
    const auth = headerValue(c.request.headers, "authorization");
    const match = /^Bearer\s+(\S+)$/i.exec(auth ?? "");
    return Boolean(match && (!keys || keys.includes(match[1] ?? "")));
  });

  api.register({
    notFound: () => ({ status: 404, body: errorBody("route not in the spec", "not_found"), violation: "route not in the spec" }),
    methodNotAllowed: () => ({ status: 405, body: errorBody("method not in the spec", "method_not_allowed"), violation: "method not in the spec" }),
    unauthorizedHandler: (c) => ({
      status: 401,
      body: errorBody("missing or rejected credentials", "invalid_api_key"),
      violation: null,
      operationId: c.operation?.operationId,
    }),
    validationFail: (c) => {
      const detail = (c.validation.errors ?? [])
        .slice(0, 5)
        .map((e) => `${e.instancePath || "/"} ${e.message}${e.params && "additionalProperty" in e.params ? ` (${e.params.additionalProperty})` : ""}`)
        .join("; ");
      const message = `request does not match the spec: ${detail}`;
      return { status: 400, body: errorBody(message, "spec_violation"), violation: message, operationId: c.operation?.operationId };
    },
    notImplemented: (c) => answerWithExample(c),
  });
  await api.init();

  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const raw = Buffer.concat(chunks);
    const headers = /** @type {Record<string, string>} */ (Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : v ?? ""])));
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    /** @type {any} */
    let body;
    let parseError = null;
    try {
      body = await parseBody(raw, headers["content-type"] ?? "");
    } catch (err) {
      parseError = err instanceof Error ? err.message : String(err);
    }
    /** @type {any} */
    let result;
    if (parseError) {
      result = { status: 400, body: errorBody(`unreadable body: ${parseError}`, "spec_violation"), violation: `unreadable body: ${parseError}` };
    } else {
      result = await api.handleRequest({
        method: req.method ?? "GET",
        path: url.pathname,
        query: url.search.slice(1),
        headers,
        body,
      });
    }
    const op = result.operationId ?? null;
    requests.push({
      method: req.method ?? "GET",
      path: url.pathname + url.search,
      operationId: op,
      status: result.status,
      violation: result.violation ?? null,
      example: result.example ?? null,
      headers,
      body,
    });
    const out = { "content-type": result.contentType ?? "application/json", "x-request-id": `mock-${requests.length}` };
    if (result.violation) out[VIOLATION_HEADER] = "1";
    res.writeHead(result.status, out);
    if (typeof result.body === "string") res.end(result.body);
    else res.end(JSON.stringify(result.body));
  });
  await new Promise((resolve) => server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve(undefined)));
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
 * Chooses the documented answer: the example named in `Prefer: example=<name>`, from the event stream
 * when the request asked for a stream, else the first documented example of the first 2xx response.
 * @param {any} c openapi-backend context
 */
function answerWithExample(c) {
  const operation = c.operation;
  const prefer = parsePrefer(headerValue(c.request.headers, PREFER_HEADER));
  const codes = Object.keys(operation.responses ?? {}).filter((k) => /^2/.test(k)).sort();
  const status = prefer.code && operation.responses?.[prefer.code] ? prefer.code : codes[0];
  if (!status) return { status: 500, body: errorBody("no success response in the spec", "mock_error"), operationId: operation.operationId };
  const content = operation.responses[status]?.content ?? {};
  const flag = operation["x-stream-flag"];
  const wantsStream =
    (flag && c.request.requestBody && typeof c.request.requestBody === "object" && c.request.requestBody[flag] === true) ||
    /text\/event-stream/.test(headerValue(c.request.headers, "accept") ?? "");
  const mediaTypes = Object.keys(content);
  const media =
    (wantsStream && pick(content["text/event-stream"], prefer.example) ? "text/event-stream" : null) ??
    (wantsStream && pick(content["text/event-stream"], undefined) ? "text/event-stream" : null) ??
    mediaTypes.find((m) => m !== "text/event-stream" && pick(content[m], prefer.example)) ??
    mediaTypes.find((m) => pick(content[m], prefer.example)) ??
    mediaTypes[0];
  if (!media) return { status: Number(status), body: "", contentType: "text/plain", operationId: operation.operationId };
  const chosen = pick(content[media], prefer.example) ?? pick(content[media], undefined);
  if (!chosen) {
    return { status: 501, body: errorBody(`no documented example for ${media}`, "mock_no_example"), operationId: operation.operationId };
  }
  const value = chosen.value;
  return {
    status: Number(status),
    body: typeof value === "string" ? value : value,
    contentType: media,
    operationId: operation.operationId,
    example: chosen.name,
  };
}

/**
 * @param {any} media
 * @param {string | undefined} name
 * @returns {{ name: string, value: unknown } | undefined}
 */
function pick(media, name) {
  const examples = media?.examples ?? {};
  if (name !== undefined) return name in examples ? { name, value: examples[name].value } : undefined;
  const first = Object.keys(examples)[0];
  if (first !== undefined) return { name: first, value: examples[first].value };
  if (media?.example !== undefined) return { name: "example", value: media.example };
  return undefined;
}

/** @param {string | undefined} value */
function parsePrefer(value) {
  /** @type {{ example?: string, code?: string }} */
  const out = {};
  for (const part of (value ?? "").split(/[,;]/)) {
    const [k, v] = part.split("=").map((s) => s?.trim());
    if (k === "example" && v) out.example = decodeURIComponent(v);
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
    const form = await new Response(raw, { headers: { "content-type": contentType } }).formData();
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
 * An error body in the relay's ErrorResponse shape.
 * @param {string} message
 * @param {string} code
 */
function errorBody(message, code) {
  return { error: { message: `mock gateway: ${message}`, type: "mock_gateway_error", param: null, code } };
}
