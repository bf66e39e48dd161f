// @ts-check
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bundleToObject } from "./bundle.mjs";
import { bundleDir, specDir, specRoot } from "@allmhub/spec-model";
import { runTool } from "./run-tool.mjs";

/**
 * @typedef {{ code: string, message: string, path: string[], severity: number, source?: string }} LintResult
 */

/**
 * Runs Spectral with the project ruleset on one file and returns its findings.
 * @param {string} file
 * @param {string} [ruleset]
 * @returns {LintResult[]}
 */
export function spectral(file, ruleset = join(specDir(), ".spectral.mjs")) {
  const res = runTool(
    "@stoplight/spectral-cli",
    "spectral",
    ["lint", file, "--ruleset", ruleset, "--format", "json", "--quiet", "--fail-severity", "hint"],
    {
      cwd: specDir(),
    },
  );
  const text = res.stdout.trim();
  if (!text.startsWith("[")) {
    if (res.status === 0 && text === "") return [];
    throw new Error(`spectral did not run:\n${res.stdout}\n${res.stderr}`);
  }
  return JSON.parse(text);
}

const SEVERITY = ["error", "warning", "info", "hint"];

/**
 * Lints the split sources, then the bundle (where Spectral's OAS 3.1 schema check works on every path item).
 * @returns {{ results: Array<LintResult & { target: string }>, counts: Record<string, number> }}
 */
export function lintSpec() {
  const results = spectral(specRoot()).map((r) => ({ ...r, target: "sources" }));
  // The bundle is linted at a fixed place (spec/dist/lint-bundle.json) so ruleset overrides can name it.
  mkdirSync(bundleDir(), { recursive: true });
  const bundled = join(bundleDir(), "lint-bundle.json");
  try {
    writeFileSync(bundled, JSON.stringify(bundleToObject(), null, 2));
    results.push(...spectral(bundled).map((r) => ({ ...r, target: "bundle" })));
  } finally {
    rmSync(bundled, { force: true });
  }
  /** @type {Record<string, number>} */
  const counts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const r of results) counts[SEVERITY[r.severity] ?? "error"] = (counts[SEVERITY[r.severity] ?? "error"] ?? 0) + 1;
  return { results, counts };
}

/**
 * One line per finding, for people.
 * @param {Array<LintResult & { target?: string }>} results
 */
export function formatLint(results) {
  return results
    .map(
      (r) =>
        `${SEVERITY[r.severity] ?? "error"} ${r.code} [${r.target ?? ""}] ${r.source ? `${r.source.replace(`${specDir()}/`, "")} ` : ""}#/${r.path.join("/")}: ${r.message}`,
    )
    .join("\n");
}
