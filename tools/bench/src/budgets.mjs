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

/** @type {readonly SizeBudget[]} */
export const SIZE_BUDGETS = [
  { name: "@allmhub/core", consumer: "consumers/core.mjs", budget: 5 * KB },
  { name: "@allmhub/chat", consumer: "consumers/chat.mjs", budget: 6 * KB },
  { name: "@allmhub/media", consumer: "consumers/media.mjs", budget: 5 * KB },
  { name: "@allmhub/tasks", consumer: "consumers/tasks.mjs", budget: 5 * KB },
  { name: "@allmhub/admin", consumer: "consumers/admin.mjs", budget: 5 * KB },
];

/** Measured 2026-11-23 (2 cores, Node 20, esbuild 0.28.2): the shared bytes every package carries. */
const OVER_BUDGET_WHY =
  "@allmhub/core's runtime is ~13 kB minified (5.4 kB gzip for a streamed call), of which ~0.8 kB gzip is readable error messages (option checks, argument checks, " +
  "authentication, stream and connection errors; the same bundle with every message of over 25 characters emptied gzips to 4.59 kB): the error family, option " +
  "checks, retries, timeouts, the request builder and URL serializers, the multipart codec of streamOperation, the SSE parser and Stream";

/**
 * Packages whose bundle is over its budget today. The budget stays as the issue set it (size-limit and
 * `pnpm bench` report these as failing); CI holds each of them under `ceiling` bytes so it cannot grow
 * while it is over, and fails once it fits its budget, so that its entry here is removed and the budget
 * is enforced from then on. `why` says what the bytes are. Ceilings: the size measured with the change
 * that set them, plus 100 B.
 * @type {Readonly<Record<string, { ceiling: number, why: string }>>}
 */
export const KNOWN_OVER_BUDGET = {
  "@allmhub/core": { ceiling: 5475, why: OVER_BUDGET_WHY },
  "@allmhub/tasks": {
    ceiling: 5913,
    why: `${OVER_BUDGET_WHY}; tasks adds its operation table (49 operations, 0.77 kB gzip: the same program with a two-operation table is 5.07 kB), the Midjourney and task envelope checks, the multipart codec and the midjourneyMode paths`,
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
