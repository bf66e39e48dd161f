// @ts-check
// The one model of the spec the tools share.
export { PACKAGES, bundleDir, bundlePath, packageDir, repoRoot, specDir, specRoot } from "./paths.mjs";
export { loadBundle } from "./load.mjs";
export {
  derefWithName,
  deref,
  escapePointer,
  locate,
  resolvePointer,
  schemaNameOf,
  unescapePointer,
} from "./refs.mjs";
export { METHODS, operationsById, operationsOf, parametersOf, pathParameterNames, successOf } from "./operations.mjs";
/** @typedef {import("./operations.mjs").OperationView} OperationView */
export { createAjv, createSpecValidator, specSchemas } from "./ajv.mjs";
/** @typedef {import("./ajv.mjs").SpecSchemas} SpecSchemas */
/** @typedef {import("ajv").ErrorObject} SchemaError An Ajv error of a value against a schema of the spec. */
/** @typedef {import("ajv").ValidateFunction} SchemaValidator */
export { DATA_ENVELOPES, MIDJOURNEY_ACCEPTED_CODES, envelopeFailure, exampleSource, pickExample } from "./examples.mjs";
