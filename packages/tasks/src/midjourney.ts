import type { RequestOptions, TaskState, WaitOptions } from "@allmhub/core";
import { pollTask } from "@allmhub/core/internal";
import type { MidjourneySubmitResult, MidjourneyTask, TasksOperations } from "./generated/operations.js";

/** Midjourney task statuses that end a task. */
const FINISHED = new Set(["SUCCESS"]);
const FAILED = new Set(["FAILURE", "CANCEL", "FAILED"]);

/** Where a Midjourney task stands: SUCCESS is done, FAILURE (or CANCEL) failed with `failReason`. */
export function midjourneyTaskState(task: MidjourneyTask): TaskState {
  const status = String(task.status ?? "");
  if (FINISHED.has(status)) return { state: "done", status, progress: task.progress };
  if (FAILED.has(status)) return { state: "failed", status, reason: task.failReason ?? undefined };
  return { state: "pending", status, progress: task.progress };
}

/**
 * The task id of an accepted Midjourney submission (codes 1, 21 and 22; the client already turned other
 * codes into an `EnvelopeError`).
 */
export function midjourneyTaskId(submission: MidjourneySubmitResult): string {
  if (submission.result === undefined || submission.result === null || submission.result === "") {
    throw new TypeError(`The submission carries no task id (code ${submission.code}: ${submission.description}).`);
  }
  return String(submission.result);
}

/**
 * Polls `GET /mj/task/{id}/fetch` until the task succeeds (returns it, with its image URL and buttons)
 * or fails (throws `TaskFailedError` with the gateway's `failReason`). Takes an AbortSignal, a deadline
 * or timeout, the polling interval and a progress callback.
 *
 * @example
 * const submitted = await tasks.submitMidjourneyImagine({ prompt: "a lighthouse at dawn --v 6" });
 * const task = await waitForMidjourneyTask(tasks, midjourneyTaskId(submitted), {
 *   onProgress: ({ task }) => console.log(task.status, task.progress),
 * });
 * console.log(task.imageUrl);
 */
export function waitForMidjourneyTask(
  client: Pick<TasksOperations, "getMidjourneyTask">,
  taskId: string,
  options: WaitOptions<MidjourneyTask> & { request?: RequestOptions } = {},
): Promise<MidjourneyTask> {
  return pollTask(
    (signal) => client.getMidjourneyTask(taskId, { ...options.request, signal }),
    midjourneyTaskState,
    options,
    taskId,
  );
}
