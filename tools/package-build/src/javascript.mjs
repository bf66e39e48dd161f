// @ts-check
// A package's JavaScript, bundled by esbuild: ES modules (`.js`) and CommonJS (`.cjs`), each with its source map.
import { mkdirSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { build, formatMessages } from "esbuild";
import { commonJsChunk } from "./commonjs-chunks.mjs";

/** The JavaScript's target: the oldest Node the packages support (`engines`). */
export const TARGET = "node20";

/**
 * Whether the CommonJS files share chunks: when the package has several entry points.
 * @param {import("./manifest.mjs").BuildManifest} manifest
 */
const splitsCommonJs = (manifest) => manifest.entries.length > 1;

/**
 * The esbuild options of one format, as the packages were built by tsup before: the entries bundled with
 * their modules (not their dependencies), for Node, with external source maps. ES modules split the modules
 * the entries share into chunks; CommonJS does too when there are several entries, built as ES modules and
 * turned into CommonJS file by file (see commonjs-chunks.mjs).
 * @param {string} dir the package folder
 * @param {string} outDir
 * @param {import("./manifest.mjs").BuildManifest} manifest
 * @param {"esm" | "cjs"} format
 * @returns {import("esbuild").BuildOptions & { write: false }}
 */
export function esbuildOptions(dir, outDir, manifest, format) {
  const { entries, external } = manifest;
  const split = format === "esm" || splitsCommonJs(manifest);
  return {
    absWorkingDir: dir,
    entryPoints: entries.map((entry) => join("src", `${entry}.ts`)),
    outdir: outDir,
    outExtension: { ".js": format === "esm" ? ".js" : ".cjs" },
    bundle: true,
    platform: "node",
    mainFields: ["module", "main"],
    format: split ? "esm" : "cjs",
    splitting: split,
    target: TARGET,
    external, // a package name also covers its subpaths (`@allmhub/core/internal`)
    tsconfig: join(dir, "tsconfig.json"),
    sourcemap: "external",
    write: false,
    logLevel: "silent", // errors come in the rejection, warnings are printed once for both formats
  };
}

/**
 * The files of one format: each JavaScript file with a `//# sourceMappingURL=` comment to its map, and the
 * map as compact JSON, as tsup wrote them.
 * @param {import("esbuild").BuildResult & { outputFiles: import("esbuild").OutputFile[] }} result
 * @param {boolean} toCommonJs whether the files are ES modules to turn into CommonJS
 * @returns {Promise<{ path: string, text: string }[]>}
 */
async function filesOf(result, toCommonJs) {
  const maps = new Map(result.outputFiles.filter((f) => f.path.endsWith(".map")).map((f) => [f.path, f.text]));
  const scripts = result.outputFiles.filter((f) => !f.path.endsWith(".map"));
  const files = await Promise.all(
    scripts.map(async ({ path, text }) => {
      const map = maps.get(`${path}.map`);
      if (map === undefined) throw new Error(`esbuild wrote no source map for ${path}`);
      const js = toCommonJs ? await commonJsChunk(text, map, basename(path), TARGET) : { code: text, map };
      return [
        { path, text: `${js.code}//# sourceMappingURL=${basename(path)}.map` },
        { path: `${path}.map`, text: JSON.stringify(JSON.parse(js.map)) },
      ];
    }),
  );
  return files.flat();
}

/**
 * Prints esbuild's warnings to stderr as esbuild does, each once (both formats see the same sources).
 * @param {import("esbuild").Message[]} warnings
 */
async function printWarnings(warnings) {
  const seen = new Set();
  const unique = warnings.filter((w) => {
    const key = JSON.stringify([w.text, w.location?.file, w.location?.line, w.location?.column]);
    return !seen.has(key) && seen.add(key);
  });
  if (!unique.length) return;
  for (const text of await formatMessages(unique, { kind: "warning", color: process.stderr.isTTY }))
    process.stderr.write(text);
}

/**
 * Builds the JavaScript of the package in `dir` into `outDir`: `NAME.js` and `NAME.cjs` per entry, shared
 * chunks, and a `.map` beside each.
 * @param {string} dir the package folder
 * @param {string} outDir
 * @param {import("./manifest.mjs").BuildManifest} manifest
 * @returns {Promise<string[]>} the paths of the files written
 * @throws {Error} esbuild's, naming the file and line, when a source does not build
 */
export async function buildJavaScript(dir, outDir, manifest) {
  const formats = /** @type {const} */ (["esm", "cjs"]);
  const results = await Promise.all(formats.map((format) => build(esbuildOptions(dir, outDir, manifest, format))));
  await printWarnings(results.flatMap((result) => result.warnings));
  const files = (
    await Promise.all(results.map((result, i) => filesOf(result, formats[i] === "cjs" && splitsCommonJs(manifest))))
  ).flat();
  for (const { path, text } of files) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  return files.map((f) => f.path);
}
