// @ts-check
// A package's type declarations, one file per source module, as TypeScript emits them without a type check
// (each package's `typecheck` script does that): a `.d.ts` file for `import`, and beside it a `.d.cts` copy
// for `require` whose relative imports lead to the other `.d.cts` files.
import { createRequire } from "node:module";
import { join } from "node:path";

// Loaded with require: an ESM import of TypeScript's one large CommonJS file makes Node scan it for export
// names first, which costs more than half a second.
/** @type {typeof import("typescript")} */
const ts = createRequire(import.meta.url)("typescript");

/**
 * The CommonJS copy of an ESM declaration file: its relative specifiers `./x.js` become `./x.cjs`. In a
 * `"type": "module"` package a `.d.ts` file declares an ES module, so a `.d.cts` file that imported `./x.js`
 * would give `require` users ESM declarations; `./x.cjs` resolves to `x.d.cts`. The specifiers are found by
 * TypeScript's scanner (`from "…"`, `import("…")`, `import "…"`), not in comments or string types.
 * @param {string} text the `.d.ts` file's text
 * @returns {string}
 * @example
 * commonJsDeclaration('export { APIError } from "./errors.js";'); // 'export { APIError } from "./errors.cjs";'
 */
export function commonJsDeclaration(text) {
  const specifiers = ts
    .preProcessFile(text, true, true)
    .importedFiles.filter((f) => /^\.\.?\//.test(f.fileName) && f.fileName.endsWith(".js"))
    .sort((a, b) => a.pos - b.pos);
  let copy = "";
  let done = 0;
  for (const { fileName, pos } of specifiers) {
    const start = pos + 1; // `pos` is the opening quote's
    const end = start + fileName.length;
    if (text.slice(start, end) !== fileName) throw new Error(`the specifier "${fileName}" is not at offset ${start}`);
    copy += `${text.slice(done, end - ".js".length)}.cjs`;
    done = end;
  }
  return copy + text.slice(done);
}

/**
 * @param {readonly import("typescript").Diagnostic[]} diagnostics
 * @param {string} dir
 */
function errorsOf(diagnostics, dir) {
  const errors = diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  return ts.formatDiagnostics(errors, {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => dir,
    getNewLine: () => "\n",
  });
}

/**
 * Emits the declarations of the package in `dir` (the sources its `tsconfig.json` includes, with its options)
 * into `outDir`, without a type check: for each source module `x.ts`, `x.d.ts` and its CommonJS copy `x.d.cts`.
 * @param {string} dir the package folder
 * @param {string} outDir
 * @returns {string[]} the paths of the files written
 * @throws {Error} on an error in the config or the sources' syntax, or one that stops a declaration's emit
 * @example
 * emitDeclarations("packages/core", "packages/core/dist"); // [".../dist/errors.d.ts", ".../dist/errors.d.cts", ...]
 */
export function emitDeclarations(dir, outDir) {
  /** @type {import("typescript").Diagnostic[]} */
  const configErrors = [];
  const config = ts.getParsedCommandLineOfConfigFile(
    join(dir, "tsconfig.json"),
    { declaration: true, emitDeclarationOnly: true, noCheck: true, noEmit: false, outDir },
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => configErrors.push(d) },
  );
  if (!config || configErrors.length) throw new Error(errorsOf(configErrors, dir) || `no ${dir}/tsconfig.json`);
  const host = ts.createCompilerHost(config.options);
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options, host });
  const before = errorsOf(
    [...config.errors, ...program.getOptionsDiagnostics(), ...program.getSyntacticDiagnostics()],
    dir,
  );
  if (before) throw new Error(before);

  /** @type {string[]} */
  const written = [];
  /** @type {import("typescript").WriteFileCallback} */
  const writeFile = (file, text, bom) => {
    host.writeFile(file, text, bom);
    written.push(file);
    if (!file.endsWith(".d.ts")) return;
    const copy = `${file.slice(0, -".d.ts".length)}.d.cts`;
    host.writeFile(copy, commonJsDeclaration(text), bom);
    written.push(copy);
  };
  const emitted = errorsOf(program.emit(undefined, writeFile).diagnostics, dir);
  if (emitted) throw new Error(emitted);
  return written;
}
