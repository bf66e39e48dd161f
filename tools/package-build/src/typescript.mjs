// @ts-check
// TypeScript's compiler API, loaded once for the modules of the build.
import { loadTypeScript } from "./load-typescript.mjs";

const loaded = loadTypeScript();

/**
 * TypeScript, loaded from V8's code cache when there is one (see load-typescript.mjs), not by an ESM
 * import: that would make Node scan its one large CommonJS file for export names first.
 * @type {typeof import("typescript")}
 */
export const ts = loaded.ts;

/** Writes TypeScript's code cache for the next build, if it had none that fitted; call it at the end. */
export const saveCodeCache = loaded.saveCodeCache;

/**
 * The errors among `diagnostics` as `tsc` prints them (`src/x.ts(3,5): error TS1109: …`, paths relative to
 * `dir`), or "" when there is none.
 * @param {readonly import("typescript").Diagnostic[]} diagnostics
 * @param {string} dir
 * @returns {string}
 */
export function errorsOf(diagnostics, dir) {
  const errors = diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  return ts.formatDiagnostics(errors, {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => dir,
    getNewLine: () => "\n",
  });
}
