// @ts-check
import { existsSync } from "node:fs";
import { join } from "node:path";
import { bundlePath, specDir } from "@allmhub/spec-model";
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
 * Lints the bundled spec (spec/dist/openapi.json, written by the bundle step): one Spectral run over the whole
 * document with every reference internal, where spectral:oas checks every path item (on the split sources it
 * misreads path items that `$ref` another file, stoplightio/spectral#2655) and the project's rules see every
 * operation, schema and example. A finding names the bundle pointer; the operation or example named there
 * leads to its source file.
 * @param {string} [bundle] the bundle to lint
 * @returns {{ results: Array<LintResult & { target: string }>, counts: Record<string, number> }}
 */
export function lintSpec(bundle = bundlePath(undefined)) {
  if (!existsSync(bundle))
    throw new Error(`${bundle} is missing: bundle the spec first (npx pnpm@10.34.9 --filter @allmhub/spec run bundle)`);
  const results = spectral(bundle).map((r) => ({ ...r, target: "bundle" }));
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
