// @ts-check
// TypeScript's compiler API, loaded once for the modules of the build.
import { createRequire } from "node:module";

/**
 * TypeScript, loaded with require: an ESM import of its one large CommonJS file makes Node scan it for export
 * names first, which costs more than half a second.
 * @type {typeof import("typescript")}
 */
export const ts = createRequire(import.meta.url)("typescript");

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
