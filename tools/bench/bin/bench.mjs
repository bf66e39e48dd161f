#!/usr/bin/env node
// `pnpm bench`: runs the benchmarks (see tools/bench/README.md) and prints each figure as a ratio from this run.
//   --only overhead,stream,size,types,regen   run some of them (default: all)
//   --quick                                   fewer rounds (a smoke run; the README figures come from a full run)
//   --readme                                  write the figures into the repository README: this run's sections
//                                             replace those of tools/bench/results.json, the rest stay
//   --json FILE                               write the raw results as JSON
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  REPO_ROOT,
  chatFixtures,
  loadSpec,
  mergeResults,
  readStoredResults,
  renderMarkdown,
  runOverhead,
  runRegen,
  runSize,
  runStream,
  runTypecheck,
  spawnBenchServer,
  STORED_RESULTS,
  verdicts,
  writeFigures,
} from "../src/index.mjs";

const ALL = ["overhead", "stream", "size", "types", "regen"];
const { values } = parseArgs({
  options: {
    only: { type: "string" },
    quick: { type: "boolean", default: false },
    readme: { type: "boolean", default: false },
    json: { type: "string" },
    chunks: { type: "string", default: "5000" },
  },
});
const only = values.only ? values.only.split(",").map((s) => s.trim()) : ALL;
for (const name of only)
  if (!ALL.includes(name)) throw new Error(`unknown benchmark "${name}" (one of ${ALL.join(", ")})`);
const quick = values.quick;
const argv = process.argv.slice(2).join(" ");

/** @type {any} */
const results = {
  meta: {
    date: new Date().toISOString().slice(0, 10),
    command: `pnpm bench${argv ? ` ${argv.replace(/\s*--readme\b/, "").replace(/\s*--json\s+\S+/, "")}` : ""}`.trim(),
    node: process.versions.node,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.replace(/\s+/g, " ").trim() ?? "unknown CPU",
    loadavg: loadavg()
      .map((l) => l.toFixed(2))
      .join(" "),
  },
};
const progress = (/** @type {string} */ label, /** @type {number} */ total) => (/** @type {number} */ round) =>
  process.stderr.write(`\r${label}: round ${round + 1}/${total}   ${round + 1 === total ? "\n" : ""}`);

if (only.includes("overhead") || only.includes("stream")) {
  const streamChunks = Number(values.chunks);
  const server = await spawnBenchServer({ streamChunks });
  const { request } = chatFixtures(loadSpec());
  try {
    // 100 rounds: on a shared 2-core machine one round's ratio varies by ±10–20%, and the median of 30 was
    // still ±4–5% from run to run, as wide as the per-call budget itself.
    if (only.includes("overhead")) {
      const rounds = quick ? 6 : 100;
      const warmup = quick ? 2 : 5;
      results.overhead = await runOverhead({
        baseUrl: server.url,
        request,
        rounds,
        warmup,
        callsPerRound: quick ? 50 : 200,
        onRound: progress("per-call", rounds + warmup),
      });
    }
    if (only.includes("stream")) {
      const rounds = quick ? 6 : 100;
      const warmup = quick ? 2 : 5;
      results.stream = await runStream({
        baseUrl: server.url,
        request,
        rounds,
        warmup,
        onRound: progress("stream", rounds + warmup),
      });
    }
  } finally {
    await server.close();
  }
}
if (only.includes("size")) results.size = await runSize();
if (only.includes("types")) {
  const rounds = quick ? 2 : 5;
  results.typecheck = await runTypecheck({ rounds, warmup: 1, onRound: progress("tsc", rounds + 1) });
}
if (only.includes("regen")) {
  const rounds = quick ? 1 : 3;
  results.regen = await runRegen({ rounds, onRound: progress("regeneration", rounds) });
}

const markdown = renderMarkdown(results);
console.log(markdown);
if (results.size) {
  console.log("\nWhat the bytes are (minified bytes per module in the bundle):");
  for (const p of results.size.packages)
    console.log(`  ${p.name}: ${p.inputs.map((/** @type {any} */ i) => `${i.path} ${i.bytes}`).join(", ")}`);
}
if (values.json) writeFileSync(values.json, `${JSON.stringify(results, null, 2)}\n`);
if (values.readme) {
  const stored = mergeResults(readStoredResults(), results);
  writeFileSync(STORED_RESULTS, `${JSON.stringify(stored, null, 2)}\n`);
  writeFigures(join(REPO_ROOT, "README.md"), renderMarkdown(stored));
  console.log(`\nREADME.md: figures updated (and ${STORED_RESULTS}).`);
}
const missed = verdicts(results).filter((v) => !v.met);
if (missed.length) console.log(`\n${missed.length} budget(s) not met (see the table above).`);
