#!/usr/bin/env node
// Replays every documented example of the spec through the generated clients and prints a table.
// Default: against the embedded mock gateway (a request the spec does not allow fails).
// With ALLMHUB_BASE_URL and ALLMHUB_API_KEY set: against that live gateway, free operations only unless
// ALLMHUB_ALLOW_PAID=1; writes reports/contract-live.json and reports/contract-live.md.
// Exit code 1 when an example fails (or, live, when the gateway differs from the spec).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { formatLiveSummary, formatTable, liveTargetFromEnv, runContract, runLiveContract } from "../src/index.mjs";

const require = createRequire(import.meta.url);
const spec = JSON.parse(readFileSync(require.resolve("@allmhub/spec/dist/openapi.json"), "utf8"));
const target = liveTargetFromEnv(process.env);

if (!target) {
  const { results, mockViolations } = await runContract({ spec });
  console.log(formatTable(results));
  if (mockViolations.length) console.log(`\nrequests the spec does not allow:\n  ${mockViolations.join("\n  ")}`);
  process.exit(results.some((r) => r.outcome === "fail") ? 1 : 0);
}

console.log(`live contract run against ${target.baseUrl} (paid operations ${target.allowPaid ? "ALLOWED" : "skipped"})`);
const { results, stoppedEarly } = await runLiveContract({
  spec,
  target,
  onResult: (r, i, total) => console.log(`[${String(i + 1).padStart(3)}/${total}] ${r.outcome.toUpperCase().padEnd(4)} ${r.operationId} (${r.example}) ${r.reason}`),
});
const dir = resolve(process.env.ALLMHUB_REPORT_DIR ?? join(process.cwd(), "reports"));
mkdirSync(dir, { recursive: true });
const report = { gateway: target.baseUrl, finishedAt: new Date().toISOString(), stoppedEarly, results };
writeFileSync(join(dir, "contract-live.json"), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(join(dir, "contract-live.md"), `${formatLiveSummary(results, { baseUrl: target.baseUrl, stoppedEarly })}\n`);
const count = (o) => results.filter((r) => r.outcome === o).length;
console.log(`\nreports: ${join(dir, "contract-live.json")}, ${join(dir, "contract-live.md")}`);
console.log(`${count("pass")} passed, ${count("fail")} failed, ${count("skip")} skipped`);
process.exit(count("fail") > 0 || stoppedEarly ? 1 : 0);
