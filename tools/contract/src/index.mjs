// @ts-check
export { driftFromErrors, unknownFields } from "./drift.mjs";
export { documentedId, formatLiveSummary, liveTargetFromEnv, runLiveContract, shownUrl, skipReason } from "./live.mjs";
export { collectScenarios, scenarioTitle } from "./scenarios.mjs";
/** @typedef {import("./scenarios.mjs").Scenario} Scenario */
export {
  MOCK_ACCESS_TOKEN,
  MOCK_API_KEY,
  callArguments,
  documentedEvents,
  loadPackages,
  runContract,
  startReplay,
  withFiles,
} from "./run.mjs";
export { formatTable, summaryLine } from "./table.mjs";
export { createResponseValidator, createSchemaChecker } from "./validate.mjs";
