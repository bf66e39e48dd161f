// @ts-check
export { RUNTIME_HEADER, SMOKE_KEY, smoke } from "./smoke.mjs";
export { RUNTIMES, runSmoke } from "./runners.mjs";
