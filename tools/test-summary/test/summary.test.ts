import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { summarizeReports, summaryLine } from "../src/summary.mjs";

const root = mkdtempSync(join(tmpdir(), "allmhub-summary-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const report = (folder: string, r: Record<string, number>) => {
  mkdirSync(join(root, folder, ".reports"), { recursive: true });
  writeFileSync(join(root, folder, ".reports", "vitest.json"), JSON.stringify(r));
};

describe("summarizeReports", () => {
  it("adds up the vitest reports of spec, packages and tools, and ignores folders without one", () => {
    report("spec", { numPassedTests: 3, numFailedTests: 0, numPendingTests: 1 });
    report("packages/chat", { numPassedTests: 10, numFailedTests: 2, numTodoTests: 1 });
    report("tools/codegen", { numPassedTests: 5 });
    mkdirSync(join(root, "tools", "empty"), { recursive: true });
    const s = summarizeReports(root);
    expect(s.folders.map((f) => f.folder).sort()).toEqual(["packages/chat", "spec", "tools/codegen"]);
    expect(summaryLine(s)).toBe("18 passed, 2 failed, 2 skipped");
    expect(summarizeReports(join(root, "nowhere")).folders).toEqual([]);
  });
});
