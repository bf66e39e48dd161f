/**
 * Benchmark 5: regeneration. The whole lint → bundle → generate → build pipeline (`turbo run build`, whose
 * tasks depend on generate, bundle and lint) from the repository root, cold (`--force`: every task runs,
 * the cache is ignored) and cached (every task a cache hit), in interleaved rounds after one cached run.
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { BENCH_DIR } from "./budgets.mjs";
import { interleave, pairedRatio, runNodeTimed, summarize } from "./stats.mjs";

/** The repository root. */
export const REPO_ROOT = join(BENCH_DIR, "..", "..");

/** @typedef {"cold" | "cached"} RegenMode */

/**
 * The turbo command line of one run.
 * @param {RegenMode} mode
 * @returns {string[]} arguments of the turbo binary
 */
export function regenArgs(mode) {
  return ["run", "build", "--output-logs=errors-only", "--log-prefix=none", ...(mode === "cold" ? ["--force"] : [])];
}

function turboBin() {
  const require = createRequire(join(REPO_ROOT, "package.json"));
  return require.resolve("turbo/bin/turbo");
}

/**
 * Runs the pipeline once and times it.
 * @param {RegenMode} mode
 * @returns {Promise<{ wallMs: number, tasks: number, cached: number }>}
 */
export async function regenOnce(mode) {
  const { wallMs, out } = await runNodeTimed(turboBin(), regenArgs(mode), {
    cwd: REPO_ROOT,
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1", FORCE_COLOR: "0" },
    label: `turbo ${regenArgs(mode).join(" ")}`,
  });
  const tasks = Number(/Tasks:\s+(\d+) successful/.exec(out)?.[1] ?? NaN);
  const cached = Number(/Cached:\s+(\d+) cached/.exec(out)?.[1] ?? NaN);
  return { wallMs, tasks, cached };
}

/**
 * Runs the regeneration benchmark.
 * @param {{ rounds?: number, onRound?: (round: number) => void }} [options]
 */
export async function runRegen({ rounds = 3, onRound } = {}) {
  await regenOnce("cached");
  /** @type {readonly RegenMode[]} */
  const modes = ["cold", "cached"];
  const samples = await interleave(modes, { rounds, warmup: 0, onRound, run: regenOnce });
  const wall = (/** @type {RegenMode} */ m) => samples[m].map((r) => r.wallMs / 1000);
  const [cold, cached] = [samples.cold[0], samples.cached[0]];
  if (!cold || !cached) throw new Error("regen measured no round");
  return {
    tasks: cold.tasks,
    cachedTasks: { cold: cold.cached, cached: cached.cached },
    seconds: { cold: summarize(wall("cold")), cached: summarize(wall("cached")) },
    ratio: pairedRatio(wall("cold"), wall("cached")),
    command: `turbo ${regenArgs("cold").join(" ")}`,
    rounds,
  };
}
