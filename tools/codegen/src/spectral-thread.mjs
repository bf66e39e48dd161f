// @ts-check
// Spectral in a worker thread, so that the caller's own checks run beside it.
import { Worker } from "node:worker_threads";
import { projectRuleset } from "./project-ruleset.mjs";

/**
 * {@link import("./spectral-run.mjs").spectral} in a worker thread: the caller's thread goes on meanwhile.
 * @param {string} file absolute path
 * @param {string} [ruleset] absolute path of a JavaScript ruleset
 * @returns {Promise<import("./spectral-run.mjs").SpectralFinding[]>}
 */
export function spectralInWorker(file, ruleset = projectRuleset()) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./spectral-worker.mjs", import.meta.url), { workerData: { file, ruleset } });
    worker.once("message", (/** @type {{ findings?: any[], error?: string }} */ message) => {
      if (message.error !== undefined) reject(new Error(`Spectral failed:\n${message.error}`));
      else resolve(message.findings ?? []);
    });
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the Spectral worker exited (${code}) without an answer`)));
  });
}
