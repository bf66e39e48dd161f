#!/usr/bin/env node
// Writes packages/<name>/api.md for every published package from its built types, or, with --check, exits 1
// when a committed report differs from the packages' current public surface.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { repoRoot } from "@allmhub/spec-model";
import { apiReports } from "../src/index.mjs";

const check = process.argv.includes("--check");
const root = repoRoot();
let stale = 0;
for (const { dir, report } of apiReports(root)) {
  const file = join(dir, "api.md");
  const name = relative(root, file);
  if (check) {
    if (!existsSync(file) || readFileSync(file, "utf8") !== report) {
      stale++;
      console.error(`${name} differs from the package's public surface`);
    }
  } else {
    writeFileSync(file, report);
    console.log(`wrote ${name}`);
  }
}
if (stale) {
  console.error("The public API changed: review it and run `npx pnpm@10.34.9 api-report` to update the reports.");
  process.exit(1);
}
if (check) console.log("API reports are up to date");
