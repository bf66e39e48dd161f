// @ts-check
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const escape = (/** @type {string} */ s) => s.replace(/~/g, "~0").replace(/\//g, "~1");

/**
 * Validates answers against the response schemas of a bundled spec (JSON Schema 2020-12, as OAS 3.1).
 * @param {any} doc the bundled spec
 */
export function createResponseValidator(doc) {
  const ajv = new Ajv2020.default({ strict: false, allErrors: true, discriminator: false });
  addFormats.default(ajv);
  ajv.addSchema({ ...doc, $id: "spec" });
  /** @type {Map<string, import("ajv").ValidateFunction>} */
  const cache = new Map();
  /**
   * @param {{ path: string, method: string, status: string, media: string, item?: boolean }} where
   *   `item` validates one event of a stream against the stream's `contentSchema`
   * @param {unknown} value
   * @returns {string[]} problems, empty when valid
   */
  return function validate(where, value) {
    const pointer = `spec#/paths/${escape(where.path)}/${where.method}/responses/${where.status}/content/${escape(where.media)}/schema${where.item ? "/contentSchema" : ""}`;
    let fn = cache.get(pointer);
    if (!fn) {
      fn = ajv.compile({ $ref: pointer });
      cache.set(pointer, fn);
    }
    if (fn(value)) return [];
    return (fn.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`);
  };
}
