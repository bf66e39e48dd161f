// @ts-check
// The operations of a bundled document, read the same way by every tool.
import { deref } from "./refs.mjs";

/** HTTP methods an OpenAPI path item can hold. */
export const METHODS = /** @type {const} */ (["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

/**
 * @typedef {{
 *   path: string,
 *   method: (typeof METHODS)[number],
 *   operationId: string,
 *   package: string | undefined,
 *   item: any,
 *   op: any,
 *   parameters: any[],
 *   requestBody: any | undefined,
 *   success: { status: string | undefined, content: Record<string, any> },
 * }} OperationView
 *   One operation with its references resolved: `parameters` are the path item's and the operation's
 *   (the operation's win on the same name and location), `success` is the first 2xx answer.
 */

/**
 * Every operation of a document, in document order. An operation without an operationId is named
 * `METHOD path`.
 * @param {any} doc
 * @returns {OperationView[]}
 */
export function operationsOf(doc) {
  /** @type {OperationView[]} */
  const out = [];
  for (const [path, item0] of Object.entries(doc?.paths ?? {})) {
    const item = deref(doc, item0);
    for (const method of METHODS) {
      const op = item?.[method];
      if (!op) continue;
      out.push({
        path,
        method,
        operationId: op.operationId ?? `${method.toUpperCase()} ${path}`,
        package: op["x-package"],
        item,
        op,
        parameters: parametersOf(doc, item, op),
        requestBody: deref(doc, op.requestBody),
        success: successOf(doc, op),
      });
    }
  }
  return out;
}

/**
 * Every operation by operationId.
 * @param {any} doc
 * @returns {Map<string, OperationView>}
 */
export function operationsById(doc) {
  return new Map(operationsOf(doc).map((o) => [o.operationId, o]));
}

/**
 * The parameters of an operation with references resolved: the path item's, overridden by the operation's.
 * Cookie parameters are left out (no operation of the gateway takes one).
 * @param {any} doc
 * @param {any} item
 * @param {any} op
 * @returns {any[]}
 */
export function parametersOf(doc, item, op) {
  /** @type {Map<string, any>} */
  const byKey = new Map();
  for (const p0 of [...(item?.parameters ?? []), ...(op?.parameters ?? [])]) {
    const p = deref(doc, p0);
    if (p && p.in !== "cookie") byKey.set(`${p.in} ${p.name}`, p);
  }
  return [...byKey.values()];
}

/**
 * The first 2xx answer of an operation (lowest status) and its content by media type.
 * @param {any} doc
 * @param {any} op
 * @returns {{ status: string | undefined, content: Record<string, any> }}
 */
export function successOf(doc, op) {
  const status = Object.keys(op?.responses ?? {})
    .filter((code) => /^2/.test(code))
    .sort()[0];
  return { status, content: status ? (deref(doc, op.responses[status])?.content ?? {}) : {} };
}

/**
 * The path parameter names of a template, in order (`/kling/{a}/{b}` gives `["a", "b"]`).
 * @param {string} template
 * @returns {string[]}
 */
export function pathParameterNames(template) {
  return Array.from(template.matchAll(/\{([^}]+)\}/g), (m) => /** @type {string} */ (m[1]));
}
