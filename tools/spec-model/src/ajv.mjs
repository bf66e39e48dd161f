// @ts-check
// The one Ajv setup of the tools: JSON Schema 2020-12 (OAS 3.1 schemas), formats, OpenAPI keywords tolerated;
// and the schemas of a document compiled in one Ajv instance, each at most once per process.
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { locate } from "./refs.mjs";

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

/** The id under which a document is added to its Ajv instance. */
const SPEC_ID = "spec";
/** The key of the added document under which the schemas built by `compile` go (Ajv reads them from there). */
const BUILT = "x-tools-built-schemas";

/**
 * @typedef {{
 *   ajv: import("ajv").default,
 *   ref(pointer: string): string,
 *   at(pointer: string): import("ajv").ValidateFunction,
 *   compile(key: string, build: () => object): import("ajv").ValidateFunction,
 *   compiledTimes(pointer: string): number,
 * }} SpecSchemas
 *   The schemas of one document, compiled in one Ajv instance, each at most once:
 *   - `ref(pointer)`: the `$ref` that names the schema at a pointer of the document, in a schema given to `compile`;
 *   - `at(pointer)`: the validator of the schema at a pointer (`#/components/schemas/Foo`), compiled on first use;
 *   - `compile(key, build)`: the validator of the schema `build` returns (it refers to the document's schemas
 *     with `ref`), built and compiled on the first call with that key;
 *   - `compiledTimes(pointer)`: how many validator functions Ajv generated for the schema at a pointer, for
 *     tests (0 for a schema Ajv inlines into the functions that refer to it: one without references).
 */

/** @type {WeakMap<object, Map<string, SpecSchemas>>} */
const byDocument = new WeakMap();

/**
 * The schemas of a document (a bundled spec): one Ajv instance per document object and option set in a
 * process, to which the document is added once, so that a component many schemas refer to is compiled once
 * (and a validator on its first use). The document must not change once its schemas are in use.
 *
 * How: Ajv caches a referenced schema per root schema, and looks up a reference that lands on another
 * reference again each time. So every schema is compiled as part of the document (the built ones are put
 * into it), and refers to a schema where the schema is (`ref` follows references first).
 *
 * Built schemas are not validated against the JSON Schema meta-schema (compiling the meta-schema costs about
 * 100 ms per instance): the tools build them, and Ajv never meta-validates the document's own schemas, which
 * it reaches through `$ref`.
 * @param {any} doc
 * @param {{ coerceTypes?: boolean }} [options] `coerceTypes`: Ajv's type coercion (strings to numbers and
 *   booleans, as for query parameters), which changes the data it validates
 * @returns {SpecSchemas}
 */
export function specSchemas(doc, options = {}) {
  const key = options.coerceTypes === true ? "coerce" : "plain";
  let perOptions = byDocument.get(doc);
  if (!perOptions) byDocument.set(doc, (perOptions = new Map()));
  let schemas = perOptions.get(key);
  if (!schemas) perOptions.set(key, (schemas = newSpecSchemas(doc, options.coerceTypes === true)));
  return schemas;
}

/**
 * @param {any} doc
 * @param {boolean} coerceTypes
 * @returns {SpecSchemas}
 */
function newSpecSchemas(doc, coerceTypes) {
  /** @type {Map<unknown, number>} how many functions Ajv generated per schema object */
  const generated = new Map();
  const ajv = createAjv({
    validateSchema: false,
    coerceTypes,
    code: {
      // Ajv's pass that tidies the generated code costs more than it saves on the few validations per
      // schema the tools run (the contract replay: about 15% of its CPU time).
      optimize: false,
      process: (source, env) => {
        generated.set(env?.schema, (generated.get(env?.schema) ?? 0) + 1);
        return source;
      },
    },
  });
  /** @type {Record<string, object>} */
  const built = {};
  ajv.addSchema({ ...doc, $id: SPEC_ID, [BUILT]: built });
  /** @type {Map<string, import("ajv").ValidateFunction>} */
  const compiled = new Map();
  let names = 0;
  /** @type {SpecSchemas["compile"]} */
  const compile = (key, build) => {
    let fn = compiled.get(key);
    if (!fn) {
      const name = `s${names++}`;
      built[name] = build();
      fn = ajv.getSchema(`${SPEC_ID}#/${BUILT}/${name}`);
      if (!fn) throw new Error(`spec-model: the schema built for ${key} could not be compiled`);
      compiled.set(key, fn);
    }
    return fn;
  };
  /** @type {SpecSchemas["ref"]} */
  const ref = (pointer) => locate(doc, pointer).pointer;
  return {
    ajv,
    ref,
    // `allOf` adds no error of its own; a schema that is only a `$ref` would be looked up anew.
    at: (pointer) => compile(`at ${pointer}`, () => ({ allOf: [{ $ref: ref(pointer) }] })),
    compile,
    compiledTimes: (pointer) => generated.get(locate(doc, pointer).node) ?? 0,
  };
}

/**
 * Validates values against schemas of a bundled document by JSON pointer (`#/components/schemas/Foo`,
 * `#/paths/~1v1~1models/get/responses/200/content/application~1json/schema`), each compiled once per
 * process (see {@link specSchemas}).
 * @param {any} doc
 * @returns {{ errors(pointer: string, value: unknown): import("ajv").ErrorObject[] }}
 */
export function createSpecValidator(doc) {
  const schemas = specSchemas(doc);
  return {
    errors(pointer, value) {
      const fn = schemas.at(pointer);
      return fn(value) ? [] : [...(fn.errors ?? [])];
    },
  };
}
