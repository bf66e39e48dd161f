#!/usr/bin/env node
// Fails when a generated file differs from what the spec produces, or (with CI set) from what is committed.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { writeBundles } from "../src/bundle.mjs";
import { generatedFiles, generatedPath } from "../src/package-files.mjs";
import { PACKAGES, repoRoot } from "@allmhub/spec-model";

const stale = [];
await writeBundles();
for (const pkg of PACKAGES) {
  const files = await generatedFiles(pkg);
  for (const [rel, contents] of Object.entries(files)) {
    const file = generatedPath(pkg, rel);
    if (!existsSync(file) || readFileSync(file, "utf8") !== contents) stale.push(`packages/${pkg}/${rel}`);
  }
}
if (stale.length) {
  console.error(`Generated files differ from what the spec produces (run \`pnpm generate\`):\n  ${stale.join("\n  ")}`);
  process.exit(1);
}
if (process.env.CI && existsSync(`${repoRoot()}/.git`)) {
  const paths = PACKAGES.flatMap((p) => [`packages/${p}/src/generated`, `packages/${p}/test/generated`]);
  const changed = execFileSync("git", ["status", "--porcelain", "--", ...paths], {
    cwd: repoRoot(),
    encoding: "utf8",
  }).trim();
  if (changed) {
    console.error(
      `Generated files on disk differ from the committed ones (commit the output of \`pnpm generate\`):\n${changed}`,
    );
    process.exit(1);
  }
}
console.log(`generated files are up to date (${PACKAGES.length} packages)`);
