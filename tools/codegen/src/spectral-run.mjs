// @ts-check
// Spectral in this process: the project ruleset imported as the JavaScript module it is, the document read as
// `spectral lint` reads it, the findings as `spectral lint --format json` prints them.
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import spectralCore from "@stoplight/spectral-core";
import { spectralDocument } from "./spectral-document.mjs";
import { createResolver } from "./spectral-resolver.mjs";
import { zoneDepth } from "./zone-depth.mjs";

const { Ruleset, Spectral } = spectralCore;

/**
 * A Spectral finding as `spectral lint --format json` prints it.
 * @typedef {{ code: string, message: string, path: Array<string | number>, severity: number,
 *   range: { start: { line: number, character: number }, end: { line: number, character: number } },
 *   source?: string }} SpectralFinding
 */

/**
 * A JavaScript ruleset file, loaded as `spectral lint --ruleset <file>` loads it (all its rules at their
 * recommended severity, the file as the source its overrides are relative to), but imported rather than
 * bundled with rollup first.
 * @param {string} file absolute path
 */
export async function loadRuleset(file) {
  const { default: definition } = await import(pathToFileURL(file).href);
  return new Ruleset(definition, { severity: "recommended", source: file });
}

/**
 * The fields of a finding `spectral lint --format json` prints, as its JSON has them.
 * @param {import("@stoplight/spectral-core").ISpectralDiagnostic} result
 * @returns {SpectralFinding}
 */
function asPrinted(result) {
  const { code, path, message, severity, range, source } = result;
  return JSON.parse(JSON.stringify({ code, path, message, severity, range, source }));
}

/**
 * Lints a file with Spectral and a ruleset, in this thread.
 * @param {string} file absolute path
 * @param {string} [ruleset] absolute path of a JavaScript ruleset; the project's by default (loading
 *   @allmhub/spec-model, and Ajv with it, to find it: a worker is given the path)
 * @returns {Promise<SpectralFinding[]>} the findings, in Spectral's order
 */
export async function spectral(file, ruleset) {
  const rules = await loadRuleset(ruleset ?? (await import("./project-ruleset.mjs")).projectRuleset());
  const { document, plain } = spectralDocument(file, await readFile(file, "utf8"));
  const linter = new Spectral({ resolver: createResolver(plain ? zoneDepth(rules, document) : null) });
  linter.setRuleset(rules);
  const results = await linter.run(document, { ignoreUnknownFormat: false });
  return results.map(asPrinted);
}
