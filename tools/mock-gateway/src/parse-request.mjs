// @ts-check
// A request read the way openapi-backend 5.20 read it for its handlers and its validation (the mock used it
// until it routed requests itself): headers by lower-case name, cookies, the query parsed by `qs` (so
// `a[b]=1` is `{ a: { b: "1" } }` and a repeated name an array), the path parameters of the matched route
// (percent-decoded), and the body parsed as JSON when it is text that is JSON.
import { parseCookie } from "cookie";
import qs from "qs";
import { normalized, routedPath } from "./router.mjs";

/**
 * @typedef {{ method: string, path: string, query?: string, headers: Record<string, string>, body?: unknown }} MockRequest
 *   a request as the mock hands it on: its query as text, its body parsed (JSON, form fields) or text
 * @typedef {{
 *   method: string, path: string, query: Record<string, any>, headers: Record<string, string>,
 *   body?: unknown, params: Record<string, string>, cookies: Record<string, string | undefined>,
 *   requestBody: unknown,
 * }} ParsedRequest
 *   `path` without its query, `method` in lower case, `body` as it came and `requestBody` parsed
 */

/**
 * Reads a request, for a route when one matched.
 * Throws when a query parameter whose content is JSON is not JSON.
 * @param {MockRequest} request
 * @param {import("./router.mjs").Route} [route]
 * @returns {ParsedRequest}
 */
export function parseRequest(request, route) {
  let requestBody = request.body;
  if (request.body && typeof request.body !== "object") {
    try {
      requestBody = JSON.parse(String(request.body));
    } catch {
      // not JSON: the validation says so when the operation takes JSON only
    }
  }
  /** @type {Record<string, string>} */
  const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const cookies = parseCookie([headers.cookie].flat().join("; "));
  const text = typeof request.query === "string" ? request.query.replace("?", "") : request.path.split("?")[1];
  const query = qs.parse(text ?? "");
  const { path, method } = normalized(request);
  /** @type {Record<string, string>} */
  let params = {};
  if (route) {
    params = pathParameters(route.path, routedPath(path)) ?? {};
    for (const name in query) {
      if (!query[name]) continue;
      const parameter = route.parameters.find((p) => !("$ref" in p) && p?.in === "query" && p?.name === name);
      if (parameter) query[name] = parameterValue(parameter, query[name]);
    }
  }
  return { ...request, path, method, params, headers, query, cookies, requestBody };
}

/**
 * A query parameter's value as its description reads it: JSON content parsed, a value that is not exploded
 * (`explode: false`) split at commas (or spaces, or pipes, by its style).
 * @param {any} parameter
 * @param {any} raw
 */
function parameterValue(parameter, raw) {
  if (parameter.content?.["application/json"]) return typeof raw === "string" ? JSON.parse(raw) : raw;
  if (parameter.explode !== false) return raw;
  if (Array.isArray(raw) && raw.length > 1) return raw;
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== "string") return raw;
  let decoded = value.replace(/%2C/g, ",");
  if (parameter.style === "spaceDelimited") decoded = decoded.replace(/ /g, ",").replace(/%20/g, ",");
  if (parameter.style === "pipeDelimited") decoded = decoded.replace(/\|/g, ",").replace(/%7C/g, ",");
  return decoded.split(",");
}

/**
 * The path parameters of a path for a template (`{name}` of letters, digits, `_` and `-`), percent-decoded,
 * or null when the path does not match or a name repeated in the template has two values.
 * @param {string} template
 * @param {string} path
 * @returns {Record<string, string> | null}
 */
export function pathParameters(template, path) {
  /** @type {string[]} */
  const names = [];
  const pattern = new RegExp(
    `^${template.replace(/\{([A-Za-z0-9_-]+)\}/g, (_, name) => {
      names.push(name);
      return "([^\\/]*)";
    })}$`,
  );
  const m = path.match(pattern);
  if (!m) return null;
  const values = m.slice(1).map((v) => decodeURIComponent(v));
  if (names.some((name, i) => names.some((other, j) => other === name && values[j] !== values[i]))) return null;
  return Object.fromEntries(names.map((name, i) => [name, values[i] ?? ""]));
}
