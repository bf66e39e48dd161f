// @ts-check
export { collectScenarios } from "./scenarios.mjs";
export { MOCK_API_KEY, documentedEvents, loadPackages, runContract } from "./run.mjs";
export { formatTable, summaryLine } from "./table.mjs";
export { createResponseValidator } from "./validate.mjs";
