/**
 * The size budgets of the five packages (issue "Performance: measured against raw fetch and the official
 * SDKs"): the minified, gzipped esbuild bundle of a small program that imports the package and makes one
 * call (a streamed one where the package has streams). `.size-limit.js` turns these into size-limit checks;
 * the CI test (`test/size-limit.test.ts`) runs them.
 */
import { fileURLToPath } from "node:url";

/** @typedef {{ name: string, consumer: string, budget: number }} SizeBudget */

/** kB as size-limit counts them (1 kB = 1000 bytes). */
export const KB = 1000;

/**
 * Budgets set by the issue "One way to call, one model of the spec, a small public surface": a program that
 * makes one call (one streamed call where the package streams; one task with its wait helper for tasks).
 * Core has no budget of its own: it is always imported through a feature package, whose budget counts it.
 * @type {readonly SizeBudget[]}
 */
export const SIZE_BUDGETS = [
  { name: "@allmhub/chat", consumer: "consumers/chat.mjs", budget: 6 * KB },
  { name: "@allmhub/media", consumer: "consumers/media.mjs", budget: 5 * KB },
  { name: "@allmhub/tasks", consumer: "consumers/tasks.mjs", budget: 6.5 * KB },
  { name: "@allmhub/admin", consumer: "consumers/admin.mjs", budget: 5 * KB },
];

/**
 * Measured 2026-12-07 (Node 20) after a pass that made the same behaviour smaller (compact operation tables,
 * the stream reader without classes, data-driven option checks): chat 7.80 → 7.00 kB gzip, media 7.99 → 7.16,
 * tasks 8.37 → 7.79, admin 6.93 → 6.48. Earlier, 2026-12-06, after the call-shape and fidelity work: the operation tables grew with
 * the operations the gateway really serves (~14 B gzip per operation), core's call shape checks every argument
 * with a message naming the method, and options carry typed headers, query and extraBody.
 */
const WHY =
  "core's runtime (~14.6 kB minified for one streamed call, ~12.7 kB for one plain call: errors, option and argument checks with readable messages, auth, request builder, send loop with retries and timeouts, answer decoding) plus the package's operation table" +
  "; since issue #20 (hostile conditions, +0.9 kB gzip, +1.3 kB where a package streams) also the size-bounded body reader counting decompressed bytes, redirect refusal, no resend of a sent POST, range checks of every number, secrets scrubbed from headers and causes, and, for streams, their endings, idle timeout and the linear, size-bounded event scanner";

/**
 * Packages whose bundle is over its budget today. The budget stays as the issue set it (size-limit and
 * `pnpm bench` report these as failing); CI holds each of them under `ceiling` bytes so it cannot grow
 * while it is over, and fails once it fits its budget, so that its entry here is removed and the budget
 * is enforced from then on. `why` says what the bytes are.
 * @type {Readonly<Record<string, { ceiling: number, why: string }>>}
 */
export const KNOWN_OVER_BUDGET = {
  "@allmhub/chat": { ceiling: 7056, why: WHY },
  "@allmhub/media": {
    ceiling: 7207,
    why: `${WHY}; media now streams (createImageStream), so its program bundles the SSE reader and Stream`,
  },
  "@allmhub/tasks": {
    ceiling: 7841,
    why: `${WHY}; tasks carries its 57-operation table and the generated wait helper's task rule and poller`,
  },
  "@allmhub/admin": {
    ceiling: 6529,
    why: `${WHY}; admin's table holds the whole account of a gateway user (about 60 operations)`,
  },
};

/** The vendor SDK programs the bench compares with (same program: one streamed call). */
export const VENDOR_CONSUMERS = [
  { name: "openai", consumer: "consumers/openai.mjs" },
  { name: "@anthropic-ai/sdk", consumer: "consumers/anthropic.mjs" },
  { name: "@google/genai", consumer: "consumers/genai.mjs" },
];

/** The bench package's folder (consumer paths are relative to it). */
export const BENCH_DIR = fileURLToPath(new URL("..", import.meta.url));

/**
 * The esbuild options of every size measurement: bundle, minify, tree-shake, ESM for browsers. size-limit's
 * esbuild plugin gets the same through `modifyEsbuildConfig`.
 * @param {Record<string, unknown>} config
 * @returns {Record<string, unknown>}
 */
export function sizeEsbuildOptions(config = {}) {
  return { ...config, bundle: true, minify: true, treeShaking: true, format: "esm", platform: "browser" };
}
