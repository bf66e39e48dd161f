// @ts-check
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The packages the spec is split into, by `x-package`. */
export const PACKAGES = /** @type {const} */ (["chat", "media", "tasks", "admin"]);

/** The repository root (the folder with pnpm-workspace.yaml above this file). */
export function repoRoot() {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error("pnpm-workspace.yaml not found above tools/codegen");
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
export const packageDir = (/** @type {string} */ pkg) => resolve(repoRoot(), "packages", pkg);
