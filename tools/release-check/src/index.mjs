// @ts-check
export { METHODS, affectedPackages, deref, findBreakingChanges, formatChanges, operationsById, packageOf } from "./breaking.mjs";
export { majorsFor, readChangesets } from "./changesets.mjs";
export { checkRelease, formatReport } from "./check.mjs";
export { findRoot, newestSourceTime, updateReleased } from "./released.mjs";
