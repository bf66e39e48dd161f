// @ts-check
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { bundlePath, specDir } from "@allmhub/spec-model";
import { lintExamples } from "./lint-examples.mjs";
import { runTool, runToolAsync } from "./run-tool.mjs";

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
  return spectralFindings(
    runTool("@stoplight/spectral-cli", "spectral", spectralArgs(file, ruleset), { cwd: specDir() }),
  );
}

/**
 * {@link spectral} in a child process that runs while this one works.
 * @param {string} file
 * @param {string} [ruleset]
 * @returns {Promise<LintResult[]>}
 */
export async function spectralAsync(file, ruleset = join(specDir(), ".spectral.mjs")) {
  return spectralFindings(
    await runToolAsync("@stoplight/spectral-cli", "spectral", spectralArgs(file, ruleset), { cwd: specDir() }),
  );
}

/** @param {string} file @param {string} ruleset */
const spectralArgs = (file, ruleset) => [
  "lint",
  file,
  "--ruleset",
  ruleset,
  "--format",
  "json",
  "--quiet",
  "--fail-severity",
  "hint",
];

/**
 * The findings of a Spectral run (its JSON output), or an error when it did not run.
 * @param {{ status: number, stdout: string, stderr: string }} res
 * @returns {LintResult[]}
 */
function spectralFindings(res) {
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
 * operation, schema and example; meanwhile {@link lintExamples} checks every example and default against its
 * schema (spectral:oas's two example rules, which the ruleset turns off because they were two thirds of the
 * time). A finding names the bundle pointer; the operation or example named there leads to its source file.
 * @param {string} [bundle] the bundle to lint
 * @returns {Promise<{ results: Array<LintResult & { target: string }>, counts: Record<string, number> }>}
 */
export async function lintSpec(bundle = bundlePath(undefined)) {
  if (!existsSync(bundle))
    throw new Error(`${bundle} is missing: bundle the spec first (npx pnpm@10.34.9 --filter @allmhub/spec run bundle)`);
  const running = spectralAsync(bundle);
  // Checked while Spectral runs; a failure here still waits for it, so that no child is left behind.
  const examples = (() => {
    try {
      return { findings: lintExamples(JSON.parse(readFileSync(bundle, "utf8"))) };
    } catch (error) {
      return { error };
    }
  })();
  const fromSpectral = await running;
  if ("error" in examples) throw examples.error;
  const results = [...fromSpectral, ...examples.findings].map((r) => ({ ...r, target: "bundle" }));
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
