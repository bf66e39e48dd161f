// @ts-check
// What a package's generated files were made from: the hash of its bundle and of the generator's sources.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundlePath, packageDir } from "@allmhub/spec-model";

/** Where the stamp of the last generation is kept, relative to the package folder. */
export const STAMP_FILE = "src/generated/.generated-from";

const SOURCES = dirname(fileURLToPath(import.meta.url));

/**
 * The hash of a package's bundle (spec/dist/<pkg>.json) and of the generator's own sources.
 * @param {string} pkg
 * @returns {string}
 */
export function generationStamp(pkg) {
  const hash = createHash("sha256").update(readFileSync(bundlePath(pkg)));
  for (const file of readdirSync(SOURCES).sort())
    if (file.endsWith(".mjs")) hash.update(file).update(readFileSync(join(SOURCES, file)));
  return hash.digest("hex");
}

/**
 * Whether a package's generated files were made from this stamp, and all of them are there.
 * @param {string} pkg
 * @param {string} stamp
 */
export function isUpToDate(pkg, stamp) {
  const dir = packageDir(pkg);
  const files = [
    "src/generated/openapi.ts",
    "src/generated/operations.ts",
    "test/generated/request-examples.ts",
    STAMP_FILE,
  ];
  if (!files.every((f) => existsSync(join(dir, f)))) return false;
  return readFileSync(join(dir, STAMP_FILE), "utf8").trim() === stamp;
}
