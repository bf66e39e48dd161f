// @ts-check
// A package's type declarations, one file per source module, each written from its source alone by
// TypeScript's transpileDeclaration (no program, no type check: `isolatedDeclarations` makes every export
// declarable that way, and the package's `typecheck` checks it): a `.d.ts` file for `import`, and beside it a
// `.d.cts` copy for `require` whose relative imports lead to the other `.d.cts` files.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, relative } from "node:path";
import { readBuildConfig } from "./build-config.mjs";
import { commonJsDeclaration } from "./commonjs-declaration.mjs";
import { withoutStandIns } from "./stand-ins.mjs";
import { errorsOf, ts } from "./typescript.mjs";

/**
 * The declaration file of one source module, from its text alone.
 * @param {string} fileName the source's path (in messages, and for its module format)
 * @param {string} text
 * @param {import("typescript").CompilerOptions} options
 * @returns {{ text: string, diagnostics: readonly import("typescript").Diagnostic[] }} the diagnostics: syntax
 *   errors, and exports whose type `isolatedDeclarations` wants written out
 */
export function declarationOf(fileName, text, options) {
  const { outputText, diagnostics = [] } = ts.transpileDeclaration(text, {
    fileName,
    compilerOptions: options,
    reportDiagnostics: true,
    jsDocParsingMode: ts.JSDocParsingMode.ParseNone,
    transformers: { afterDeclarations: [withoutStandIns] },
  });
  return { text: outputText, diagnostics };
}

/**
 * Emits the declarations of the package in `dir` (the sources its `tsconfig.json` includes, with its options)
 * into `outDir`: for each source module `x.ts`, `x.d.ts` and its CommonJS copy `x.d.cts`. Nothing is written
 * when a source has an error.
 * @param {string} dir the package folder
 * @param {string} outDir
 * @returns {string[]} the paths of the files written
 * @throws {Error} on an error in the config, a syntax error, or an export whose type is not written out,
 *   listing each as `tsc` would (`src/x.ts(3,14): error TS9010: …`)
 * @example
 * emitDeclarations("packages/core", "packages/core/dist"); // [".../dist/errors.d.ts", ".../dist/errors.d.cts", ...]
 */
export function emitDeclarations(dir, outDir) {
  const config = readBuildConfig(dir, outDir);
  /** @type {{ file: string, text: string }[]} */
  const outputs = [];
  /** @type {import("typescript").Diagnostic[]} */
  const diagnostics = [];
  for (const source of config.fileNames) {
    if (/\.d\.[cm]?ts$/.test(source)) continue; // declarations of the sources' own, emitted by nothing
    const declaration = declarationOf(source, readFileSync(source, "utf8"), config.options);
    diagnostics.push(...declaration.diagnostics);
    const [file] = ts.getOutputFileNames(config, source, !ts.sys.useCaseSensitiveFileNames);
    if (!file) throw new Error(`no declaration file for ${relative(dir, source)}`);
    outputs.push({ file, text: declaration.text });
  }
  const errors = errorsOf(diagnostics, dir);
  if (errors) throw new Error(errors);

  /** @type {string[]} */
  const written = [];
  for (const { file, text } of outputs) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    written.push(file);
    if (!file.endsWith(".d.ts")) continue; // a `.d.mts` or `.d.cts` file is for one module format already
    const copy = `${file.slice(0, -".d.ts".length)}.d.cts`;
    writeFileSync(copy, commonJsDeclaration(text));
    written.push(copy);
  }
  return written;
}
