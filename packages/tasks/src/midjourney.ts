import type { MidjourneySubmitResult } from "./generated/operations.js";

/**
 * The task id of an accepted Midjourney submission (codes 1, 21 and 22; the client already turned other
 * codes into an `EnvelopeError`), for `getMidjourneyTask` and `waitForMidjourneyTask`.
 *
 * @example
 * const submitted = await tasks.submitMidjourneyImagine({ prompt: "a lighthouse at dawn --v 6" });
 * const task = await waitForMidjourneyTask(tasks, midjourneyTaskId(submitted));
 * console.log(task.imageUrl);
 */
export function midjourneyTaskId(submission: MidjourneySubmitResult): string {
  if (submission.result == null || submission.result === "") {
    throw new TypeError(`The submission carries no task id (code ${submission.code}: ${submission.description}).`);
  }
  return String(submission.result);
}
