// @ts-check
export { affectedPackages, findBreakingChanges, formatChanges, operationsById, packageOf } from "./breaking.mjs";
export { breakingBumps, breakingChangesetsFor, readChangesets } from "./changesets.mjs";
export { checkRelease, formatReport } from "./check.mjs";
export { findRoot, newestSourceTime, packageVersions, updateReleased } from "./released.mjs";
