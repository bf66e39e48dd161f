#!/usr/bin/env node
// Replays every documented example of the spec through the generated clients and prints a table.
// Default: against the embedded mock gateway (a request the spec does not allow fails).
// With ALLMHUB_BASE_URL and ALLMHUB_API_KEY set: against that live gateway, free operations only unless
// ALLMHUB_ALLOW_PAID=1; writes reports/contract-live.json and reports/contract-live.md at the repository root
// (or in ALLMHUB_REPORT_DIR).
// `--only <operationId>[,<operationId>…]` (repeatable) replays those operations' scenarios only.
// Exit code 1 when an example fails (or, live, when the gateway differs from the spec), 2 on bad arguments.
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadBundle, operationsOf, repoRoot } from "@allmhub/spec-model";
import {
  formatLiveSummary,
  formatTable,
  liveTargetFromEnv,
  runContract,
  runLiveContract,
  shownUrl,
} from "../src/index.mjs";

const { values } = parseArgs({ options: { only: { type: "string", multiple: true } }, strict: true });
const spec = loadBundle();
const only = (values.only ?? [])
  .flatMap((v) => v.split(","))
  .map((v) => v.trim())
  .filter(Boolean);
const known = new Set(operationsOf(spec).map((o) => o.operationId));
const unknown = only.filter((id) => !known.has(id));
if (unknown.length) {
  console.error(
    `contract: no operation ${unknown.join(", ")} in the spec (operationIds are camelCase, e.g. createChatCompletion)`,
  );
  process.exit(2);
}
/** @param {{ operationId: string }} s */
const selected = (s) => only.length === 0 || only.includes(s.operationId);
const target = liveTargetFromEnv(process.env);

if (!target) {
  const { results, mockViolations } = await runContract({ spec, only: selected });
  console.log(formatTable(results));
  if (mockViolations.length) console.log(`\nrequests the spec does not allow:\n  ${mockViolations.join("\n  ")}`);
  process.exit(results.some((r) => r.outcome === "fail") ? 1 : 0);
}

console.log(
  `live contract run against ${shownUrl(target.baseUrl)} (paid operations ${target.allowPaid ? "ALLOWED" : "skipped"})`,
);
const { results, stoppedEarly } = await runLiveContract({
  spec,
  target,
  only: selected,
  onResult: (r, i, total) =>
    console.log(
      `[${String(i + 1).padStart(3)}/${total}] ${r.outcome.toUpperCase().padEnd(4)} ${r.operationId} (${r.example}) ${r.reason}`,
    ),
});
// The repository's reports/ folder (ignored by git), wherever turbo runs this from.
const dir = resolve(process.env.ALLMHUB_REPORT_DIR ?? join(repoRoot(), "reports"));
mkdirSync(dir, { recursive: true });
const report = { gateway: shownUrl(target.baseUrl), finishedAt: new Date().toISOString(), stoppedEarly, results };
writeFileSync(join(dir, "contract-live.json"), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(
  join(dir, "contract-live.md"),
  `${formatLiveSummary(results, { baseUrl: target.baseUrl, stoppedEarly })}\n`,
);
const count = (/** @type {string} */ o) => results.filter((r) => r.outcome === o).length;
console.log(`\nreports: ${join(dir, "contract-live.json")}, ${join(dir, "contract-live.md")}`);
console.log(`${count("pass")} passed, ${count("fail")} failed, ${count("skip")} skipped`);
process.exit(count("fail") > 0 || stoppedEarly ? 1 : 0);
