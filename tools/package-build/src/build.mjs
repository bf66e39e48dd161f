// @ts-check
// The build of a published package: JavaScript by esbuild, declarations by TypeScript, both into dist/.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { emitDeclarations } from "./declarations.mjs";
import { buildJavaScript } from "./javascript.mjs";
import { readManifest } from "./manifest.mjs";

/** The folder a package publishes: esbuild's JavaScript and TypeScript's declarations. */
export const DIST = "dist";

/**
 * Builds the package in `dir` into `dist/`: empties it, then starts esbuild (ES modules and CommonJS with
 * source maps; it works in its own process) and, meanwhile, emits the declarations file by file here. They
 * write different files.
 * @param {string} dir the package folder
 * @returns {Promise<{ javascript: string[], declarations: string[] }>} the files written
 * @throws {Error} when the package.json does not fit the build, esbuild fails or the declarations cannot be
 *   emitted (after both have finished), with every message
 */
export async function buildPackage(dir) {
  const outDir = join(dir, DIST);
  const manifest = readManifest(dir);
  rmSync(outDir, { recursive: true, force: true });
  /** @type {string[]} */
  const failures = [];
  const javascript = buildJavaScript(dir, outDir, manifest).catch((error) => {
    failures.push(`JavaScript: ${error instanceof Error ? error.message : String(error)}`);
    return [];
  });
  /** @type {string[]} */
  let declarations = [];
  try {
    declarations = emitDeclarations(dir, outDir);
  } catch (error) {
    failures.push(`declarations: ${error instanceof Error ? error.message : String(error)}`);
  }
  const written = await javascript;
  if (failures.length) throw new Error(failures.join("\n"));
  return { javascript: written, declarations };
}
