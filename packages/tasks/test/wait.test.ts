import { createServer } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  TaskFailedError,
  createTasksClient,
  waitForKlingTask,
  waitForReplicatePrediction,
  waitForRunwayTask,
  waitForSunoTask,
  waitForVideoGeneration,
  waitForVolcVideoTask,
} from "../src/index.js";

// A loopback server whose tasks go queued → in progress → done, or fail, read by read.
let url = "";
const reads = new Map<string, number>();
const server = createServer((req, res) => {
  const path = req.url ?? "";
  const n = (reads.get(path) ?? 0) + 1;
  reads.set(path, n);
  const phase = ["queued", "in_progress", "done"][Math.min(n - 1, 2)] as string;
  const fails = path.includes("bad");
  let body: unknown = {};
  if (path.startsWith("/suno/fetch/")) {
    const status =
      fails && n > 1 ? "FAILURE" : { queued: "QUEUED", in_progress: "IN_PROGRESS", done: "SUCCESS" }[phase];
    body = {
      code: "success",
      message: "",
      data: {
        task_id: "s",
        action: "MUSIC",
        status,
        progress: `${n * 30}%`,
        fail_reason: fails ? "quota exhausted" : "",
        data: [],
      },
    };
  } else if (path.startsWith("/replicate/v1/predictions/")) {
    body = {
      id: "p",
      status: { queued: "starting", in_progress: "processing", done: "succeeded" }[phase],
      output: phase === "done" ? ["https://example.com/a.png"] : null,
    };
  } else if (path.startsWith("/v1/video/generations/")) {
    body = {
      task_id: "v",
      status: fails && n > 1 ? "failed" : { queued: "queued", in_progress: "in_progress", done: "completed" }[phase],
      url: phase === "done" ? "https://example.com/v.mp4" : undefined,
      error: fails ? { code: 500, message: "upstream rejected the prompt" } : undefined,
    };
  } else if (path.startsWith("/kling/")) {
    body = {
      code: 0,
      message: "SUCCEED",
      request_id: "r",
      data: {
        task_id: "k",
        task_status:
          fails && n > 1 ? "failed" : { queued: "submitted", in_progress: "processing", done: "succeed" }[phase],
        task_status_msg: fails ? "risk control" : "",
      },
    };
  } else if (path.startsWith("/runwayml/")) {
    body = {
      id: "r",
      status: { queued: "PENDING", in_progress: "RUNNING", done: "SUCCEEDED" }[phase],
      output: phase === "done" ? ["https://example.com/r.mp4"] : undefined,
      version: req.headers["x-runway-version"],
    };
  } else if (path.startsWith("/volc/")) {
    body = {
      id: "cgt-1",
      model: "doubao-seedance-1-0-pro-250528",
      status: { queued: "queued", in_progress: "running", done: "succeeded" }[phase],
      content: phase === "done" ? { video_url: "https://example.com/v.mp4" } : undefined,
    };
  }
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
});
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const a = server.address();
  url = typeof a === "object" && a ? `http://127.0.0.1:${a.port}` : "";
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
const fast = { intervalMs: 100 };

describe("waitFor… helpers against a task that goes queued → in progress → done", () => {
  it("waits for a Suno task, reporting progress", async () => {
    const tasks = createTasksClient({ apiKey: "sk-1", baseUrl: url });
    const progress: unknown[] = [];
    const task = await waitForSunoTask(tasks, "song-1", {
      ...fast,
      onProgress: (p) => progress.push(p.state.progress),
    });
    expect(task).toMatchObject({ status: "SUCCESS" });
    expect(progress).toEqual(["30%", "60%", "90%"]);
  });
  it("waits for a Replicate prediction", async () => {
    const prediction = await waitForReplicatePrediction(
      createTasksClient({ apiKey: "sk-1", baseUrl: url }),
      "pred-1",
      fast,
    );
    expect(prediction.output).toEqual(["https://example.com/a.png"]);
  });
  it("waits for a new-api video generation", async () => {
    const video = await waitForVideoGeneration(createTasksClient({ apiKey: "sk-1", baseUrl: url }), "vid-1", fast);
    expect(video).toMatchObject({ status: "completed", url: "https://example.com/v.mp4" });
  });
  it("waits for a Doubao video task", async () => {
    const task = await waitForVolcVideoTask(createTasksClient({ apiKey: "sk-1", baseUrl: url }), "cgt-1", fast);
    expect(task).toMatchObject({ status: "succeeded" });
  });
});

describe("waitFor… helpers for Kling and Runway", () => {
  it("waits for a Kling task inside its envelope", async () => {
    const task = await waitForKlingTask(
      createTasksClient({ apiKey: "sk-1", baseUrl: url }),
      "videos",
      "text2video",
      "k-1",
      fast,
    );
    expect(task).toMatchObject({ code: 0, data: { task_status: "succeed" } });
  });
  it("reports Kling's task_status_msg when the task fails", async () => {
    const err = await waitForKlingTask(
      createTasksClient({ apiKey: "sk-1", baseUrl: url }),
      "videos",
      "text2video",
      "bad-k",
      fast,
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "TaskFailedError", reason: "risk control" });
  });
  it("waits for a Runway task and sends X-Runway-Version", async () => {
    const task = await waitForRunwayTask(createTasksClient({ apiKey: "sk-1", baseUrl: url }), "run-1", fast);
    expect(task).toMatchObject({ status: "SUCCEEDED", version: "2024-11-06" });
  });
});

describe("waitFor… helpers against a task that fails", () => {
  it("throws TaskFailedError with the Suno fail_reason", async () => {
    const err = await waitForSunoTask(createTasksClient({ apiKey: "sk-1", baseUrl: url }), "bad-song", fast).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TaskFailedError);
    expect(err).toMatchObject({ reason: "quota exhausted", taskId: "bad-song" });
  });
  it("throws TaskFailedError with the video error message", async () => {
    const err = await waitForVideoGeneration(
      createTasksClient({ apiKey: "sk-1", baseUrl: url }),
      "bad-video",
      fast,
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "TaskFailedError", reason: "upstream rejected the prompt" });
  });
});
