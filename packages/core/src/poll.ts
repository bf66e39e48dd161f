import { secretsOf } from "./auth.js";
import { optionsOf, type GatewayClient } from "./client.js";
import {
  AllmhubError,
  APIConnectionError,
  APIError,
  APIUserAbortError,
  ConfigurationError,
  MAX_DELAY,
  inRange,
} from "./errors.js";
import type { RequestOptions } from "./operation.js";
import { redactSecrets } from "./redact.js";
import { isRetryableStatus, sleep } from "./retry.js";

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

/**
 * How long and how often to poll. The deadline covers everything, a read in flight included; a read that
 * fails for a passing reason (a connection error, a timeout, 408, 409, 429, 5xx, after its own retries) is
 * tried again at the next interval until then. Out-of-range values are a {@link ConfigurationError}.
 */
export interface WaitOptions<T = unknown> {
  /** Stops waiting (throws {@link APIUserAbortError}) when aborted. */
  signal?: AbortSignal | undefined;
  /** Give up after this many milliseconds, from 1 to 2^31 - 1 (default 30 minutes). */
  timeoutMs?: number | undefined;
  /** Or give up at this moment (a Date or a time in ms). */
  deadline?: Date | number | undefined;
  /** First wait between reads in ms, from 100 to 2^31 - 1 (default 2 s); it grows by `backoff` up to `maxIntervalMs`. */
  intervalMs?: number | undefined;
  /** Longest wait between reads in ms, from 100 to 2^31 - 1 (default 20 s). */
  maxIntervalMs?: number | undefined;
  /** Growth factor of the wait, from 1 to 10 (default 1.5). */
  backoff?: number | undefined;
  /** Called after every read. */
  onProgress?: ((progress: PollProgress<T>) => void) | undefined;
}

/** A polled task reached a failed state; `reason` is the gateway's failure reason. */
export class TaskFailedError<T = unknown> extends AllmhubError {
  override name = "TaskFailedError";
  // The fields are declared only (`declare`), and set by the constructor: no field initializers to bundle.
  /** The task id, when known. */
  declare readonly taskId: string | undefined;
  /** The gateway's reason. */
  declare readonly reason: string | undefined;
  /** The task as last read. */
  declare readonly task: T;
  constructor(task: T, state: TaskState, taskId?: string) {
    super(
      `Task ${taskId ? `${taskId} ` : ""}failed${state.status ? ` (${state.status})` : ""}: ${state.reason || "no reason given"}`,
    );
    this.taskId = taskId;
    this.reason = state.reason;
    this.task = task;
  }
}

/** Polling went on past its deadline without the task finishing; `cause` is the last read's error, if it failed. */
export class TaskTimeoutError<T = unknown> extends AllmhubError {
  override name = "TaskTimeoutError";
  /** The task as last read (undefined when no read completed). */
  declare readonly task: T | undefined;
  constructor(message: string, task: T | undefined, cause?: unknown) {
    super(message, { cause });
    this.task = task;
  }
}

/**
 * Reads a task until it is done or failed, waiting longer between reads each time (with jitter), and
 * never past the deadline, which also aborts a read in flight. A read that fails for a passing reason is
 * tried again at the next interval. Returns the finished task; throws {@link TaskFailedError},
 * {@link TaskTimeoutError}, {@link APIUserAbortError} or the error of a read that cannot succeed. `secrets`
 * are scrubbed from the task and the reason the errors carry.
 */
export async function pollTask<T>(
  read: (signal: AbortSignal | undefined) => Promise<T>,
  classify: (task: T) => TaskState,
  options: WaitOptions<T> = {},
  taskId?: string,
  secrets: readonly string[] = [],
): Promise<T> {
  const started = Date.now();
  const { signal, deadline: at } = options;
  const deadline =
    at !== undefined
      ? new Date(at).getTime()
      : started + inRange(options.timeoutMs ?? 1800000, "timeoutMs", 1, MAX_DELAY);
  if (!Number.isFinite(deadline)) throw new ConfigurationError("deadline must be a valid Date or time in ms.");
  let interval = inRange(options.intervalMs ?? 2000, "intervalMs", 100, MAX_DELAY);
  const maxInterval = inRange(options.maxIntervalMs ?? 20000, "maxIntervalMs", 100, MAX_DELAY);
  const backoff = inRange(options.backoff ?? 1.5, "backoff", 1, 10);
  let last: T | undefined;
  let failure: unknown;
  for (let attempt = 1; ; attempt++) {
    const remaining = deadline - Date.now();
    if (signal?.aborted) throw new APIUserAbortError("Waiting for the task was aborted.");
    if (remaining <= 0) {
      const status = last === undefined ? "none" : (classify(last).status ?? "unknown");
      throw new TaskTimeoutError(
        redactSecrets(
          `Task ${taskId ? `${taskId} ` : ""}did not finish before its deadline (last status: ${status}).`,
          secrets,
        ),
        redactSecrets(last, secrets),
        failure,
      );
    }
    // Aborted at the deadline (a long one in steps: a timer takes at most 2^31 - 1 ms) or with the caller's signal.
    const controller = new AbortController();
    const abort = () => controller.abort();
    const timer = setTimeout(abort, Math.min(remaining, MAX_DELAY));
    signal?.addEventListener("abort", abort);
    try {
      try {
        last = await read(controller.signal);
        failure = undefined;
      } catch (error) {
        // Passing failures are tried again at the next interval, within the deadline.
        if (
          controller.signal.aborted ||
          !(error instanceof APIConnectionError || (error instanceof APIError && isRetryableStatus(error.status!)))
        )
          throw error;
        failure = error;
      }
      if (!failure) {
        const state = classify(last!);
        options.onProgress?.({ task: last!, state, attempt, elapsedMs: Date.now() - started });
        if (state.state === "done") return last!;
        if (state.state === "failed")
          throw new TaskFailedError(redactSecrets(last!, secrets), redactSecrets(state, secrets), taskId);
      }
      await sleep(Math.min(jittered(interval), deadline - Date.now()), controller.signal);
    } catch (error) {
      // The deadline or the caller's signal came during a read or a wait: the next turn reports it.
      if (!controller.signal.aborted) throw error;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", abort);
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
  return path
    .split(".")
    .reduce<unknown>(
      (node, key) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined),
      value,
    );
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
  // The statuses are strings: no list includes undefined.
  if (rule.done.includes(status!)) return { state: "done", status, progress };
  if (rule.failed.includes(status!)) return { state: "failed", status, reason: firstText(answer, rule.reason) };
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
 * the options of each read. Returns the finished task or throws as {@link pollTask} does; the secrets of
 * `client` (a package client, whose `gateway` holds them) are scrubbed from what the errors carry.
 */
export function waitForTask<T>(
  read: (options: RequestOptions) => Promise<T>,
  rule: TaskRule,
  options: WaitForOptions<T> = {},
  taskId?: string,
  client?: object,
): Promise<T> {
  const gateway = (client as { gateway?: GatewayClient<object> } | undefined)?.gateway;
  const secrets = gateway ? secretsOf(optionsOf(gateway)) : [];
  return pollTask(
    (signal) => read({ ...options.request, signal }),
    (answer) => taskStateBy(rule, answer),
    options,
    taskId,
    secrets,
  );
}
