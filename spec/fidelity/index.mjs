// @ts-check
// The fidelity check of the spec against the vendors' descriptions and new-api's structs (issue #19):
// measure, judge against the committed floors and exceptions, write the report.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { REPORT_FILE, loadBundle, loadExceptions, loadFloors, loadReference } from "./files.mjs";
import { measure } from "./measure.mjs";
import { judge } from "./report.mjs";

export { measure, SIDES, keyOf, bucketsAt } from "./measure.mjs";
export { TARGETS } from "./targets.mjs";
export { floorsOf, judge, formatTable, roundDown } from "./report.mjs";
export * from "./files.mjs";

/**
 * Runs the whole check on the bundled spec (or the one given).
 * @param {{ spec?: any, write?: boolean }} [options] `write` saves the report to spec/.reports/fidelity.json
 */
export function runFidelity(options = {}) {
  const spec = options.spec ?? loadBundle();
  const floors = loadFloors();
  const exceptions = loadExceptions();
  const report = measure({ spec, reference: loadReference(), exceptions });
  const verdict = judge(report, floors);
  if (options.write) {
    mkdirSync(dirname(REPORT_FILE), { recursive: true });
    writeFileSync(REPORT_FILE, `${JSON.stringify({ ...report, ...verdict }, null, 1)}\n`);
  }
  return { report, floors, exceptions, ...verdict };
}
