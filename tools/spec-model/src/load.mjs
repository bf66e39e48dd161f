// @ts-check
import { readFileSync } from "node:fs";
import { bundlePath } from "./paths.mjs";

/**
 * Reads a bundle the pipeline wrote: the whole spec (no argument) or one package's (`spec/dist/<pkg>.json`).
 * @param {string} [pkg]
 * @returns {any}
 */
export function loadBundle(pkg) {
  const file = bundlePath(pkg);
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(
      `${file} could not be read (${err instanceof Error ? err.message : String(err)}): run \`npm start\` or \`npx pnpm@10.34.9 generate\` first`,
    );
  }
}
