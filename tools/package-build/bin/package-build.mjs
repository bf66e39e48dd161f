#!/usr/bin/env node
// The `build` script of a published package: tsup's JavaScript and TypeScript's declarations (one file per
// source module, no type check, with `.d.cts` copies for `require`) into dist/, built side by side.
import { DIST, buildPackage } from "../src/index.mjs";

const started = performance.now();
try {
  const { declarations } = await buildPackage(process.cwd());
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`DTS ${declarations.length} declaration files (.d.ts and .d.cts) in ${DIST}/; built in ${seconds} s`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
