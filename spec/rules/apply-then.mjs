// @ts-check
// What Spectral does with one matched place of a rule (spectral-core's lintNode): run each `then` on its
// targets and collect the problems, each with the path Spectral would report it at.

/** @typedef {import("./walk-once.mjs").JsonPath} JsonPath */
/** @typedef {{ message: string, path?: JsonPath }} Problem */
/**
 * @typedef {object} Then one `then` of a Spectral rule definition
 * @property {string} [field]
 * @property {(input: unknown, options: unknown, context: any) => Problem[] | void | Promise<Problem[] | void>} function
 * @property {unknown} [functionOptions]
 */

/**
 * The values a `then` looks at in a matched value, as spectral-core's getLintTargets picks them: the value
 * itself without `field`, or its member named `field` when the value is an object. Only plain member names
 * are supported (the rules walked once use no other kind of field).
 * @param {unknown} value
 * @param {string | undefined} field
 * @returns {Array<{ path: JsonPath, value: unknown }>}
 */
export function lintTargets(value, field) {
  if (field === undefined || value === null || (typeof value !== "object" && typeof value !== "function"))
    return [{ path: [], value }];
  if (!/^[A-Za-z_$][\w$]*$/.test(field)) throw new Error(`walk-once: unsupported then.field ${JSON.stringify(field)}`);
  return [{ path: [field], value: /** @type {Record<string, unknown>} */ (value)[field] }];
}

/**
 * Runs a rule's `then`s on one matched value found at `path` and appends their problems to `problems`, each
 * with the path Spectral reports it at (its own, or the path of the target it was found on).
 * @param {Then[]} thens
 * @param {unknown} value
 * @param {JsonPath} path
 * @param {object} context the function context Spectral gave the walking rule (document, documentInventory, rule)
 * @param {Problem[]} problems
 */
export function applyThens(thens, value, path, context, problems) {
  for (const then of thens) {
    for (const target of lintTargets(value, then.field)) {
      const targetPath = target.path.length > 0 ? [...path, ...target.path] : path;
      const found = then.function(target.value, then.functionOptions ?? null, { ...context, path: targetPath });
      if (found === undefined) continue;
      if (!Array.isArray(found)) throw new Error(`walk-once: ${then.function.name} did not return a list of problems`);
      for (const problem of found) problems.push({ ...problem, path: problem.path ?? targetPath });
    }
  }
}
