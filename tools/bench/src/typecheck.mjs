/**
 * Benchmark 4: type-check cost. `tsc --noEmit --extendedDiagnostics` on a consumer file that uses the four
 * packages (typecheck/allmhub.ts), on the same uses with the vendor SDKs (typecheck/vendors.ts) and on a
 * file with no SDK (typecheck/baseline.ts: the same options and Node types), in interleaved rounds. Each run
 * is a fresh `tsc` process; tsc reports its total time and the memory it used.
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { BENCH_DIR } from "./budgets.mjs";
import { interleave, pairedRatio, runNodeTimed, summarize } from "./stats.mjs";

const require = createRequire(import.meta.url);
const TSC = require.resolve("typescript/bin/tsc");

/** @typedef {"baseline" | "allmhub" | "vendors"} TypecheckSubject */
/** @type {readonly TypecheckSubject[]} */
export const TYPECHECK_SUBJECTS = ["baseline", "allmhub", "vendors"];

/**
 * Reads the figures of `tsc --extendedDiagnostics`.
 * @param {string} output what tsc printed
 * @returns {{ files: number, totalSeconds: number, checkSeconds: number, memoryKb: number }}
 */
export function parseDiagnostics(output) {
  const field = (/** @type {string} */ name) => {
    const m = new RegExp(`^${name}:\\s+([\\d.]+)`, "m").exec(output);
    if (!m) throw new Error(`tsc printed no "${name}"`);
    return Number(m[1]);
  };
  return {
    files: field("Files"),
    totalSeconds: field("Total time"),
    checkSeconds: field("Check time"),
    memoryKb: field("Memory used"),
  };
}

/**
 * Type-checks one subject in a new tsc process.
 * @param {TypecheckSubject} subject
 * @returns {Promise<{ wallMs: number, files: number, totalSeconds: number, checkSeconds: number, memoryKb: number }>}
 */
export async function typecheckOnce(subject) {
  const project = join(BENCH_DIR, "typecheck", `tsconfig.${subject}.json`);
  const { wallMs, out } = await runNodeTimed(TSC, ["-p", project, "--noEmit", "--extendedDiagnostics"], {
    label: `tsc -p ${project}`,
  });
  return { wallMs, ...parseDiagnostics(out) };
}

/**
 * Runs the type-check benchmark.
 * @param {{ rounds?: number, warmup?: number, onRound?: (round: number) => void }} [options]
 */
export async function runTypecheck({ rounds = 5, warmup = 1, onRound } = {}) {
  const samples = await interleave(TYPECHECK_SUBJECTS, { rounds, warmup, onRound, run: typecheckOnce });
  const pick = (
    /** @type {TypecheckSubject} */ s,
    /** @type {"totalSeconds" | "memoryKb" | "wallMs" | "checkSeconds"} */ k,
  ) => samples[s].map((r) => r[k]);
  /** @param {TypecheckSubject} s */
  const describe = (s) => ({
    files: samples[s][0]?.files ?? 0,
    totalSeconds: summarize(pick(s, "totalSeconds")),
    checkSeconds: summarize(pick(s, "checkSeconds")),
    memoryMb: summarize(pick(s, "memoryKb").map((kb) => kb / 1024)),
    wallMs: summarize(pick(s, "wallMs")),
  });
  return {
    subjects: { baseline: describe("baseline"), allmhub: describe("allmhub"), vendors: describe("vendors") },
    ratios: {
      timeVsVendors: pairedRatio(pick("allmhub", "totalSeconds"), pick("vendors", "totalSeconds")),
      memoryVsVendors: pairedRatio(pick("allmhub", "memoryKb"), pick("vendors", "memoryKb")),
      timeVsBaseline: pairedRatio(pick("allmhub", "totalSeconds"), pick("baseline", "totalSeconds")),
    },
    rounds,
  };
}
