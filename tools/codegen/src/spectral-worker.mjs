// @ts-check
// Worker thread entry: lints workerData.file with workerData.ruleset (spectral-run.mjs) and posts
// `{ findings }` or `{ error }` back.
import { parentPort, workerData } from "node:worker_threads";
import { spectral } from "./spectral-run.mjs";

try {
  parentPort?.postMessage({ findings: await spectral(workerData.file, workerData.ruleset) });
} catch (error) {
  parentPort?.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
