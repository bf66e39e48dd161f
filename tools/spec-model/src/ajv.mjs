// @ts-check
// The one Ajv setup of the tools: JSON Schema 2020-12 (OAS 3.1 schemas), formats, OpenAPI keywords tolerated.
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

/**
 * A new Ajv 2020 instance with formats, not strict (OpenAPI adds keywords such as `x-…`, `example` and
 * `discriminator`, which Ajv's discriminator support cannot follow through `$ref`s), reporting all errors.
 * @param {import("ajv").Options} [options] more Ajv options
 * @returns {import("ajv").default}
 */
export function createAjv(options = {}) {
  const ajv = new Ajv2020.default({ strict: false, allErrors: true, discriminator: false, ...options });
  addFormats.default(ajv);
  return ajv;
}

/**
 * Validates values against schemas of a bundled document by JSON pointer (`#/components/schemas/Foo`,
 * `#/paths/~1v1~1models/get/responses/200/content/application~1json/schema`), compiling each once.
 * @param {any} doc
 * @param {import("ajv").Options} [options] more Ajv options (see createAjv)
 * @returns {{ errors(pointer: string, value: unknown): import("ajv").ErrorObject[] }}
 */
export function createSpecValidator(doc, options = {}) {
  const ajv = createAjv(options);
  ajv.addSchema({ ...doc, $id: "spec" });
  /** @type {Map<string, import("ajv").ValidateFunction>} */
  const cache = new Map();
  return {
    errors(pointer, value) {
      let fn = cache.get(pointer);
      if (!fn) {
        fn = ajv.compile({ $ref: `spec${pointer}` });
        cache.set(pointer, fn);
      }
      return fn(value) ? [] : [...(fn.errors ?? [])];
    },
  };
}
