#!/usr/bin/env node
// Adds up the vitest JSON reports of every workspace package and prints one closing line:
// "N passed, N failed, N skipped". Exit code 1 when a test failed or no report was found.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = process.argv[2] ?? process.cwd();
const folders = ["spec", ...["packages", "tools"].flatMap((d) => (existsSync(join(root, d)) ? readdirSync(join(root, d)).map((p) => join(d, p)) : []))];
let passed = 0;
let failed = 0;
let skipped = 0;
let reports = 0;
for (const folder of folders) {
  const file = join(root, folder, ".reports", "vitest.json");
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, "utf8"));
  reports++;
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  console.log(`${folder}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
}
if (reports === 0) {
  console.error("no test report found (.reports/vitest.json)");
  process.exit(1);
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
