#!/usr/bin/env node
// Prints how much of the documented gateway (spec/inventory/inventory.json) the spec covers: --verbose lists the gaps.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { bundleToObject } from "../src/bundle.mjs";
import { coverage, coverageLine } from "../src/coverage.mjs";
import { specDir } from "@allmhub/spec-model";

const inventory = JSON.parse(readFileSync(join(specDir(), "inventory", "inventory.json"), "utf8"));
const c = coverage(await bundleToObject(), inventory);
if (process.argv.includes("--verbose")) {
  for (const e of c.endpoints.missing) console.log(`missing endpoint: ${e.method} ${e.path} [${e.package}] ${e.id}`);
  for (const e of c.endpoints.unresolved) console.log(`unresolved in the inventory: ${e.id} ${e.path}`);
  for (const s of c.schemas.missing) console.log(`missing documented schema (x-doc-name): ${s}`);
  for (const s of c.schemas.unknownDocNames) console.log(`x-doc-name that the inventory does not list: ${s}`);
  for (const o of c.examples.missing) console.log(`operation without a documented example: ${o}`);
}
console.log(coverageLine(c));
