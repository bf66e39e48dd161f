// @ts-check
// Where the spec and the packages live in the repository.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The packages the spec is split into, by `x-package`. */
export const PACKAGES = /** @type {const} */ (["chat", "media", "tasks", "admin"]);

/** @typedef {(typeof PACKAGES)[number]} PackageName */

/**
 * The repository root: the nearest folder at or above `from` (default: this file) with a pnpm-workspace.yaml.
 * @param {string} [from]
 * @returns {string}
 */
export function repoRoot(from = dirname(fileURLToPath(import.meta.url))) {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no pnpm-workspace.yaml at or above ${from}`);
    dir = parent;
  }
}

/** Folder of the spec sources. */
export const specDir = () => join(repoRoot(), "spec");
/** The root file of the split spec. */
export const specRoot = () => join(specDir(), "openapi.yaml");
/** Where the bundles go. */
export const bundleDir = () => join(specDir(), "dist");
/** Path of the full bundle, or of one package's bundle. */
export const bundlePath = (/** @type {string | undefined} */ pkg) => join(bundleDir(), `${pkg ?? "openapi"}.json`);
/** A package's folder. */
export const packageDir = (/** @type {string} */ pkg) => join(repoRoot(), "packages", pkg);
