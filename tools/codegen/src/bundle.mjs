// @ts-check
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { METHODS, PACKAGES, bundleDir, bundlePath, specRoot } from "@allmhub/spec-model";
import { filterByPackage } from "./split.mjs";

// Loaded with require: imported as an ES module, its CommonJS files are each scanned by Node for their
// export names first.
/** @type {typeof import("@redocly/openapi-core")} */
const { bundle, createConfig } = createRequire(import.meta.url)("@redocly/openapi-core");

/**
 * Bundles the split spec into one JSON document (only internal refs), with Redocly's openapi-core in this
 * process (the document `redocly bundle` writes, without the CLI's start-up).
 * @param {string} [root] the root file (default spec/openapi.yaml)
 * @returns {Promise<any>}
 */
export async function bundleToObject(root = specRoot()) {
  const config = await createConfig({}, {});
  const { bundle: result, problems } = await bundle({ ref: root, config, dereference: false });
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length)
    throw new Error(
      `bundling ${root} failed:\n${errors.map((p) => `${p.location?.[0]?.pointer ?? ""} ${p.message}`).join("\n")}`,
    );
  return result.parsed;
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
 * @returns {Promise<{ files: string[] }>}
 */
export async function writeBundles() {
  const doc = await bundleToObject();
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
