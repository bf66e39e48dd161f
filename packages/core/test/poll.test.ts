import { describe, expect, it } from "vitest";
import {
  APIUserAbortError,
  TaskFailedError,
  TaskTimeoutError,
  jittered,
  nextPollInterval,
  pollTask,
  progressPercent,
  type TaskState,
} from "./runtime.js";

type Task = { status: string; progress?: string; failReason?: string };
const classify = (t: Task): TaskState =>
  t.status === "SUCCESS"
    ? { state: "done", status: t.status }
    : t.status === "FAILURE"
      ? { state: "failed", status: t.status, reason: t.failReason }
      : { state: "pending", status: t.status, progress: t.progress };

const sequence = (...tasks: Task[]) => {
  let i = 0;
  return async () => tasks[Math.min(i++, tasks.length - 1)] as Task;
};

describe("pollTask", () => {
  it("reads until done, reporting progress after each read", async () => {
    const seen: Array<[number, string | undefined]> = [];
    const task = await pollTask(
      sequence(
        { status: "SUBMITTED" },
        { status: "IN_PROGRESS", progress: "40%" },
        { status: "SUCCESS", progress: "100%" },
      ),
      classify,
      {
        intervalMs: 100,
        onProgress: (p) => seen.push([p.attempt, p.task.status]),
      },
    );
    expect(task.status).toBe("SUCCESS");
    expect(seen).toEqual([
      [1, "SUBMITTED"],
      [2, "IN_PROGRESS"],
      [3, "SUCCESS"],
    ]);
  });

  it("throws TaskFailedError with the gateway's reason", async () => {
    const err = await pollTask(
      sequence({ status: "IN_PROGRESS" }, { status: "FAILURE", failReason: "banned prompt" }),
      classify,
      { intervalMs: 100 },
      "17",
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TaskFailedError);
    expect(err).toMatchObject({ reason: "banned prompt", taskId: "17", task: { status: "FAILURE" } });
    expect((err as Error).message).toBe("Task 17 failed (FAILURE): banned prompt");
  });

  it("stops at the deadline with TaskTimeoutError and the last task", async () => {
    const err = await pollTask(sequence({ status: "IN_PROGRESS" }), classify, {
      intervalMs: 100,
      timeoutMs: 250,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TaskTimeoutError);
    expect((err as TaskTimeoutError<Task>).task?.status).toBe("IN_PROGRESS");
  });

  it("stops when the signal aborts, even mid-wait", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const err = await pollTask(sequence({ status: "IN_PROGRESS" }), classify, {
      intervalMs: 10_000,
      signal: controller.signal,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIUserAbortError);
  });

  it("waits longer each time, up to the maximum, with a little jitter", () => {
    const waits = [2000];
    for (let i = 0; i < 8; i++) waits.push(nextPollInterval(waits.at(-1) ?? 0, 1.5, 20_000));
    expect(waits).toEqual([2000, 3000, 4500, 6750, 10125, 15187.5, 20000, 20000, 20000]);
    expect(jittered(1000, () => 0)).toBe(900);
    expect(jittered(1000, () => 1)).toBe(1100);
  });
});

describe("progressPercent", () => {
  it("reads the forms gateways use", () => {
    expect(progressPercent("40%")).toBe(40);
    expect(progressPercent("100%")).toBe(100);
    expect(progressPercent(0.4)).toBeCloseTo(40);
    expect(progressPercent(55)).toBe(55);
    expect(progressPercent("")).toBeUndefined();
    expect(progressPercent(undefined)).toBeUndefined();
  });
});
