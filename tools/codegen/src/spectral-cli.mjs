// @ts-check
// `spectral lint` itself (the CLI of @stoplight/spectral-cli, in a child process), for checking that the
// in-process run (spectral-run.mjs) reports what the CLI reports with the same ruleset.
import { dirname } from "node:path";
import { runTool } from "./run-tool.mjs";
import { projectRuleset } from "./project-ruleset.mjs";

/**
 * Runs `spectral lint <file> --ruleset <ruleset> --format json` from the ruleset's folder and returns its
 * findings.
 * @param {string} file absolute path
 * @param {string} [ruleset] absolute path
 * @returns {import("./spectral-run.mjs").SpectralFinding[]}
 */
export function spectralCli(file, ruleset = projectRuleset()) {
  const args = ["lint", file, "--ruleset", ruleset, "--format", "json", "--quiet", "--fail-severity", "hint"];
  const res = runTool("@stoplight/spectral-cli", "spectral", args, { cwd: dirname(ruleset) });
  const text = res.stdout.trim();
  if (text.startsWith("[")) return JSON.parse(text);
  if (res.status === 0 && text === "") return [];
  throw new Error(`spectral did not run:\n${res.stdout}\n${res.stderr}`);
}
