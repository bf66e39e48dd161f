// @ts-check
// JSON pointers and internal `$ref`s of a bundled document (every reference is `#/...`).

/** @param {string} s */
export const escapePointer = (s) => s.replace(/~/g, "~0").replace(/\//g, "~1");
/** @param {string} s */
export const unescapePointer = (s) => s.replace(/~1/g, "/").replace(/~0/g, "~");

/**
 * The value a local JSON pointer (`#/a/b`, URI-encoded or not) names, or undefined.
 * @param {any} doc
 * @param {string} ref
 * @returns {any}
 */
export function resolvePointer(doc, ref) {
  if (!ref.startsWith("#")) return undefined;
  return ref
    .slice(2)
    .split("/")
    .filter((key, i) => i > 0 || key !== "")
    .reduce((node, key) => (node == null ? undefined : node[unescapePointer(decodeURIComponent(key))]), doc);
}

/**
 * Follows `$ref`s until a node that is not a reference (at most 32 hops, so a cycle ends).
 * @param {any} doc
 * @param {any} node
 * @returns {any}
 */
export function deref(doc, node) {
  return derefWithName(doc, node).value;
}

/**
 * Like {@link deref}, with the last reference followed (undefined when the node was not a reference).
 * @param {any} doc
 * @param {any} node
 * @returns {{ value: any, ref: string | undefined }}
 */
export function derefWithName(doc, node) {
  /** @type {string | undefined} */
  let ref;
  for (let i = 0; node && typeof node === "object" && typeof node.$ref === "string" && i < 32; i++) {
    ref = node.$ref;
    node = resolvePointer(doc, /** @type {string} */ (ref));
  }
  return { value: node, ref };
}

/**
 * The node at a local JSON pointer with its `$ref`s followed (at most 32 hops), and the pointer where that
 * node is: `#/components/schemas/Foo` for a pointer at `{ $ref: "#/components/schemas/Foo" }`.
 * @param {any} doc
 * @param {string} pointer
 * @returns {{ node: any, pointer: string }}
 */
export function locate(doc, pointer) {
  let node = resolvePointer(doc, pointer);
  for (let hops = 0; node && typeof node === "object" && typeof node.$ref === "string" && hops < 32; hops++) {
    pointer = node.$ref;
    node = resolvePointer(doc, pointer);
  }
  return { node, pointer };
}

/**
 * The component schema name a `$ref` points at (`#/components/schemas/Foo` gives `Foo`), or null.
 * @param {unknown} ref
 * @returns {string | null}
 */
export function schemaNameOf(ref) {
  if (typeof ref !== "string") return null;
  const m = /^#\/components\/schemas\/([^/]+)$/.exec(ref);
  return m?.[1] ? unescapePointer(m[1]) : null;
}
