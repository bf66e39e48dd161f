import type { RequestOptions, TaskState, WaitOptions } from "@allmhub/core";
import { pollTask } from "@allmhub/core/internal";
import type {
  GetFalRequestResultResult,
  GetJimengTaskResult,
  GetKlingTaskResult,
  GetLumaGenerationResult,
  GetRunwayTaskResult,
  GetUnifiedVideoResult,
  GetVideoResult,
  GetMinimaxVideoGenerationResult,
  GetReplicatePredictionResult,
  GetSunoTaskResult,
  GetVideoGenerationResult,
  GetVolcVideoTaskResult,
  TasksOperations,
} from "./generated/operations.js";

/** Options of every `waitFor…` helper: polling (signal, deadline, interval, progress) and per-read request options. */
export type WaitForOptions<T> = WaitOptions<T> & { request?: RequestOptions };

const DONE = new Set(["success", "succeeded", "succeed", "completed", "complete", "done", "finished"]);
const FAILED = new Set(["failure", "failed", "fail", "error", "cancelled", "canceled", "cancel", "expired", "timeout"]);

/**
 * Where a task of any of the gateway's task APIs stands, read from the usual fields: `status`, `state`,
 * `task_status` or `task.status` (also inside a `data` wrapper), with the reason from `fail_reason`,
 * `failReason`, `error` (text or `{message}`) or `base_resp.status_msg`, and the progress from `progress`.
 * Statuses meaning success (SUCCESS, succeeded, completed, Success...) end the wait; failure statuses
 * (FAILURE, failed, Fail, canceled, expired...) make it throw `TaskFailedError`.
 */
export function taskStateOf(answer: unknown): TaskState {
  const task = unwrap(answer);
  const status = firstString(task, ["status", "state", "task_status"]) ?? firstString(task?.task, ["status"]);
  const progress = (task?.progress ?? undefined) as string | number | undefined;
  const normalized = (status ?? "").toLowerCase();
  if (DONE.has(normalized)) return { state: "done", status, progress };
  if (FAILED.has(normalized)) return { state: "failed", status, reason: reasonOf(task) };
  return { state: "pending", status, progress };
}

type Loose = Record<string, any> | undefined;

function unwrap(answer: unknown): Loose {
  const a = answer as Loose;
  if (!a || typeof a !== "object") return undefined;
  // new-api task envelopes: { code, message, data: { status, ... } }
  if (a.data && typeof a.data === "object" && !Array.isArray(a.data) && firstString(a.data, ["status", "state", "task_status"])) return a.data;
  return a;
}

function firstString(o: Loose, keys: string[]): string | undefined {
  for (const k of keys) if (o && typeof o[k] === "string" && o[k]) return o[k] as string;
  return undefined;
}

function reasonOf(task: Loose): string | undefined {
  const error = task?.error;
  if (typeof error === "string" && error) return error;
  if (error && typeof error === "object" && typeof error.message === "string") return error.message;
  return firstString(task, ["fail_reason", "failReason", "failure", "task_status_msg", "failure_reason", "message"]) ?? firstString(task?.base_resp, ["status_msg"]);
}

function wait<T>(read: (signal: AbortSignal | undefined) => Promise<T>, id: string, options: WaitForOptions<T>): Promise<T> {
  return pollTask(read, taskStateOf, options, id);
}

/** Polls `GET /suno/fetch/{task_id}` until the Suno task succeeds or fails. */
export function waitForSunoTask(client: Pick<TasksOperations, "getSunoTask">, taskId: string, options: WaitForOptions<GetSunoTaskResult> = {}) {
  return wait((signal) => client.getSunoTask(taskId, { ...options.request, signal }), taskId, options);
}

/** Polls new-api's `GET /v1/video/generations/{task_id}` until the video is ready or failed. */
export function waitForVideoGeneration(
  client: Pick<TasksOperations, "getVideoGeneration">,
  taskId: string,
  options: WaitForOptions<GetVideoGenerationResult> = {},
) {
  return wait((signal) => client.getVideoGeneration(taskId, { ...options.request, signal }), taskId, options);
}

/** Polls `GET /replicate/v1/predictions/{id}` until the prediction succeeds, fails or is canceled. */
export function waitForReplicatePrediction(
  client: Pick<TasksOperations, "getReplicatePrediction">,
  id: string,
  options: WaitForOptions<GetReplicatePredictionResult> = {},
) {
  return wait((signal) => client.getReplicatePrediction(id, { ...options.request, signal }), id, options);
}

