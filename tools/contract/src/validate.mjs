// @ts-check
import { createSpecValidator, escapePointer, resolvePointer } from "@allmhub/spec-model";

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
  const validator = createSpecValidator(doc);
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
      return validator.errors(pointerOf(where), value);
    },
    /**
     * Like `check`, but an answer whose schema is a union of shapes (`oneOf`/`anyOf`, such as the OpenAI or
     * Anthropic model list) is reported against the shape it is closest to (fewest errors), not all of them.
     * @param {{ path: string, method: string, status: string, media: string, item?: boolean }} where
     * @param {unknown} value
     * @returns {import("@allmhub/spec-model").SchemaError[]}
     */
    closestErrors(where, value) {
      const errors = validator.errors(pointerOf(where), value);
      if (errors.length === 0) return errors;
      let pointer = pointerOf(where);
      let schema = resolvePointer(doc, pointer);
      for (let hops = 0; typeof schema?.$ref === "string" && hops < 32; hops++) {
        pointer = schema.$ref;
        schema = resolvePointer(doc, pointer);
      }
      const union = schema?.oneOf ? "oneOf" : schema?.anyOf ? "anyOf" : null;
      if (!union) return errors;
      const branches = schema[union].map((/** @type {unknown} */ _, /** @type {number} */ i) =>
        validator.errors(`${pointer}/${union}/${i}`, value),
      );
      return branches.reduce((/** @type {any[]} */ best, /** @type {any[]} */ e) =>
        e.length < best.length ? e : best,
      );
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
