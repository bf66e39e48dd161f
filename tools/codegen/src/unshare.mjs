// @ts-check
// A copy of the top of a resolved document, so that nimma can walk it by its zones.

/**
 * The property (a registered symbol; not enumerable, and configurable, as nimma's proxies require) of an
 * {@link unshareTop} copy's root that holds the document it was copied from, for rules that walk the resolved
 * document themselves (spec/rules/walked-once.mjs).
 */
export const COPIED_FROM = Symbol.for("allmhub.lint.copiedFrom");

/**
 * `root` with every object and array down to `depth` levels replaced by a fresh copy, one for each place it
 * is reached; what lies deeper is `root`'s own (shared where `root` shares it).
 *
 * Why: in a resolved document each `$ref` is replaced by the object it names, so one object is reached from
 * many places, and @stoplight/json-ref-resolver freezes them all. nimma, Spectral's JSONPath engine, walks a
 * frozen document whole (for our bundle 450 thousand values), and an unfrozen one only along the keys the
 * rules' paths name (its "zones", a few thousand values); but its zoned walk keeps one zone per object and
 * fails (`Cannot use 'in' operator to search for '**' in undefined`) when an object is reached twice under one
 * parent (a schema and its alias, a response used for two status codes). Down to the depth of the rules'
 * paths, the copies are fresh (unfrozen) and each reached once; deeper, nimma's zones stop, and the frozen
 * shared objects are only read. The values are the same, in the same key order (plain JSON objects only:
 * YAML-parsed objects keep their document order by other means). The copy's root holds `root` as
 * {@link COPIED_FROM}.
 * @param {unknown} root
 * @param {number} depth how many levels to copy (the root is level 0)
 * @returns {unknown}
 */
export function unshareTop(root, depth) {
  const copy = copyTop(root, depth);
  if (copy !== null && typeof copy === "object")
    Object.defineProperty(copy, COPIED_FROM, { value: root, configurable: true });
  return copy;
}

/** @param {unknown} value @param {number} depth @returns {unknown} */
function copyTop(value, depth) {
  if (value === null || typeof value !== "object" || depth < 0) return value;
  if (Array.isArray(value)) return value.map((item) => copyTop(item, depth - 1));
  /** @type {Record<string, unknown>} */
  const copy = {};
  for (const key of Object.keys(value))
    copy[key] = copyTop(/** @type {Record<string, unknown>} */ (value)[key], depth - 1);
  return copy;
}