/** Polls `GET /volc/v1/contents/generations/tasks/{id}` until the Doubao (Seedance) video task ends. */
export function waitForVolcVideoTask(client: Pick<TasksOperations, "getVolcVideoTask">, id: string, options: WaitForOptions<GetVolcVideoTaskResult> = {}) {
  return wait((signal) => client.getVolcVideoTask(id, { ...options.request, signal }), id, options);
}

/** Polls `GET /minimax/v1/query/video_generation?task_id=` until the Hailuo video task ends. */
export function waitForMinimaxVideoGeneration(
  client: Pick<TasksOperations, "getMinimaxVideoGeneration">,
  taskId: string,
  options: WaitForOptions<GetMinimaxVideoGenerationResult> = {},
) {
  return wait((signal) => client.getMinimaxVideoGeneration({ task_id: taskId }, { ...options.request, signal }), taskId, options);
}

/** Polls `GET /jimeng/fetch/{task_id}` until the Jimeng video task ends. */
export function waitForJimengTask(client: Pick<TasksOperations, "getJimengTask">, taskId: string, options: WaitForOptions<GetJimengTaskResult> = {}) {
  return wait((signal) => client.getJimengTask(taskId, { ...options.request, signal }), taskId, options);
}

/**
 * Polls `GET /fal-ai/{model_name}/requests/{request_id}` until fal reports the request COMPLETED (or
 * an error). An answer without a status that carries output (images, video, audio) counts as done.
 */
export function waitForFalRequest(
  client: Pick<TasksOperations, "getFalRequestResult">,
  modelName: string,
  requestId: string,
  options: WaitForOptions<GetFalRequestResultResult> = {},
) {
  return pollTask(
    (signal) => client.getFalRequestResult(modelName, requestId, { ...options.request, signal }),
    (answer) => {
      const state = taskStateOf(answer);
      if (state.status) return state;
      const a = answer as Loose;
      const hasOutput = Boolean(a && (a.images || a.image || a.video || a.audio || a.output));
      return hasOutput ? { state: "done" } : { state: "pending", status: "IN_QUEUE" };
    },
    options,
    requestId,
  );
}

/** Polls `GET /v1/videos/{video_id}` (Sora-style videos) until the video is completed or failed. */
export function waitForVideo(client: Pick<TasksOperations, "getVideo">, videoId: string, options: WaitForOptions<GetVideoResult> = {}) {
  return wait((signal) => client.getVideo(videoId, { ...options.request, signal }), videoId, options);
}

/** Polls `GET /v1/video/query?id=` (the unified video format) until the video is ready or failed. */
export function waitForUnifiedVideo(client: Pick<TasksOperations, "getUnifiedVideo">, id: string, options: WaitForOptions<GetUnifiedVideoResult> = {}) {
  return wait((signal) => client.getUnifiedVideo({ id }, { ...options.request, signal }), id, options);
}

/** Polls `GET /luma/generations/{task_id}` until the Luma generation is completed or failed. */
export function waitForLumaGeneration(
  client: Pick<TasksOperations, "getLumaGeneration">,
  taskId: string,
  options: WaitForOptions<GetLumaGenerationResult> = {},
) {
  return wait((signal) => client.getLumaGeneration(taskId, { ...options.request, signal }), taskId, options);
}

/**
 * Polls Kling's `GET /kling/v1/{action}/{action2}/{task_id}` (e.g. `videos`/`text2video`) until the task
 * succeeds or fails.
 */
export function waitForKlingTask(
  client: Pick<TasksOperations, "getKlingTask">,
  kind: { action: string; action2: string },
  taskId: string,
  options: WaitForOptions<GetKlingTaskResult> = {},
) {
  return wait((signal) => client.getKlingTask(kind.action, kind.action2, taskId, { ...options.request, signal }), taskId, options);
}

/** Polls `GET /runwayml/v1/tasks/{id}` until it succeeds or fails (`X-Runway-Version` 2024-11-06 unless `request.headers` set another). */
export function waitForRunwayTask(client: Pick<TasksOperations, "getRunwayTask">, id: string, options: WaitForOptions<GetRunwayTaskResult> = {}) {
  return wait((signal) => client.getRunwayTask(id, { ...options.request, signal }), id, options);
}
