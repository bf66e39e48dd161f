// @ts-check
export { bundleToObject, checkPackages, writeBundles } from "./bundle.mjs";
export { filterByPackage, pruneComponents } from "./split.mjs";
export {
  AUTH_BY_SCHEME,
  OPTION_NAMES,
  argumentName,
  authSchemes,
  describeOperations,
  methodNames,
  streamEventSchemaName,
} from "./describe.mjs";
export { generateOperations } from "./operations-code.mjs";
export { factoryName, sampleModule, tsLiteral } from "./samples.mjs";
export { generateExampleChecks, splitExtraFields } from "./example-checks.mjs";
export { gatewayNote, generateTypes, knownValues, prepareForTypes } from "./types.mjs";
export { documentationLines, gatewayLines } from "./docs.mjs";
export { coverage, coverageLine } from "./coverage.mjs";
export { generateWaits, taskRule, waitName } from "./waits-code.mjs";
export { formatLint, lintSpec } from "./lint.mjs";
export { projectRuleset } from "./project-ruleset.mjs";
export { loadRuleset, spectral } from "./spectral-run.mjs";
export { spectralInWorker } from "./spectral-thread.mjs";
export { spectralCli } from "./spectral-cli.mjs";
export { lintExamples } from "./lint-examples.mjs";
export { generatedFiles, generatedPath } from "./package-files.mjs";
