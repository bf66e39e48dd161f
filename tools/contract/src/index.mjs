// @ts-check
export { driftFromErrors, unknownFields } from "./drift.mjs";
export { formatLiveSummary, liveTargetFromEnv, runLiveContract, skipReason } from "./live.mjs";
export { collectScenarios } from "./scenarios.mjs";
export { MOCK_ACCESS_TOKEN, MOCK_API_KEY, documentedEvents, envelopeFailure, loadPackages, runContract, withFiles } from "./run.mjs";
export { formatTable, summaryLine } from "./table.mjs";
export { createResponseValidator, createSchemaChecker } from "./validate.mjs";
