// @ts-check
import { createAjv, escapePointer, resolvePointer } from "@allmhub/spec-model";

/**
 * Validates answers against the response schemas of a bundled spec (JSON Schema 2020-12, as OAS 3.1).
 * @param {any} doc the bundled spec
 */
export function createResponseValidator(doc) {
  const checker = createSchemaChecker(doc);
  /**
   * @param {{ path: string, method: string, status: string, media: string, item?: boolean }} where
   *   `item` validates one event of a stream against the stream's `contentSchema`
   * @param {unknown} value
   * @returns {string[]} problems, empty when valid
   */
  return function validate(where, value) {
    return checker.check(where, value).map((e) => `${e.instancePath || "/"} ${e.message}`);
  };
}

/**
 * Ajv errors of an answer against its response schema, and the schema itself.
 * @param {any} doc the bundled spec
 */
export function createSchemaChecker(doc) {
  const ajv = createAjv();
  ajv.addSchema({ ...doc, $id: "spec" });
  /** @type {Map<string, import("@allmhub/spec-model").SchemaValidator>} */
  const cache = new Map();
  /** @param {{ path: string, method: string, status: string, media: string, item?: boolean }} where */
  const pointerOf = (where) =>
    `#/paths/${escapePointer(where.path)}/${where.method}/responses/${where.status}/content/${escapePointer(where.media)}/schema${where.item ? "/contentSchema" : ""}`;
  return {
    /**
     * @param {{ path: string, method: string, status: string, media: string, item?: boolean }} where
     * @param {unknown} value
     * @returns {import("@allmhub/spec-model").SchemaError[]}
     */
    check(where, value) {
      const pointer = `spec${pointerOf(where)}`;
      let fn = cache.get(pointer);
      if (!fn) {
        fn = ajv.compile({ $ref: pointer });
        cache.set(pointer, fn);
      }
      return fn(value) ? [] : [...(fn.errors ?? [])];
    },
    /**
     * The schema of an answer, or undefined when the spec has none there.
     * @param {{ path: string, method: string, status: string, media: string, item?: boolean }} where
     */
    schemaAt(where) {
      return resolvePointer(doc, pointerOf(where));
    },
  };
}
