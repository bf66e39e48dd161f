// @ts-check
// The type declarations of a packed package, one file per source module: `x.d.ts` for `import`, and its
// CommonJS copy `x.d.cts` for `require`. In a `"type": "module"` package TypeScript reads a `.d.ts` file as an
// ES module, so a `.d.cts` file must import its neighbours as `./y.cjs` (→ `y.d.cts`), never `./y.js`.
import { createRequire } from "node:module";
import { posix } from "node:path";

/** @type {typeof import("typescript")} */
const ts = createRequire(import.meta.url)("typescript");

/** Each kind of declaration file: the extension its relative imports end in, and that of its twin. */
const KINDS = [
  { ext: ".d.ts", imports: ".js", twin: ".d.cts" },
  { ext: ".d.cts", imports: ".cjs", twin: ".d.ts" },
];

/**
 * Checks the declaration files of a packed package: each has its twin of the other kind, and each relative
 * import (`from "./x.js"`, `import("./x.js")`) leads to a declaration file of its own kind in the tarball.
 * @param {Map<string, Buffer>} files the tarball's files by path, relative to the package root
 * @returns {string[]} one line per problem; empty when every declaration resolves inside the package
 * @example
 * checkDeclarations(new Map([["dist/index.d.ts", Buffer.from('export * from "./errors.js";')]]));
 * // ["dist/index.d.ts has no CommonJS twin dist/index.d.cts", "dist/index.d.ts imports \"./errors.js\", but dist/errors.d.ts is not in the tarball"]
 */
export function checkDeclarations(files) {
  /** @type {string[]} */
  const problems = [];
  for (const [file, body] of files) {
    const kind = KINDS.find((k) => file.endsWith(k.ext));
    if (!kind) continue;
    const twin = `${file.slice(0, -kind.ext.length)}${kind.twin}`;
    if (!files.has(twin)) problems.push(`${file} has no ${kind.twin === ".d.cts" ? "CommonJS" : "ESM"} twin ${twin}`);
    for (const { fileName } of ts.preProcessFile(body.toString("utf8"), true, true).importedFiles) {
      if (!/^\.\.?\//.test(fileName)) continue;
      if (!fileName.endsWith(kind.imports)) {
        problems.push(
          `${file} imports "${fileName}": relative imports of ${kind.ext} files must end in ${kind.imports}`,
        );
        continue;
      }
      const target = posix.join(posix.dirname(file), `${fileName.slice(0, -kind.imports.length)}${kind.ext}`);
      if (!files.has(target)) problems.push(`${file} imports "${fileName}", but ${target} is not in the tarball`);
    }
  }
  return problems;
}
