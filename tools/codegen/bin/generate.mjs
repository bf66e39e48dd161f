#!/usr/bin/env node
// Writes a package's generated files from its bundle: allmhub-generate <chat|media|tasks|admin>
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { generatedFiles, generatedPath } from "../src/package-files.mjs";
import { PACKAGES } from "@allmhub/spec-model";

const pkg = process.argv[2] ?? "";
if (!(/** @type {readonly string[]} */ (PACKAGES).includes(pkg))) {
  console.error(`usage: allmhub-generate <${PACKAGES.join("|")}>`);
  process.exit(2);
}
try {
  const files = await generatedFiles(pkg);
  for (const [rel, contents] of Object.entries(files)) {
    const file = generatedPath(pkg, rel);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, contents);
    console.log(`generated packages/${pkg}/${rel}`);
  }
} catch (err) {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
}
