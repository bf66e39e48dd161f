// @ts-check
/**
 * Benchmark 5: the spec maintainer's loop. Two figures, each with a budget of issue 18:
 * - one-file change: a new tag added to the description of one chat schema (only @allmhub/chat's bundle changes),
 *   then `npx pnpm@10.34.9 generate` (bundle, lint, generate, build): at most 10 s; the file is restored after;
 * - cold pipeline: `npm start`'s pipeline (bundle, lint, generate, build, contract) with an empty turbo cache (a
 *   new folder each run, shared by its two turbo invocations as a fresh clone's cache is) and the generator's
 *   stamps removed, as on a fresh clone: at most 20 s. (`--force` would also redo in the second invocation what
 *   the first had done, which a fresh clone does not.)
 * Rounds interleave the two after one warm run.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BENCH_DIR } from "./budgets.mjs";
import { interleave, runNodeTimed, summarize } from "./stats.mjs";

/** The repository root. */
export const REPO_ROOT = join(BENCH_DIR, "..", "..");

/** The schema file the one-file change edits: its description reaches only @allmhub/chat's bundle. */
export const EDITED_FILE = join(REPO_ROOT, "spec", "components", "schemas", "rerank.yaml");

/** @typedef {"one-file" | "cold"} RegenMode */

/**
 * The turbo invocations of one run of a mode, in order (each a list of arguments of the turbo binary).
 * @param {RegenMode} mode
 * @param {string} [cacheDir] the empty cache folder of a cold run
 * @returns {string[][]}
 */
export function regenSteps(mode, cacheDir = "<empty folder>") {
  const quiet = ["--output-logs=errors-only", "--log-prefix=none"];
  if (mode === "one-file")
    return [
      ["run", "generate", "lint", ...quiet],
      ["run", "build", ...quiet],
    ];
  return [
    ["run", "generate", "lint", `--cache-dir=${cacheDir}`, ...quiet],
    ["run", "contract", `--cache-dir=${cacheDir}`, ...quiet],
  ];
}

/**
 * The edited text of the schema file: a note with `tag` appended to its first description. Each run passes a
 * new tag, so the edit is text turbo has never seen: an edit seen before (by an earlier round or run) would be
 * answered from turbo's cache in a second, and measure nothing of the loop.
 * @param {string} text
 * @param {string} tag
 */
export function editedSchema(text, tag) {
  const at = text.indexOf("description:");
  if (at < 0) throw new Error(`${EDITED_FILE} has no description to edit`);
  const end = text.indexOf("\n", at);
  return `${text.slice(0, end)} (bench ${tag})${text.slice(end)}`;
}

/** A tag no earlier edit had: process id, time and a random part. */
export function freshTag() {
  return `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
}

function turboBin() {
  const require = createRequire(join(REPO_ROOT, "package.json"));
  return require.resolve("turbo/bin/turbo");
}

/** @param {string[]} args */
async function turbo(args) {
  const { wallMs, out } = await runNodeTimed(turboBin(), args, {
    cwd: REPO_ROOT,
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1", FORCE_COLOR: "0" },
    label: `turbo ${args.join(" ")}`,
  });
  return {
    wallMs,
    tasks: Number(/Tasks:\s+(\d+) successful/.exec(out)?.[1] ?? 0),
    cached: Number(/Cached:\s+(\d+) cached/.exec(out)?.[1] ?? 0),
  };
}

/**
 * Runs one mode once and times it (the edit and the restore are not timed).
 * @param {RegenMode} mode
 * @returns {Promise<{ wallMs: number, tasks: number, cached: number }>}
 */
export async function regenOnce(mode) {
  const original = readFileSync(EDITED_FILE, "utf8");
  if (mode === "one-file") writeFileSync(EDITED_FILE, editedSchema(original, freshTag()));
  else
    for (const pkg of ["chat", "media", "tasks", "admin"])
      rmSync(join(REPO_ROOT, "packages", pkg, "src", "generated", ".generated-from"), { force: true });
  const cacheDir = mode === "cold" ? mkdtempSync(join(tmpdir(), "allmhub-turbo-cache-")) : undefined;
  let wallMs = 0;
  let tasks = 0;
  let cached = 0;
  try {
    for (const [step, args] of regenSteps(mode, cacheDir).entries()) {
      const r = await turbo(args);
      if (mode === "one-file" && step === 0 && r.tasks > 0 && r.cached === r.tasks)
        throw new Error("the one-file change was answered from turbo's cache: the edit did not reach the spec bundle");
      wallMs += r.wallMs;
      tasks += r.tasks;
      cached += r.cached;
    }
  } finally {
    if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
    if (mode === "one-file") {
      writeFileSync(EDITED_FILE, original);
      // Back to the committed state, untimed.
      for (const args of regenSteps("one-file")) await turbo(args);
    }
  }
  return { wallMs, tasks, cached };
}

/**
 * Runs the loop benchmark.
 * @param {{ rounds?: number, onRound?: (round: number) => void }} [options]
 */
export async function runRegen({ rounds = 3, onRound } = {}) {
  for (const args of regenSteps("one-file")) await turbo(args);
  /** @type {readonly RegenMode[]} */
  const modes = ["one-file", "cold"];
  const samples = await interleave(modes, { rounds, warmup: 0, onRound, run: regenOnce });
  const seconds = (/** @type {RegenMode} */ m) => summarize(samples[m].map((r) => r.wallMs / 1000));
  return {
    seconds: { oneFile: seconds("one-file"), cold: seconds("cold") },
    tasks: { oneFile: samples["one-file"][0]?.tasks ?? 0, cold: samples.cold[0]?.tasks ?? 0 },
    cachedOnOneFile: samples["one-file"][0]?.cached ?? 0,
    commands: {
      oneFile: regenSteps("one-file").map((a) => `turbo ${a.join(" ")}`),
      cold: regenSteps("cold").map((a) => `turbo ${a.join(" ")}`),
    },
    rounds,
  };
}
