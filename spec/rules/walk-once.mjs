// @ts-check
// A walk over every member of a resolved document that enters an object shared by several places once.

/** @typedef {Array<string | number>} JsonPath */

/**
 * Calls `visit(path, value)` for every member of `root` at any depth, as a JSONPath deep scan (`$..`) in nimma
 * (Spectral's JSONPath engine) reaches them: an array's items by number, an object's own keys. An object met
 * again is not entered again when it is met in the same context: in a resolved document, each `$ref` is
 * replaced by the object it names, so a component used in 300 places is one object reached 300 times. Its
 * members are the same wherever it is reached; what may differ is only the path above it, and
 * `contextOf(path)` says how much of that path the caller's checks look at (`""`: none, so an object is
 * entered once; `null`: all of it, so it is entered every time it is reached).
 * `path` is the walk's own array, changed as it goes on: copy it to keep it.
 * @param {unknown} root
 * @param {(path: JsonPath, value: unknown) => void} visit
 * @param {(path: JsonPath) => string | null} contextOf
 */
export function walkOnce(root, visit, contextOf) {
  /** @type {Map<string, WeakSet<object>>} the objects entered, by context */
  const entered = new Map();
  /** @type {JsonPath} */
  const path = [];
  /** @param {object} node */
  const enter = (node) => {
    const context = contextOf(path);
    if (context !== null) {
      let seen = entered.get(context);
      if (!seen) entered.set(context, (seen = new WeakSet()));
      if (seen.has(node)) return;
      seen.add(node);
    }
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) member(i, node[i]);
    } else {
      for (const key of Object.keys(node)) member(key, /** @type {Record<string, unknown>} */ (node)[key]);
    }
  };
  /** @param {string | number} key @param {unknown} value */
  const member = (key, value) => {
    path.push(key);
    visit(path, value);
    if (value !== null && typeof value === "object") enter(value);
    path.pop();
  };
  if (root !== null && typeof root === "object") enter(root);
}
