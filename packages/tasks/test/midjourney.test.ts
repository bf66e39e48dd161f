import { createServer } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TaskFailedError, createTasksClient, midjourneyTaskId, waitForMidjourneyTask } from "../src/index.js";

let url = "";
const reads = new Map<string, number>();
const server = createServer((req, res) => {
  const id = /\/mj\/task\/([^/]+)\/fetch/.exec(req.url ?? "")?.[1] ?? "";
  const n = (reads.get(id) ?? 0) + 1;
  reads.set(id, n);
  res.writeHead(200, { "content-type": "application/json" });
  if (id === "ok") {
    const states = [
      { status: "SUBMITTED", progress: "0%" },
      { status: "IN_PROGRESS", progress: "40%" },
      { status: "SUCCESS", progress: "100%", imageUrl: "https://cdn.example.com/a.png" },
    ];
    res.end(JSON.stringify({ id, action: "IMAGINE", ...states[Math.min(n - 1, 2)] }));
  } else {
    res.end(
      JSON.stringify(
        n < 2
          ? { id, status: "IN_PROGRESS", progress: "10%" }
          : { id, status: "FAILURE", failReason: "Banned prompt detected" },
      ),
    );
  }
});
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const a = server.address();
  url = typeof a === "object" && a ? `http://127.0.0.1:${a.port}` : "";
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("waitForMidjourneyTask", () => {
  it("follows a task from queued through in progress to done, reporting progress", async () => {
    const tasks = createTasksClient({ apiKey: "sk-1", baseUrl: url });
    const progress: string[] = [];
    const task = await waitForMidjourneyTask(tasks, "ok", {
      intervalMs: 100,
      onProgress: ({ task }) => progress.push(`${task.status} ${task.progress}`),
    });
    expect(task.imageUrl).toBe("https://cdn.example.com/a.png");
    expect(progress).toEqual(["SUBMITTED 0%", "IN_PROGRESS 40%", "SUCCESS 100%"]);
  });

  it("throws TaskFailedError carrying failReason when the task fails", async () => {
    const tasks = createTasksClient({ apiKey: "sk-1", baseUrl: url });
    const err = await waitForMidjourneyTask(tasks, "bad", { intervalMs: 100 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TaskFailedError);
    expect(err).toMatchObject({ reason: "Banned prompt detected", taskId: "bad" });
  });
});

describe("midjourneyTaskId", () => {
  it("reads the id whether documented as a number or a string", () => {
    expect(midjourneyTaskId({ code: 1, description: "提交成功", result: 1320098173412546 })).toBe("1320098173412546");
    expect(midjourneyTaskId({ code: 22, description: "排队中", result: "17" })).toBe("17");
    expect(() => midjourneyTaskId({ code: 1, description: "x" })).toThrowError(/no task id/);
  });
});
