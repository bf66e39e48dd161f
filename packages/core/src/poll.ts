import type { RequestOptions } from "./operation.js";
import { AllmhubError, APIUserAbortError } from "./errors.js";
import { sleep } from "./retry.js";

/** Where a polled task stands. */
export interface TaskState {
  /** `pending` keeps polling, `done` returns the task, `failed` throws {@link TaskFailedError}. */
  state: "pending" | "done" | "failed";
  /** Progress as the gateway reports it (`"40%"`, `0.4`, `40`), when it does. */
  progress?: string | number | undefined;
  /** The gateway's failure reason, for `failed`. */
  reason?: string | undefined;
  /** The gateway's status text, for progress reports and errors. */
  status?: string | undefined;
}

/** What a progress callback receives after each poll. */
export interface PollProgress<T> {
  /** The task as last read. */
  task: T;
  /** Its state. */
  state: TaskState;
  /** How many reads so far (1 after the first). */
  attempt: number;
  /** Milliseconds since polling started. */
  elapsedMs: number;
}

/** How long and how often to poll. */
export interface WaitOptions<T = unknown> {
  /** Stops waiting (throws {@link APIUserAbortError}) when aborted. */
  signal?: AbortSignal | undefined;
  /** Give up after this many milliseconds (default 30 minutes). */
  timeoutMs?: number | undefined;
  /** Or give up at this moment. */
  deadline?: Date | number | undefined;
  /** First wait between reads in ms (default 2 s); it grows by `backoff` up to `maxIntervalMs`. */
  intervalMs?: number | undefined;
  /** Longest wait between reads in ms (default 20 s). */
  maxIntervalMs?: number | undefined;
  /** Growth factor of the wait (default 1.5). */
  backoff?: number | undefined;
  /** Called after every read. */
  onProgress?: ((progress: PollProgress<T>) => void) | undefined;
}

/** A polled task reached a failed state; `reason` is the gateway's failure reason. */
export class TaskFailedError<T = unknown> extends AllmhubError {
  override name = "TaskFailedError";
  /** The task id, when known. */
  readonly taskId: string | undefined;
  /** The gateway's reason. */
  readonly reason: string | undefined;
  /** The task as last read. */
  readonly task: T;
  constructor(task: T, state: TaskState, taskId?: string) {
    super(
      `Task ${taskId ?? ""} failed${state.status ? ` (${state.status})` : ""}: ${state.reason || "no reason given"}`.replace(
        "Task  ",
        "Task ",
      ),
    );
    this.task = task;
    this.reason = state.reason;
    this.taskId = taskId;
  }
}

/** Polling went on past its deadline without the task finishing. */
export class TaskTimeoutError<T = unknown> extends AllmhubError {
  override name = "TaskTimeoutError";
  /** The task as last read (undefined when no read completed). */
  readonly task: T | undefined;
  constructor(message: string, task: T | undefined) {
    super(message);
    this.task = task;
  }
}

/**
 * Reads a task until it is done or failed, waiting longer between reads each time (with jitter), and
 * never past the deadline. Returns the finished task; throws {@link TaskFailedError},
 * {@link TaskTimeoutError} or {@link APIUserAbortError}.
 */
export async function pollTask<T>(
  read: (signal: AbortSignal | undefined) => Promise<T>,
  classify: (task: T) => TaskState,
  options: WaitOptions<T> = {},
  taskId?: string,
): Promise<T> {
  const started = Date.now();
  const deadline =
    options.deadline !== undefined
      ? new Date(options.deadline).getTime()
      : started + (options.timeoutMs ?? 30 * 60 * 1000);
  let interval = options.intervalMs ?? 2000;
  const maxInterval = options.maxIntervalMs ?? 20_000;
  const backoff = options.backoff ?? 1.5;
  let last: T | undefined;
  for (let attempt = 1; ; attempt++) {
    if (options.signal?.aborted) throw new APIUserAbortError("Waiting for the task was aborted.");
    last = await read(options.signal);
    const state = classify(last);
    options.onProgress?.({ task: last, state, attempt, elapsedMs: Date.now() - started });
    if (state.state === "done") return last;
    if (state.state === "failed") throw new TaskFailedError(last, state, taskId);
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw new TaskTimeoutError(
        `Task ${taskId ?? ""} did not finish before its deadline (last status: ${state.status ?? "unknown"}).`.replace(
          "Task  ",
          "Task ",
        ),
        last,
      );
    }
    try {
      await sleep(Math.min(jittered(interval), remaining), options.signal);
    } catch {
      throw new APIUserAbortError("Waiting for the task was aborted.");
    }
    interval = nextPollInterval(interval, backoff, maxInterval);
  }
}

