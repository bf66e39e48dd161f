// @ts-check
// Adds up the vitest JSON reports (`.reports/vitest.json`) of every workspace package.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * @typedef {{ folder: string, passed: number, failed: number, skipped: number }} FolderCount
 * @typedef {{ folders: FolderCount[], passed: number, failed: number, skipped: number }} Summary
 */

/**
 * The counts of every report under `spec/`, `packages/*` and `tools/*` of a repository.
 * @param {string} root
 * @returns {Summary}
 */
export function summarizeReports(root) {
  const folders = [
    "spec",
    ...["packages", "tools"].flatMap((d) =>
      existsSync(join(root, d)) ? readdirSync(join(root, d)).map((p) => join(d, p)) : [],
    ),
  ];
  /** @type {FolderCount[]} */
  const counts = [];
  for (const folder of folders) {
    const file = join(root, folder, ".reports", "vitest.json");
    if (!existsSync(file)) continue;
    const report = JSON.parse(readFileSync(file, "utf8"));
    counts.push({
      folder,
      passed: report.numPassedTests ?? 0,
      failed: report.numFailedTests ?? 0,
      skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
    });
  }
  const sum = (/** @type {"passed" | "failed" | "skipped"} */ k) => counts.reduce((n, c) => n + c[k], 0);
  return { folders: counts, passed: sum("passed"), failed: sum("failed"), skipped: sum("skipped") };
}

/**
 * `N passed, N failed, N skipped`: the closing line of a run.
 * @param {{ passed: number, failed: number, skipped: number }} s
 */
export const summaryLine = (s) => `${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped`;
