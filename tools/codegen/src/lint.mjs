// @ts-check
import { existsSync, readFileSync } from "node:fs";
import { bundlePath, specDir } from "@allmhub/spec-model";
import { lintExamples } from "./lint-examples.mjs";
import { spectralInWorker } from "./spectral-thread.mjs";

/**
 * A finding of the lint: Spectral's (with the range of the text it names) or an example check's.
 * @typedef {{ code: string, message: string, path: Array<string | number>, severity: number, source?: string,
 *   range?: import("./spectral-run.mjs").SpectralFinding["range"] }} LintResult
 */

const SEVERITY = ["error", "warning", "info", "hint"];

/**
 * Lints the bundled spec (spec/dist/openapi.json, written by the bundle step): one Spectral run over the whole
 * document with every reference internal, where spectral:oas checks every path item (on the split sources it
 * misreads path items that `$ref` another file, stoplightio/spectral#2655) and the project's rules see every
 * operation, schema and example. Spectral runs in a worker thread, in this process (spectral-run.mjs: the
 * project ruleset imported as it is, no CLI start-up, no rollup bundling of the ruleset); meanwhile
 * {@link lintExamples} checks every example and default against its schema (spectral:oas's two example rules,
 * which the ruleset turns off because they were two thirds of the time). A finding names the bundle pointer;
 * the operation or example named there leads to its source file.
 * @param {string} [bundle] the bundle to lint
 * @returns {Promise<{ results: Array<LintResult & { target: string }>, counts: Record<string, number> }>}
 */
export async function lintSpec(bundle = bundlePath(undefined)) {
  if (!existsSync(bundle))
    throw new Error(`${bundle} is missing: bundle the spec first (npx pnpm@10.34.9 --filter @allmhub/spec run bundle)`);
  const running = spectralInWorker(bundle);
  // Checked while Spectral runs; a failure here still waits for it, so that no worker is left behind.
  const examples = (() => {
    try {
      return { findings: lintExamples(JSON.parse(readFileSync(bundle, "utf8"))) };
    } catch (error) {
      return { error };
    }
  })();
  if ("error" in examples) {
    await running.catch(() => {});
    throw examples.error;
  }
  const fromSpectral = await running;
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
