// @ts-check
// The TypeScript types of a package bundle, by openapi-typescript, with the project's rules applied first.
import { createRequire } from "node:module";
import { GENERATED_HEADER } from "./header.mjs";

// Both are loaded with require, through their CommonJS builds: imported as ES modules, TypeScript's one large
// CommonJS file is scanned by Node for its export names and module format first (about a second, most of
// what a package's generation cost), and openapi-typescript's ES build imports it that way.
const require = createRequire(import.meta.url);
/** @type {typeof import("openapi-typescript")} */
const { astToString, resolveRef, scanDiscriminators, transformSchema } = require("openapi-typescript");
/** @type {typeof import("typescript")} */
const ts = require("typescript");

const BLOB = ts.factory.createTypeReferenceNode(ts.factory.createIdentifier("Blob"));
const NULL = ts.factory.createLiteralTypeNode(ts.factory.createNull());

/** `string & {}`: any string, without swallowing the literal suggestions next to it. */
const ANY_STRING = ts.factory.createIntersectionTypeNode([
  ts.factory.createKeywordTypeNode(ts.SyntaxKind.StringKeyword),
  ts.factory.createTypeLiteralNode([]),
]);

/**
 * A plain string whose schema lists known values in `examples` (model names, efforts, voices the gateway
 * passes through) becomes `"a" | "b" | (string & {})`: editors suggest the known values, and new ones
 * still type-check.
 * @param {any} schema
 * @returns {import("typescript").TypeNode | undefined}
 */
export function knownValues(schema) {
  if (!schema || typeof schema !== "object" || schema.enum || schema.const !== undefined || schema.format)
    return undefined;
  /** @type {string[]} */
  const types = [].concat(schema.type ?? []);
  const nullable = types.includes("null");
  const rest = types.filter((t) => t !== "null");
  if (rest.length !== 1 || rest[0] !== "string") return undefined;
  const values = schema.examples;
  if (
    !Array.isArray(values) ||
    values.length === 0 ||
    values.length > 40 ||
    !values.every((v) => typeof v === "string")
  )
    return undefined;
  const literals = [...new Set(values)].map((v) => ts.factory.createLiteralTypeNode(ts.factory.createStringLiteral(v)));
  return ts.factory.createUnionTypeNode([...literals, ANY_STRING, ...(nullable ? [NULL] : [])]);
}

/** What new-api does with a field, for its doc comment (`x-new-api` on the field's schema). */
export function gatewayNote(/** @type {any} */ schema) {
  const note = schema?.["x-new-api"];
  if (!note || typeof note !== "object") return "";
  if (note.dropped && note.note) return `A stock new-api drops this field: ${note.note}`;
  if (note.dropped)
    return "A stock new-api drops this field (its request struct lacks it) unless the gateway's pass-through setting is on.";
  return note.note ? `new-api: ${note.note}` : "";
}

/**
 * The bundle as the types are generated from it, in a copy:
 * - objects that list their fields, or are unions, are closed: `additionalProperties: true` (which the
 *   spec keeps because the gateway passes unknown fields through) is dropped, so that a misspelled field
 *   is a type error (unknown fields go through the call option `extraBody`); `x-open-type: true` keeps
 *   an object open. A map without listed fields stays a record.
 * - a field's `x-new-api` note is appended to its description, which becomes its doc comment.
 * @param {any} bundle
 * @returns {any}
 */
export function prepareForTypes(bundle) {
  const doc = structuredClone(bundle);
  /** @param {any} node */
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== "object") return;
    const lists =
      (node.properties && Object.keys(node.properties).length > 0) || node.oneOf || node.anyOf || node.allOf;
    const open =
      node.additionalProperties === true ||
      (node.additionalProperties &&
        typeof node.additionalProperties === "object" &&
        Object.keys(node.additionalProperties).length === 0);
    if (lists && open && node["x-open-type"] !== true) delete node.additionalProperties;
    const note = gatewayNote(node);
    if (note) node.description = node.description ? `${node.description.trimEnd()}\n\n${note}` : note;
    for (const value of Object.values(node)) visit(value);
  };
  visit(doc.components);
  visit(doc.paths);
  return doc;
}

/**
 * TypeScript types of one package bundle, by openapi-typescript, from {@link prepareForTypes}.
 * `format: binary` becomes `Blob` (not `string`), and defaults do not make request fields required.
 * @param {any} bundle
 * @returns {Promise<string>}
 */
export async function generateTypes(bundle) {
  const schema = prepareForTypes(bundle);
  const ast = transformSchema(
    schema,
    typesContext(schema, {
      defaultNonNullable: false,
      transform(schemaObject) {
        if (
          schemaObject &&
          typeof schemaObject === "object" &&
          "format" in schemaObject &&
          schemaObject.format === "binary"
        ) {
          /** @type {string[]} */
          const types = [].concat(/** @type {any} */ (schemaObject).type ?? []);
          return types.includes("null") ? ts.factory.createUnionTypeNode([BLOB, NULL]) : BLOB;
        }
        return knownValues(schemaObject);
      },
    }),
  );
  return `${GENERATED_HEADER("types, by openapi-typescript")}\n${astToString(ast)}`;
}

/**
 * openapi-typescript's context for a document, as its `openapiTS()` builds it (7.13.0, src/index.ts), with the
 * given options. `openapiTS()` first parses, lints and re-bundles its input with Redocly; a package bundle is
 * already bundled by Redocly and linted by Spectral, so the transform is called directly (about a second less
 * per package; `check:generated` shows the output is the same).
 * @param {any} schema
 * @param {Pick<import("openapi-typescript").OpenAPITSOptions, "defaultNonNullable" | "transform">} options
 * @returns {import("openapi-typescript").GlobalContext}
 */
function typesContext(schema, options) {
  return {
    additionalProperties: false,
    alphabetize: false,
    arrayLength: false,
    defaultNonNullable: options.defaultNonNullable ?? true,
    discriminators: scanDiscriminators(schema, {}),
    emptyObjectsUnknown: false,
    enum: false,
    enumValues: false,
    conditionalEnums: false,
    dedupeEnums: false,
    excludeDeprecated: false,
    exportType: false,
    immutable: false,
    rootTypes: false,
    rootTypesNoSchemaPrefix: false,
    rootTypesKeepCasing: false,
    injectFooter: [],
    pathParamsAsTypes: false,
    postTransform: undefined,
    propertiesRequiredByDefault: false,
    // Read only by the Redocly steps skipped here.
    redoc: /** @type {any} */ (undefined),
    silent: false,
    inject: undefined,
    transform: options.transform,
    transformProperty: undefined,
    makePathsEnum: false,
    generatePathParams: false,
    readWriteMarkers: false,
    resolve($ref) {
      return resolveRef(schema, $ref, { silent: false });
    },
  };
}
