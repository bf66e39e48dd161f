// @ts-check
// The example checks of the lint step: every example and default of the bundled spec against its schema.
// spectral:oas has the same two rules (oas3-valid-media-example, oas3-valid-schema-example) but builds a new
// Ajv validator for each example, which took two thirds of the lint step; here each schema is compiled once,
// with the tools' one Ajv setup, and the findings keep Spectral's rule names and shape.
import { createSpecValidator, deref, escapePointer, operationsOf, resolvePointer } from "@allmhub/spec-model";

/** @typedef {import("./lint.mjs").LintResult} LintResult */

/** The keywords of JSON Schema 2020-12 whose value is one schema, a list of schemas, or a map of them. */
const ONE_SCHEMA = ["additionalProperties", "items", "not", "if", "then", "else", "contains", "propertyNames"];
const SCHEMA_LISTS = ["allOf", "anyOf", "oneOf", "prefixItems"];
const SCHEMA_MAPS = ["properties", "patternProperties", "$defs", "dependentSchemas"];
const MORE_ONE_SCHEMA = ["unevaluatedItems", "unevaluatedProperties"];

/**
 * The pointer to validate against for the schema at `path`: the component it only references
 * (`{ $ref: "#/components/schemas/X" }`), so that the many media types naming one schema share one compiled
 * validator, or its own place.
 * @param {any} doc
 * @param {string[]} path
 * @returns {string}
 */
function schemaPointer(doc, path) {
  const own = `#/${path.map(escapePointer).join("/")}`;
  const node = resolvePointer(doc, own);
  const ref = node?.$ref;
  return typeof ref === "string" && ref.startsWith("#/") && Object.keys(node).length === 1 ? ref : own;
}

/**
 * Every example and default of a bundled document that does not validate against its schema: the media
 * examples (`examples.*.value` and `example` of request bodies, answers, parameters and headers, against their
 * `schema`, following references to components.examples) and the schema values (`default`, `example`, and 3.1's `examples` list of every schema and
 * subschema, against that schema). Other references (schemas, answers) are checked where they point to.
 * @param {any} doc
 * @returns {LintResult[]}
 */
export function lintExamples(doc) {
  // spec-model compiles each schema of the document once, without Ajv's code optimisation pass and without
  // checking the document against the JSON Schema meta-schema (see its specSchemas).
  const validator = createSpecValidator(doc);
  /** @type {LintResult[]} */
  const results = [];

  /**
   * @param {"oas3-valid-media-example" | "oas3-valid-schema-example"} code
   * @param {string[]} schemaPath
   * @param {unknown} value
   * @param {string[]} valuePath
   */
  const check = (code, schemaPath, value, valuePath) => {
    const pointer = schemaPointer(doc, schemaPath);
    for (const e of validator.errors(pointer, value)) {
      const where = e.instancePath ? `"${e.instancePath.slice(1).replace(/\//g, ".")}" property` : "value";
      const params = e.keyword === "additionalProperties" ? `: ${e.params.additionalProperty}` : "";
      results.push({ code, message: `${where} ${e.message}${params}`, path: valuePath, severity: 0 });
    }
  };

  /**
   * A schema and its subschemas.
   * @param {any} schema
   * @param {string[]} path
   */
  const walkSchema = (schema, path) => {
    if (!schema || typeof schema !== "object" || Array.isArray(schema) || "$ref" in schema) return;
    for (const field of ["default", "example"])
      if (schema[field] !== undefined) check("oas3-valid-schema-example", path, schema[field], [...path, field]);
    if (Array.isArray(schema.examples))
      for (const [i, v] of schema.examples.entries())
        check("oas3-valid-schema-example", path, v, [...path, "examples", String(i)]);
    for (const k of [...ONE_SCHEMA, ...MORE_ONE_SCHEMA])
      if (schema[k] && typeof schema[k] === "object") walkSchema(schema[k], [...path, k]);
    for (const k of SCHEMA_LISTS)
      if (Array.isArray(schema[k])) for (const [i, s] of schema[k].entries()) walkSchema(s, [...path, k, String(i)]);
    for (const k of SCHEMA_MAPS)
      if (schema[k] && typeof schema[k] === "object")
        for (const [name, s] of Object.entries(schema[k])) walkSchema(s, [...path, k, name]);
  };

  /**
   * A media type object, a parameter or a header: its examples against its `schema`, then the schema itself.
   * @param {any} holder
   * @param {string[]} path
   */
  const walkExampleHolder = (holder, path) => {
    if (!holder || typeof holder !== "object" || "$ref" in holder) return;
    if (holder.schema) {
      const schemaPath = [...path, "schema"];
      if (holder.example !== undefined)
        check("oas3-valid-media-example", schemaPath, holder.example, [...path, "example"]);
      for (const [name, used] of Object.entries(holder.examples ?? {})) {
        // An example is checked against the schema of each place that uses it.
        const ex = deref(doc, used);
        if (!ex || typeof ex !== "object" || "externalValue" in ex) continue;
        check("oas3-valid-media-example", schemaPath, ex.value, [...path, "examples", name, "value"]);
      }
      walkSchema(holder.schema, schemaPath);
    }
    for (const [type, media] of Object.entries(holder.content ?? {}))
      walkExampleHolder(media, [...path, "content", type]);
  };

  /** @param {any} response @param {string[]} path */
  const walkResponse = (response, path) => {
    if (!response || typeof response !== "object" || "$ref" in response) return;
    walkExampleHolder({ content: response.content }, path);
    for (const [name, header] of Object.entries(response.headers ?? {}))
      walkExampleHolder(header, [...path, "headers", name]);
  };

  /** @param {any} op @param {string[]} path */
  const walkOperation = (op, path) => {
    for (const [i, p] of (op.parameters ?? []).entries()) walkExampleHolder(p, [...path, "parameters", String(i)]);
    if (op.requestBody && !("$ref" in op.requestBody))
      walkExampleHolder({ content: op.requestBody.content }, [...path, "requestBody"]);
    for (const [status, response] of Object.entries(op.responses ?? {}))
      walkResponse(response, [...path, "responses", status]);
  };

  /** @type {Set<string>} */
  const routesSeen = new Set();
  for (const { path: route, method, item, op } of operationsOf(doc)) {
    // The path item's own parameters, once per path (operationsOf merges them into each operation's).
    if (!routesSeen.has(route))
      for (const [i, p] of (item.parameters ?? []).entries())
        walkExampleHolder(p, ["paths", route, "parameters", String(i)]);
    routesSeen.add(route);
    walkOperation(op, ["paths", route, method]);
  }
  const components = doc.components ?? {};
  for (const [name, s] of Object.entries(components.schemas ?? {})) walkSchema(s, ["components", "schemas", name]);
  for (const kind of ["parameters", "headers"])
    for (const [name, p] of Object.entries(components[kind] ?? {})) walkExampleHolder(p, ["components", kind, name]);
  for (const [name, body] of Object.entries(components.requestBodies ?? {}))
    walkExampleHolder({ content: body?.content }, ["components", "requestBodies", name]);
  for (const [name, r] of Object.entries(components.responses ?? {}))
    walkResponse(r, ["components", "responses", name]);
  return results;
}
