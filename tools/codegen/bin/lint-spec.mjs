#!/usr/bin/env node
// Lints the bundled spec with Spectral (spectral:oas + the project rules) and checks every example against its
// schema; run the bundle step first.
// Any finding, down to a hint, fails the run: the spec is kept at 0 errors and 0 warnings.
import { formatLint, lintSpec } from "../src/lint.mjs";

try {
  const { results, counts } = await lintSpec();
  if (results.length) console.log(formatLint(results));
  console.log(
    `spec lint (Spectral and the example checks): ${counts.error} errors, ${counts.warning} warnings, ${counts.info} infos, ${counts.hint} hints`,
  );
  process.exit(results.length ? 1 : 0);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
