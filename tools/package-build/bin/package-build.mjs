#!/usr/bin/env node
// The `build` script of a published package: esbuild's JavaScript (ES modules and CommonJS, with source maps)
// and TypeScript's declarations (one file per source module, each from its source alone, with `.d.cts`
// copies for `require`) into dist/.
import { DIST, buildPackage } from "../src/index.mjs";

const started = performance.now();
try {
  const { javascript, declarations } = await buildPackage(process.cwd());
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `${javascript.length} JavaScript files and source maps, ${declarations.length} declaration files (.d.ts and .d.cts) in ${DIST}/; built in ${seconds} s`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
