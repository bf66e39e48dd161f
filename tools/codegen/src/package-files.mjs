// @ts-check
import { join } from "node:path";
import { loadBundle, packageDir } from "@allmhub/spec-model";
import { generateExampleChecks } from "./example-checks.mjs";
import { generateOperations } from "./operations-code.mjs";
import { generateTypes } from "./types.mjs";

/**
 * Every generated file of one package, as `{ relative path: contents }`, computed from its bundle.
 * @param {string} pkg
 * @param {any} [bundle] the package bundle (default: read spec/dist/<pkg>.json)
 * @returns {Promise<Record<string, string>>}
 */
export async function generatedFiles(pkg, bundle) {
  const doc = bundle ?? loadBundle(pkg);
  return {
    "src/generated/openapi.ts": await generateTypes(doc),
    "src/generated/operations.ts": generateOperations(doc, pkg),
    "test/generated/request-examples.ts": generateExampleChecks(doc),
  };
}

/**
 * Absolute path of a generated file.
 * @param {string} pkg
 * @param {string} rel
 */
export const generatedPath = (pkg, rel) => join(packageDir(pkg), rel);
