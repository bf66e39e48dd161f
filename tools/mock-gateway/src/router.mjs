// @ts-check
// Which operation of the spec a request calls. The rules are openapi-backend 5.20's, which routed the mock's
// requests before: the operation whose path is the request's path exactly, else the most specific path
// template that matches (fewest characters in parameters), else 404 (no path matches) or 405 (no method).
// A trailing slash counts (`/api/token/` is not `/api/token`); a leading `//` is read as `/`.
import { deref, operationsOf } from "@allmhub/spec-model";

/**
 * @typedef {{
 *   path: string,
 *   method: string,
 *   operationId: string | undefined,
 *   op: any,
 *   parameters: any[],
 *   security: any[],
 *   pattern: RegExp,
 *   specificity: number,
 * }} Route
 *   One operation: its path template, lower-case method and id, the operation object as the spec has it,
 *   its parameters with references resolved (the operation's, then the path item's), the security
 *   requirements that apply (the operation's, else the document's), the regular expression of its path
 *   template and how many characters of it are not parameters
 */

/**
 * @typedef {{ route: Route } | { status: 404 | 405 }} Match
 */

/**
 * The routes of a document, in document order (by path, then method in METHODS order).
 * @param {any} doc
 * @returns {Route[]}
 */
export function routesOf(doc) {
  // Parameters as openapi-backend listed them (the operation's, then the path item's, none dropped), not
  // spec-model's merged list: the request schemas keep its order.
  return operationsOf(doc).map(({ path, method, item, op }) => ({
    path,
    method,
    operationId: op.operationId,
    op,
    parameters: [...(op.parameters ?? []), ...(item?.parameters ?? [])].map((p) => deref(doc, p)),
    security: op.security || doc.security || [],
    // Characters of the template other than `{…}` are taken as they are, regular expression or not.
    pattern: new RegExp(`^${path.replace(/\{.*?\}/g, "[^/]+")}$`),
    specificity: path.replace(/\{.*?\}/g, "").length,
  }));
}

/**
 * A router over a document's operations.
 * @param {any} doc
 * @returns {{ routes: Route[], match(request: { method: string, path?: string }): Match }}
 */
export function createRouter(doc) {
  const routes = routesOf(doc);
  // The candidates for a template match, most specific first (a stable sort keeps document order).
  const bySpecificity = [...routes].sort((a, b) => b.specificity - a.specificity);
  return {
    routes,
    match(request) {
      const { method, ...rest } = normalized(request);
      const path = routedPath(rest.path);
      const exact = routes.find((r) => r.path === path && r.method === method);
      if (exact) return { route: exact };
      const matching = bySpecificity.filter((r) => r.pattern.test(path));
      if (matching.length === 0) return { status: 404 };
      const route = matching.find((r) => r.method === method);
      return route ? { route } : { status: 405 };
    },
  };
}

/**
 * A request's path without its query and with a leading slash, and its method in lower case.
 * @param {{ method: string, path?: string }} request
 */
export function normalized(request) {
  let path = request.path?.trim() || "";
  if (!path.startsWith("/")) path = `/${path}`;
  return { path: path.split("?")[0] ?? "", method: request.method.trim().toLowerCase() };
}

/**
 * The path routes are matched against: a normalized path with a leading `//` read as `/`.
 * @param {string} path
 */
export const routedPath = (path) => path.trim().replace(/^\/\/?/, "/");
