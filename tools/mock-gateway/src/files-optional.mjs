// @ts-check
// Files are never required by the request validation. openapi-backend, with which the mock validated requests
// before it did it itself, drops the properties that are files (`type: string, format: binary`) from `required`
// in every request body schema it prepares, following `properties`, `allOf`, `anyOf` and `oneOf` from a schema
// that has a `required` list. It changes the schema objects it shares with the rest of the document, so the
// changed schemas are changed wherever a request refers to them. The mock keeps that rule (its form checks look
// for missing files themselves, with their own message).
import { deref, escapePointer, locate, operationsOf } from "@allmhub/spec-model";
import { bodySchemaPointer } from "./request-schemas.mjs";

/**
 * @typedef {{ doc: any, changed: Set<string> }} FilesOptional
 *   `doc`: a copy of the document whose request body schemas do not require files; `changed`: the pointers of
 *   the schemas that differ from the document's
 */

/** @type {WeakMap<object, FilesOptional>} */
const byDocument = new WeakMap();

/**
 * The document with files optional in its request body schemas, made once per document object.
 * @param {any} doc
 * @returns {FilesOptional}
 */
export function filesOptional(doc) {
  let out = byDocument.get(doc);
  if (!out) byDocument.set(doc, (out = makeFilesOptional(doc)));
  return out;
}

/**
 * @param {any} doc
 * @returns {FilesOptional}
 */
function makeFilesOptional(doc) {
  const copy = structuredClone(doc);
  /** @type {Set<string>} */
  const changed = new Set();
  for (const { path, method, op } of operationsOf(copy)) {
    if (!op.operationId) continue; // openapi-backend validated no operation without an id
    const body = bodySchemaPointer(copy, path, method);
    if (body) dropFiles(copy, body.pointer, changed, new Set());
  }
  return { doc: changed.size ? copy : doc, changed };
}

/**
 * Drops files from the `required` list of the schema at `pointer` and of the schemas under it, in place.
 * @param {any} doc
 * @param {string} pointer
 * @param {Set<string>} changed pointers of the schemas changed so far
 * @param {Set<string>} seen pointers already walked (a schema can refer to itself)
 */
function dropFiles(doc, pointer, changed, seen) {
  const { node: schema, pointer: at } = locate(doc, pointer);
  if (!schema || typeof schema !== "object" || !schema.required || seen.has(at)) return;
  seen.add(at);
  if (schema.properties && Array.isArray(schema.required)) {
    const files = Object.keys(schema.properties).filter((name) => {
      const property = deref(doc, schema.properties[name]);
      return property && property.type === "string" && property.format === "binary";
    });
    const kept = schema.required.filter((/** @type {string} */ name) => !files.includes(name));
    if (kept.length !== schema.required.length) {
      schema.required = kept;
      changed.add(at);
    }
  }
  for (const name of Object.keys(schema.properties ?? {}))
    dropFiles(doc, `${at}/properties/${escapePointer(name)}`, changed, seen);
  for (const key of ["allOf", "anyOf", "oneOf"]) {
    const list = Array.isArray(schema[key]) ? schema[key] : [];
    for (let i = 0; i < list.length; i++) dropFiles(doc, `${at}/${key}/${i}`, changed, seen);
  }
}

/**
 * Whether the node at `pointer`, or anything it refers to (through any number of `$ref`s), is at one of the
 * `targets` pointers. Examples are not looked into.
 * @param {any} doc
 * @param {string} pointer
 * @param {Set<string>} targets
 * @returns {boolean}
 */
export function reaches(doc, pointer, targets) {
  if (targets.size === 0) return false;
  /** @type {Set<string>} */
  const seen = new Set();
  /**
   * @param {any} node
   * @param {string} at
   * @returns {boolean}
   */
  const walk = (node, at) => {
    if (targets.has(at)) return true;
    if (!node || typeof node !== "object") return false;
    if (typeof node.$ref === "string" && !seen.has(node.$ref)) {
      seen.add(node.$ref);
      const target = locate(doc, node.$ref);
      if (walk(target.node, target.pointer)) return true;
    }
    for (const [key, value] of Object.entries(node))
      if (key !== "example" && key !== "examples" && walk(value, `${at}/${escapePointer(key)}`)) return true;
    return false;
  };
  const start = locate(doc, pointer);
  return walk(start.node, start.pointer);
}
