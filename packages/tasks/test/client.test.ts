import { createServer } from "node:http";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import {
  createTasksClient,
  operationCatalog,
  type GetMidjourneyTaskResult,
  type SubmitMidjourneyImagineResult,
} from "../src/index.js";

let url = "";
const urls: string[] = [];
const server = createServer(async (req, res) => {
  for await (const _ of req) void _;
  urls.push(`${req.method} ${req.url}`);
  res.writeHead(200, { "content-type": "application/json" });
  if (req.url?.startsWith("/mj/task/")) res.end(JSON.stringify({ id: "17", status: "IN_PROGRESS", progress: "40%" }));
  else res.end(JSON.stringify({ code: 1, description: "提交成功", result: "17" }));
});
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const a = server.address();
  url = typeof a === "object" && a ? `http://127.0.0.1:${a.port}` : "";
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("@allmhub/tasks", () => {
  it("has a method for every operation of its catalog", () => {
    const tasks = createTasksClient({ apiKey: "sk-1", baseUrl: url });
    for (const entry of operationCatalog) if (entry.call) expect(typeof tasks[entry.call]).toBe("function");
  });

  it("submits an Imagine task and fetches it by id", async () => {
    const tasks = createTasksClient({ apiKey: "sk-1", baseUrl: url });
    const submitted = await tasks.submitMidjourneyImagine({ prompt: "a cat --v 6", botType: "MID_JOURNEY" });
    expectTypeOf(submitted).toEqualTypeOf<SubmitMidjourneyImagineResult>();
    expect(submitted.code).toBe(1);
    const task = await tasks.getMidjourneyTask(String(submitted.result));
    expectTypeOf(task).toEqualTypeOf<GetMidjourneyTaskResult>();
    expect(task.progress).toBe("40%");
    expect(urls).toEqual(["POST /mj/submit/imagine", "GET /mj/task/17/fetch"]);
  });
});
