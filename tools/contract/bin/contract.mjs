#!/usr/bin/env node
// Replays every documented example of the spec through the generated clients against the embedded mock
// gateway and prints a table of operations with pass/fail. Exit code 1 when any example fails.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { formatTable, runContract } from "../src/index.mjs";

const require = createRequire(import.meta.url);
const spec = JSON.parse(readFileSync(require.resolve("@allmhub/spec/dist/openapi.json"), "utf8"));
const { results, mockViolations } = await runContract({ spec });
console.log(formatTable(results));
if (mockViolations.length) console.log(`\nrequests the spec does not allow:\n  ${mockViolations.join("\n  ")}`);
process.exit(results.some((r) => r.outcome === "fail") ? 1 : 0);
