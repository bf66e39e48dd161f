#!/usr/bin/env node
// Builds the static, offline API reference site from the bundled spec.
// Usage: allmhub-reference [--spec spec/dist/openapi.json] [--out tools/reference/dist]
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { buildSite, bundledSpecPath, readJson } from "../src/index.mjs";

const { values } = parseArgs({ options: { spec: { type: "string" }, out: { type: "string" } } });
const specFile = values.spec ? resolve(values.spec) : bundledSpecPath();
const outDir = values.out ? resolve(values.out) : join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
const site = buildSite({ spec: readJson(specFile), outDir });
console.log(
  `reference site: ${relative(process.cwd(), site.index) || site.index} (${site.operations} operations, ${site.examples} examples, ${site.samples} SDK calls, from ${relative(process.cwd(), specFile)})`,
);
