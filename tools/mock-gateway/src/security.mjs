// @ts-check
// Whether a request carries the credentials its operation requires, by the spec's security requirements
// (openapi-backend 5.20's rule, which the mock followed before it routed requests itself).

/**
 * @typedef {(request: import("./parse-request.mjs").ParsedRequest) => unknown} SchemeCheck
 *   accepts a request's credentials for one security scheme (a truthy answer), or not (falsy, or an object
 *   with a truthy `error`, or a throw)
 */

/**
 * Whether `request` meets one of the `requirements` (each names schemes that must all accept it). No
 * requirement, no check; a scheme without a check is not met.
 * @param {any[]} requirements
 * @param {Record<string, SchemeCheck>} checks by scheme name
 * @param {import("./parse-request.mjs").ParsedRequest} request
 * @returns {boolean}
 */
export function authorized(requirements, checks, request) {
  if (requirements.length === 0) return true;
  /** @type {Map<string, boolean>} */
  const accepted = new Map();
  for (const name of requirements.flatMap((r) => Object.keys(r ?? {}))) {
    if (accepted.has(name)) continue;
    const check = Object.hasOwn(checks, name) ? checks[name] : undefined;
    let ok = false;
    try {
      const result = check?.(request);
      ok = Boolean(result) && !(typeof result === "object" && /** @type {any} */ (result).error);
    } catch {
      ok = false;
    }
    accepted.set(name, ok);
  }
  return requirements.some((r) => Object.keys(r).every((name) => accepted.get(name) === true));
}
