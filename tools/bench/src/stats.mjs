/**
 * Statistics and scheduling of the benchmarks: interleaved rounds in a balanced order after a warm-up,
 * medians, quartiles and paired ratios, and timed runs of child processes. Absolute times on a shared
 * machine are noise; a ratio between contenders measured in the same rounds is what the benchmarks report.
 */
import { spawn } from "node:child_process";

/**
 * The q-quantile (0 ≤ q ≤ 1) of some numbers, by linear interpolation between the closest ranks.
 * @param {readonly number[]} values
 * @param {number} q
 * @returns {number}
 */
export function quantile(values, q) {
  if (values.length === 0) throw new RangeError("quantile of no values");
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be within [0, 1], got ${q}`);
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const at = (/** @type {number} */ i) => /** @type {number} */ (sorted[i]);
  return at(lo) + (at(hi) - at(lo)) * (pos - lo);
}

/**
 * The median of some numbers.
 * @param {readonly number[]} values
 * @returns {number}
 */
export function median(values) {
  return quantile(values, 0.5);
}

/**
 * Median and quartiles of some numbers.
 * @param {readonly number[]} values
 * @returns {{ median: number, p25: number, p75: number, n: number }}
 */
export function summarize(values) {
  return { median: median(values), p25: quantile(values, 0.25), p75: quantile(values, 0.75), n: values.length };
}

/**
 * Ratios of two series measured in the same rounds (a[i] / b[i]), summarized: the median of the paired
 * ratios is robust to a machine that slows down or speeds up between rounds.
 * @param {readonly number[]} a
 * @param {readonly number[]} b
 * @returns {{ median: number, p25: number, p75: number, n: number }}
 */
export function pairedRatio(a, b) {
  if (a.length !== b.length || a.length === 0)
    throw new RangeError(`paired series differ in length (${a.length} vs ${b.length})`);
  return summarize(a.map((x, i) => x / /** @type {number} */ (b[i])));
}

/**
 * The order the contenders run in, round by round: a balanced Latin square (Williams design). Over one cycle
 * (n rounds for n contenders, 2n when n is odd) each contender runs first equally often and right after
 * each other contender equally often, so what one contender leaves behind (garbage to collect, a warm or
 * busy connection) does not always land on the same other one. With two contenders: A B, B A, A B, …
 * @template T
 * @param {readonly T[]} contenders
 * @param {number} round
 * @returns {T[]}
 */
export function roundOrder(contenders, round) {
  const n = contenders.length;
  // The first row 0, 1, n-1, 2, n-2, …; row k adds k to each position (mod n); odd n also runs each row reversed.
  const row = Array.from({ length: n }, (_, i) => (i === 0 ? 0 : i % 2 ? (i + 1) / 2 : n - i / 2));
  const k = round % n;
  const order = row.map((i) => /** @type {T} */ (contenders[(i + k) % n]));
  return n % 2 === 1 && round % (2 * n) >= n ? order.reverse() : order;
}

/**
 * Runs contenders in interleaved rounds and keeps what each round measured, after `warmup` rounds whose
 * results are dropped (JIT, connection pools and caches warm up there).
 *
 * @template {string} N
 * @template R
 * @param {readonly N[]} names the contenders
 * @param {{ rounds: number, warmup?: number, run: (name: N, round: number) => Promise<R>, onRound?: (round: number) => void }} options
 *   `run` measures one contender once and returns what it measured
 * @returns {Promise<Record<N, R[]>>} the measurements of each contender, in round order
 */
export async function interleave(names, { rounds, warmup = 0, run, onRound }) {
  if (!(rounds >= 1)) throw new RangeError("at least one measured round is needed");
  /** @type {Record<string, R[]>} */
  const results = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < warmup + rounds; round++) {
    for (const name of roundOrder(names, round)) {
      const measured = await run(name, round);
      if (round >= warmup) results[name]?.push(measured);
    }
    onRound?.(round);
  }
  return /** @type {Record<N, R[]>} */ (results);
}

/**
 * Milliseconds since an arbitrary origin, with sub-millisecond resolution.
 * @returns {number}
 */
export function now() {
  return performance.now();
}

/**
 * Runs a Node script in a new process and times it: resolves with its wall time and everything it printed
 * (stdout and stderr), or rejects with that output when it exits with an error.
 * @param {string} script path of the script
 * @param {string[]} args its arguments
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, label: string }} options `label` names the run in the error
 * @returns {Promise<{ wallMs: number, out: string }>}
 */
export function runNodeTimed(script, args, { cwd, env, label }) {
  const t0 = now();
  const child = spawn(process.execPath, [script, ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.setEncoding("utf8").on("data", (c) => (out += c));
  child.stderr.setEncoding("utf8").on("data", (c) => (out += c));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => {
      const wallMs = now() - t0;
      if (code !== 0) return reject(new Error(`${label} failed (${code}):\n${out}`));
      resolve({ wallMs, out });
    });
  });
}
