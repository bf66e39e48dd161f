// @ts-check
export { bundleToObject, checkPackages, writeBundles } from "./bundle.mjs";
export { METHODS, deref, filterByPackage, pruneComponents, resolvePointer } from "./filter.mjs";
export { AUTH_BY_SCHEME, authSchemes, describeOperations, generateExampleChecks, generateOperations, generateTypes, streamEventSchemaName } from "./generate.mjs";
export { coverage, coverageLine } from "./coverage.mjs";
export { formatLint, lintSpec, spectral } from "./lint.mjs";
export { generatedFiles, generatedPath } from "./package-files.mjs";
export { PACKAGES, bundleDir, bundlePath, packageDir, repoRoot, specDir, specRoot } from "./paths.mjs";
