#!/usr/bin/env node
// Prints the test count of every workspace package (their vitest JSON reports) and one closing line:
// "N passed, N failed, N skipped". Exit code 1 when a test failed or no report was found.
import { summarizeReports, summaryLine } from "../src/summary.mjs";

const summary = summarizeReports(process.argv[2] ?? process.cwd());
if (summary.folders.length === 0) {
  console.error("no test report found (.reports/vitest.json)");
  process.exit(1);
}
for (const f of summary.folders) console.log(`${f.folder}: ${f.passed} passed, ${f.failed} failed`);
console.log(summaryLine(summary));
process.exit(summary.failed > 0 ? 1 : 0);
