#!/usr/bin/env node
// @ts-check
// Rewrites spec/reference/fidelity-floors.json from the current bundled spec: each floor becomes the
// current figure rounded down, each list of answer fields required against the vendor's word the current one.
// Then (unless --no-examples) replays OpenAI's examples and the official SDKs' requests once more to record
// which ones the spec still rejects (tools/contract/test/vendor-examples.test.ts and
// packages/chat/test/sdk-fidelity.test.ts with FIDELITY_UPDATE=1; needs built packages).
//
//   npx pnpm@10.34.9 --filter @allmhub/spec run bundle   # or `generate`, so spec/dist is current
//   node spec/fidelity/update-floors.mjs [--no-examples]
//
// Lowered floors are printed: a lower floor needs a reason in the commit message.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { FLOORS_FILE, SPEC_DIR, loadBundle, loadExceptions, loadFloors, loadReference, writeFloors } from "./files.mjs";
import { measure } from "./measure.mjs";
import { floorsOf, formatTable } from "./report.mjs";

const previous = loadFloors();
const report = measure({ spec: loadBundle(), reference: loadReference(), exceptions: loadExceptions() });
const next = floorsOf(report, previous);
for (const [op, sides] of Object.entries(next.operations)) {
  for (const [side, f] of Object.entries(sides)) {
    const before = previous.operations[op]?.[side];
    for (const k of /** @type {const} */ (["vendor", "newApi", "requiredViolations"])) {
      const a = before?.[k];
      const b = f[k];
      if (b === undefined || JSON.stringify(a) === JSON.stringify(b)) continue;
      if (Array.isArray(b)) {
        const added = b.filter((x) => !(Array.isArray(a) ? a : []).includes(x));
        const removed = (Array.isArray(a) ? a : []).filter((x) => !b.includes(x));
        if (added.length) console.log(`LOWERED ${op} ${side} ${k}: now also ${added.join(", ")}`);
        if (removed.length) console.log(`raised  ${op} ${side} ${k}: fixed ${removed.join(", ")}`);
        continue;
      }
      const worse = a !== undefined && typeof a === "number" && b < a;
      console.log(`${worse ? "LOWERED" : "raised "} ${op} ${side} ${k}: ${a ?? "-"} -> ${b}`);
    }
  }
}
writeFloors(next);
console.log(formatTable(report, next));
console.log(`\nwrote ${FLOORS_FILE}`);
if (report.exceptions.stale.length) {
  console.log(
    `\n${report.exceptions.stale.length} stale exception(s) to remove from spec/reference/fidelity-exceptions.yaml:`,
  );
  for (const e of report.exceptions.stale) console.log(`  ${e.operation} ${e.side} ${e.path} (${e.kind}): ${e.why}`);
}

if (!process.argv.includes("--no-examples")) {
  /** @type {Array<[string, string, string]>} */
  const replays = [
    ["tools/contract", "test/vendor-examples.test.ts", "OpenAI's examples"],
    ["packages/chat", "test/sdk-fidelity.test.ts", "the official SDKs' requests"],
  ];
  for (const [dir, file, what] of replays) {
    console.log(`\nreplaying ${what} to record the ones the spec rejects ...`);
    const run = spawnSync("npx", ["vitest", "run", file], {
      cwd: join(SPEC_DIR, "..", dir),
      stdio: "inherit",
      env: { ...process.env, FIDELITY_UPDATE: "1" },
    });
    if (run.status !== 0) {
      console.error("the replay failed: build the packages first (npx pnpm@10.34.9 generate), or pass --no-examples");
      process.exit(run.status ?? 1);
    }
  }
}
