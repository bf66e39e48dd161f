#!/usr/bin/env node
// Writes a package's generated files from its bundle: allmhub-generate <chat|media|tasks|admin>
// Skips the work when the package's bundle and the generator are what they were at the last run (the hash
// of both is kept in src/generated/.generated-from): after a one-file spec change, only the packages whose
// bundle changed are regenerated.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { PACKAGES, packageDir } from "@allmhub/spec-model";
import { generationStamp, isUpToDate, STAMP_FILE } from "../src/stamp.mjs";

const pkg = process.argv[2] ?? "";
if (!(/** @type {readonly string[]} */ (PACKAGES).includes(pkg))) {
  console.error(`usage: allmhub-generate <${PACKAGES.join("|")}>`);
  process.exit(2);
}
try {
  const stamp = generationStamp(pkg);
  if (isUpToDate(pkg, stamp)) {
    console.log(`packages/${pkg}/src/generated is up to date with its bundle`);
    process.exit(0);
  }
  // Loaded only when there is work: openapi-typescript and TypeScript take a second to load.
  const { generatedFiles, generatedPath } = await import("../src/package-files.mjs");
  const files = await generatedFiles(pkg);
  for (const [rel, contents] of Object.entries(files)) {
    const file = generatedPath(pkg, rel);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, contents);
    console.log(`generated packages/${pkg}/${rel}`);
  }
  writeFileSync(`${packageDir(pkg)}/${STAMP_FILE}`, `${stamp}\n`);
} catch (err) {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
}
