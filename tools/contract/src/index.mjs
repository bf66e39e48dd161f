// @ts-check
export { collectScenarios } from "./scenarios.mjs";
export { MOCK_ACCESS_TOKEN, MOCK_API_KEY, documentedEvents, envelopeFailure, loadPackages, runContract } from "./run.mjs";
export { formatTable, summaryLine } from "./table.mjs";
export { createResponseValidator } from "./validate.mjs";