/** The wait after `interval`: it grows by `backoff` and never passes `max`. */
export function nextPollInterval(interval: number, backoff: number, max: number): number {
  return Math.min(interval * backoff, max);
}

/** `ms` give or take 10 %, so that many waiting clients do not poll in step. */
export function jittered(ms: number, random: () => number = Math.random): number {
  return ms * (0.9 + random() * 0.2);
}

/** Reads a percentage the way gateways report it ("40%", "0.4", 40) as a number from 0 to 100. */
export function progressPercent(progress: string | number | undefined | null): number | undefined {
  if (progress === undefined || progress === null || progress === "") return undefined;
  const n = typeof progress === "number" ? progress : Number.parseFloat(String(progress).replace("%", ""));
  if (!Number.isFinite(n)) return undefined;
  return typeof progress === "number" && n <= 1 && n > 0 && !String(progress).includes("%") ? n * 100 : n;
}

/**
 * Where a task family keeps its state, as the spec states it (`x-task` of its query operation): dotted
 * paths into the answer (after the SDK unwrapped an envelope) and the values that end a wait.
 */
export interface TaskRule {
  /** Paths of the status, tried in order: the first that holds a non-empty string is the status. */
  status: readonly string[];
  /** Statuses of a finished task. */
  done: readonly string[];
  /** Statuses of a failed task. */
  failed: readonly string[];
  /** Paths of the failure reason, tried in order (a string, or an object with `message`). */
  reason?: readonly string[] | undefined;
  /** Path of the progress, when the family reports one. */
  progress?: string | undefined;
  /** An answer without a status that holds one of these fields is finished (fal answers the result itself). */
  doneIfPresent?: readonly string[] | undefined;
}

function at(value: unknown, path: string): unknown {
  let node = value;
  for (const key of path.split("."))
    node = node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}

function firstText(value: unknown, paths: readonly string[] | undefined): string | undefined {
  for (const path of paths ?? []) {
    let v = at(value, path);
    if (v && typeof v === "object" && typeof (v as { message?: unknown }).message === "string")
      v = (v as { message: string }).message;
    if (typeof v === "string" && v) return v;
  }
  return undefined;
}

/** Where a task stands by its family's {@link TaskRule}. */
export function taskStateBy(rule: TaskRule, answer: unknown): TaskState {
  const status = firstText(answer, rule.status);
  const progress = rule.progress
    ? ((at(answer, rule.progress) as string | number | undefined) ?? undefined)
    : undefined;
  if (status !== undefined && rule.done.includes(status)) return { state: "done", status, progress };
  if (status !== undefined && rule.failed.includes(status))
    return { state: "failed", status, reason: firstText(answer, rule.reason) };
  if (status === undefined && rule.doneIfPresent?.some((field) => at(answer, field) != null)) return { state: "done" };
  return { state: "pending", status, progress };
}

/** Options of the generated `waitFor…` helpers: polling (signal, deadline, interval, progress) and the options of each read. */
export type WaitForOptions<T> = WaitOptions<T> & {
  /** Call options of each read (headers, per-read timeout); the wait's signal is added to them. */
  request?: RequestOptions | undefined;
};

/**
 * Polls a task by its family's rule: `read` is the query method with the task's arguments bound, called with
 * the options of each read. Returns the finished task or throws as {@link pollTask} does.
 */
export function waitForTask<T>(
  read: (options: RequestOptions) => Promise<T>,
  rule: TaskRule,
  options: WaitForOptions<T> = {},
  taskId?: string,
): Promise<T> {
  return pollTask(
    (signal) => read({ ...options.request, signal }),
    (answer) => taskStateBy(rule, answer),
    options,
    taskId,
  );
}
