// @ts-check
// A package's compiler options and sources as its tsconfig.json gives them to the build.
import { join } from "node:path";
import { errorsOf, ts } from "./typescript.mjs";

/**
 * The package's `tsconfig.json`, parsed, with the options of a declaration-only emit into `outDir`.
 * @param {string} dir the package folder
 * @param {string} outDir
 * @returns {import("typescript").ParsedCommandLine}
 * @throws {Error} when the config is missing or wrong, or lacks `isolatedDeclarations` (without it a source
 *   could need a type check to declare its exports, which the build does not do)
 */
export function readBuildConfig(dir, outDir) {
  /** @type {import("typescript").Diagnostic[]} */
  const fatal = [];
  const file = join(dir, "tsconfig.json");
  const config = ts.getParsedCommandLineOfConfigFile(
    file,
    { declaration: true, emitDeclarationOnly: true, noEmit: false, outDir },
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => fatal.push(d) },
  );
  if (!config || fatal.length) throw new Error(errorsOf(fatal, dir) || `no ${file}`);
  const errors = errorsOf(config.errors, dir);
  if (errors) throw new Error(errors);
  if (!config.options.isolatedDeclarations)
    throw new Error(`${file}: the build needs "isolatedDeclarations": true (each declaration file is written alone)`);
  return config;
}
