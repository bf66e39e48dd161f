// @ts-check
// The build of a published package: JavaScript by tsup, declarations by TypeScript, both into dist/.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { emitDeclarations } from "./declarations.mjs";
import { runTsup } from "./tsup.mjs";

/** The folder a package publishes: tsup's JavaScript and TypeScript's declarations. */
export const DIST = "dist";

/**
 * Builds the package in `dir` into `dist/`: empties it, then runs tsup (ESM and CommonJS JavaScript with
 * source maps, its `clean` off) in a child process while this one emits the declarations, so that the two
 * use both cores of a small machine. They write different files.
 * @param {string} dir the package folder
 * @returns {Promise<{ declarations: string[] }>} the declaration files written
 * @throws {Error} when tsup fails or the declarations cannot be emitted (after both have finished)
 */
export async function buildPackage(dir) {
  const outDir = join(dir, DIST);
  rmSync(outDir, { recursive: true, force: true });
  const tsup = runTsup(dir);
  /** @type {string[]} */
  let declarations = [];
  /** @type {string[]} */
  const failures = [];
  try {
    declarations = emitDeclarations(dir, outDir);
  } catch (error) {
    failures.push(`declarations: ${error instanceof Error ? error.message : String(error)}`);
  }
  const code = await tsup;
  if (code !== 0) failures.push(`tsup exited with code ${code}`);
  if (failures.length) throw new Error(failures.join("\n"));
  return { declarations };
}
