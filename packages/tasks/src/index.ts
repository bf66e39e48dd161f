import { ConfigurationError, type ClientOptions, type PackageClient } from "@allmhub/core";
import { bindOperations, createPackageClient, type OperationEntry, type Route } from "@allmhub/core/internal";
import type { paths } from "./generated/openapi.js";
import { operationCodecs, operationDescriptors, type TasksOperations } from "./generated/operations.js";

/** A client of the gateway's asynchronous task APIs (Midjourney, video and music jobs): one typed method per operation of the spec. */
export type TasksClient = PackageClient<paths, TasksOperations>;

/** Midjourney speed modes the gateway serves under `/{mode}/mj/...`. */
export type MidjourneyMode = "fast" | "relax" | "turbo";

/** Options of {@link createTasksClient}. */
export interface TasksClientOptions extends ClientOptions {
  /**
   * Sends every Midjourney call under `/{mode}/mj/...` (e.g. `/relax/mj/submit/imagine`) instead of
   * `/mj/...`, which new-api routes to the channel's fast, relax or turbo mode.
   */
  midjourneyMode?: MidjourneyMode | undefined;
}

const MODES: readonly string[] = ["fast", "relax", "turbo"];

/**
 * Creates a client of the gateway's asynchronous task APIs (Midjourney, video and music jobs).
 *
 * The key comes from `options.apiKey` or `ALLMHUB_API_KEY`, the base URL from `options.baseUrl`,
 * `ALLMHUB_BASE_URL` or https://api.allmhub.com. A missing key or a malformed URL throws a
 * `ConfigurationError` here, before any request.
 *
 * @example
 * const tasks = createTasksClient({ midjourneyMode: "relax" });
 * const submitted = await tasks.submitMidjourneyImagine({ prompt: "a cat --v 6" });
 * const task = await waitForMidjourneyTask(tasks, midjourneyTaskId(submitted));
 * console.log(task.imageUrl);
 */
export function createTasksClient(options: TasksClientOptions = {}): TasksClient {
  const { midjourneyMode, ...clientOptions } = options;
  if (midjourneyMode !== undefined && !MODES.includes(midjourneyMode))
    throw new ConfigurationError(`midjourneyMode must be one of ${MODES.join(", ")}.`);
  // The table's routes, the Midjourney ones under the mode's prefix when there is one.
  const prefix = midjourneyMode ? `/${midjourneyMode}` : "";
  const table: Record<string, OperationEntry> = {};
  for (const [name, [route, ...settings]] of Object.entries<OperationEntry>(operationDescriptors))
    table[name] = [route.replace(" /mj/", ` ${prefix}/mj/`) as Route, ...settings];
  return createPackageClient<paths, TasksOperations>(
    (gateway) => bindOperations<TasksOperations>(gateway, table, operationCodecs),
    clientOptions,
  );
}

export { midjourneyTaskId } from "./midjourney.js";
export * from "./generated/operations.js";
export type { components, operations, paths } from "./generated/openapi.js";
export * from "@allmhub/core";
