#!/usr/bin/env node
// Writes the packages' generated files from their bundles: allmhub-generate [chat|media|tasks|admin ...]
// (every package when none is named). A package is skipped when its bundle and the generator are what they
// were at its last generation (the hash of both is kept in src/generated/.generated-from): after a one-file
// spec change, only the packages whose bundle changed are regenerated. One process for all of them, so that
// openapi-typescript and TypeScript are loaded once, and only when a package has work.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { PACKAGES, packageDir } from "@allmhub/spec-model";
import { generationStamp, isUpToDate, STAMP_FILE } from "../src/stamp.mjs";

const named = process.argv.slice(2);
const unknown = named.filter((p) => !(/** @type {readonly string[]} */ (PACKAGES).includes(p)));
if (unknown.length) {
  console.error(
    `allmhub-generate: no package ${unknown.join(", ")}; usage: allmhub-generate [${PACKAGES.join("|")} ...]`,
  );
  process.exit(2);
}
try {
  for (const pkg of named.length ? named : PACKAGES) {
    const stamp = generationStamp(pkg);
    if (isUpToDate(pkg, stamp)) {
      console.log(`packages/${pkg}/src/generated is up to date with its bundle`);
      continue;
    }
    // Loaded only when there is work (once: later imports reuse it).
    const { generatedFiles, generatedPath } = await import("../src/package-files.mjs");
    const files = await generatedFiles(pkg);
    for (const [rel, contents] of Object.entries(files)) {
      const file = generatedPath(pkg, rel);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, contents);
      console.log(`generated packages/${pkg}/${rel}`);
    }
    writeFileSync(`${packageDir(pkg)}/${STAMP_FILE}`, `${stamp}\n`);
  }
} catch (err) {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
}
