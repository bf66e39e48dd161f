import { createPackageClient, type ClientOptions, type PackageClient } from "@allmhub/core";
import type { paths } from "./generated/openapi.js";
import { bindTasksOperations, type TasksOperations } from "./generated/operations.js";

/** A client of the gateway's asynchronous task APIs (Midjourney, video and music jobs): one typed method per operation of the spec. */
export type TasksClient = PackageClient<paths, TasksOperations>;

/**
 * Creates a client of the gateway's asynchronous task APIs (Midjourney, video and music jobs).
 *
 * The key comes from `options.apiKey` or `ALLMHUB_API_KEY`, the base URL from `options.baseUrl`,
 * `ALLMHUB_BASE_URL` or https://api.allmhub.com. A missing key or a malformed URL throws a
 * `ConfigurationError` here, before any request.
 *
 * @example
 * const tasks = createTasksClient();
 * const submitted = await tasks.submitMidjourneyImagine({ prompt: "a cat --v 6" });
 * const task = await tasks.getMidjourneyTask({ path: { id: String(submitted.result) } });
 * console.log(task.status, task.progress);
 */
export function createTasksClient(options?: ClientOptions): TasksClient {
  return createPackageClient<paths, TasksOperations>(bindTasksOperations, options);
}

export { midjourneyTaskId, midjourneyTaskState, waitForMidjourneyTask } from "./midjourney.js";
export {
  taskStateOf,
  waitForFalRequest,
  waitForJimengTask,
  waitForMinimaxVideoGeneration,
  waitForReplicatePrediction,
  waitForSunoTask,
  waitForVideoGeneration,
  waitForVolcVideoTask,
  type WaitForOptions,
} from "./wait.js";
export * from "./generated/operations.js";
export type { components, operations, paths } from "./generated/openapi.js";
export * from "@allmhub/core";
