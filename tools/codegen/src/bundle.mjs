// @ts-check
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { METHODS, PACKAGES, bundleDir, bundlePath, specRoot } from "@allmhub/spec-model";
import { filterByPackage } from "./split.mjs";
import { runTool } from "./run-tool.mjs";

/**
 * Bundles the split spec into one JSON document (only internal refs), with Redocly.
 * @param {string} [root] the root file (default spec/openapi.yaml)
 * @returns {any}
 */
export function bundleToObject(root = specRoot()) {
  const dir = mkdtempSync(join(tmpdir(), "allmhub-bundle-"));
  try {
    const out = join(dir, "openapi.json");
    const res = runTool("@redocly/cli", "redocly", ["bundle", root, "--output", out, "--ext", "json"]);
    if (res.status !== 0) throw new Error(`redocly bundle failed:\n${res.stdout}\n${res.stderr}`);
    return JSON.parse(readFileSync(out, "utf8"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Checks what the per-package split relies on: every operation names a known package.
 * @param {any} doc
 */
export function checkPackages(doc) {
  const problems = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const m of METHODS) {
      const op = item[m];
      if (op && !PACKAGES.includes(op["x-package"]))
        problems.push(`${m.toUpperCase()} ${path}: x-package is ${JSON.stringify(op["x-package"])}`);
    }
  }
  if (problems.length) throw new Error(`Operations without a known package:\n${problems.join("\n")}`);
}

/**
 * Writes spec/dist/openapi.json and spec/dist/<package>.json.
 * @returns {{ files: string[] }}
 */
export function writeBundles() {
  const doc = bundleToObject();
  checkPackages(doc);
  mkdirSync(bundleDir(), { recursive: true });
  const whole = bundlePath(undefined);
  const files = [whole];
  writeFileSync(whole, `${JSON.stringify(doc, null, 2)}\n`);
  for (const pkg of PACKAGES) {
    const file = bundlePath(pkg);
    writeFileSync(file, `${JSON.stringify(filterByPackage(doc, pkg), null, 2)}\n`);
    files.push(file);
  }
  return { files };
}
