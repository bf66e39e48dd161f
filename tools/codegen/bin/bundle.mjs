#!/usr/bin/env node
// Bundles spec/openapi.yaml into spec/dist/openapi.json and one bundle per package.
import { relative } from "node:path";
import { writeBundles } from "../src/bundle.mjs";

try {
  const { files } = await writeBundles();
  for (const f of files) console.log(`bundled ${relative(process.cwd(), f)}`);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
