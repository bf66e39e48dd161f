// @ts-check
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const escape = (/** @type {string} */ s) => s.replace(/~/g, "~0").replace(/\//g, "~1");

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
  const ajv = new Ajv2020.default({ strict: false, allErrors: true, discriminator: false });
  addFormats.default(ajv);
  ajv.addSchema({ ...doc, $id: "spec" });
  /** @type {Map<string, import("ajv").ValidateFunction>} */
  const cache = new Map();
  /** @param {{ path: string, method: string, status: string, media: string, item?: boolean }} where */
  const pointerOf = (where) =>
    `#/paths/${escape(where.path)}/${where.method}/responses/${where.status}/content/${escape(where.media)}/schema${where.item ? "/contentSchema" : ""}`;
  return {
    /**
     * @param {{ path: string, method: string, status: string, media: string, item?: boolean }} where
     * @param {unknown} value
     * @returns {import("ajv").ErrorObject[]}
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
      return pointerOf(where)
        .slice(2)
        .split("/")
        .reduce((/** @type {any} */ n, k) => n?.[k.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
    },
  };
}
