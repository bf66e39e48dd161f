import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createSpecValidator, deref, escapePointer, operationsOf } from "@allmhub/spec-model";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PREFER_HEADER, startMockGateway } from "../src/index.mjs";
import { MAX_TRACKED_TASKS, taskProgress } from "../src/task-progress.mjs";

const require = createRequire(import.meta.url);
const spec = JSON.parse(readFileSync(require.resolve("@allmhub/spec/dist/openapi.json"), "utf8"));
const validator = createSpecValidator(spec);
const taskQueries = operationsOf(spec).filter((o) => o.op["x-task"]);
let movableCount = 0;
const at = (value: unknown, path: string): unknown =>
  path.split(".").reduce<any>((v, k) => (v && typeof v === "object" ? v[k] : undefined), value);

describe("task progress", () => {
  it("knows the task queries of the spec, each with its pending states", () => {
    expect(movableCount).toBeGreaterThanOrEqual(11);
    expect(taskQueries.map((o) => o.operationId).sort()).toContain("getMidjourneyTask");
    expect(taskQueries.length).toBeGreaterThanOrEqual(13);
    for (const { operationId, op } of taskQueries)
      expect(op["x-task"].pending, `${operationId} has no x-task.pending`).toBeDefined();
  });

  // Every task query with a documented status: its reads answer pending, pending, then done, each a valid answer.
  for (const { operationId, op, path, method, success } of taskQueries) {
    const media = success.content["application/json"];
    const examples = Object.entries<any>(media?.examples ?? {}).map(([name, e]) => [name, deref(spec, e)] as const);
    const tracker = taskProgress(spec, 2);
    const movable = examples.find(([, e]) => tracker.moves(operationId, e.value));
    if (!movable) continue;
    movableCount++;
    it(`${operationId} moves from pending to done over three reads, each answer valid`, () => {
      const [, example] = movable;
      const rule = op["x-task"];
      const root = (v: any) => (op["x-envelope"] === "task-code" ? v?.data : v);
      const firstPath = [rule.status]
        .flat()
        .find((p: string) => typeof at(root(example.value), p) === "string") as string;
      const pendingOf = Array.isArray(rule.pending) ? rule.pending : rule.pending[firstPath];
      const pointer = `#/paths/${escapePointer(path)}/${method}/responses/${success.status}/content/application~1json/schema`;
      const stages = [1, 2, 3, 4].map(() => tracker.answer(operationId, "/the-task", example.value));
      for (const stage of stages) expect(validator.errors(pointer, stage?.value), JSON.stringify(stage)).toEqual([]);
      expect(stages.map((s) => s?.stage)).toEqual([
        pendingOf[0],
        pendingOf[1] ?? pendingOf[0],
        expect.any(String),
        stages[2]?.stage,
      ]);
      const final = stages[2]?.stage as string;
      expect([...rule.done, ...(rule.failed ?? [])]).toContain(final);
      // The status the SDK reads sits where the rule looks for it.
      expect(at(root(stages[0]?.value), firstPath)).toBe(pendingOf[0]);
      expect(at(root(stages[2]?.value), firstPath)).toBe(final);
      // The documented example is left as it was.
      expect(example.value).toEqual(structuredClone(example.value));
    });
  }

  it("keeps each task's reads apart and answers the example unchanged with 0 polls", () => {
    const mj = taskQueries.find((o) => o.operationId === "getMidjourneyTask");
    const value = deref(spec, mj?.success.content["application/json"].examples["best-aigc-fetch"]).value;
    const tracker = taskProgress(spec, 1);
    expect(tracker.answer("getMidjourneyTask", "/a", value)?.stage).toBe("SUBMITTED");
    expect(tracker.answer("getMidjourneyTask", "/b", value)?.stage).toBe("SUBMITTED");
    expect(tracker.answer("getMidjourneyTask", "/a", value)?.stage).toBe("SUCCESS");
    expect(tracker.answer("getMidjourneyTask", "/a", value)?.value).toBe(value);
    expect(taskProgress(spec, 0).answer("getMidjourneyTask", "/a", value)).toBeNull();
    expect(tracker.answer("createChatCompletion", "/a", { status: "x" })).toBeNull();
  });

  it("forgets the task read least recently beyond its limit", () => {
    const value = { status: "SUCCESS", progress: "100%" };
    const tracker = taskProgress(spec, 1);
    tracker.answer("getMidjourneyTask", "/first", value);
    for (let i = 0; i < MAX_TRACKED_TASKS; i++) tracker.answer("getMidjourneyTask", `/t${i}`, value);
    // Forgotten, so its next read starts again from the first pending state.
    expect(tracker.answer("getMidjourneyTask", "/first", value)?.stage).toBe("SUBMITTED");
  });

  it("shapes progress like the documented value", () => {
    const tracker = taskProgress(spec, 2);
    const read = (progress: unknown) =>
      [1, 2, 3].map(() => {
        const moved = tracker.answer("getMidjourneyTask", `/${String(progress)}`, { status: "IN_PROGRESS", progress });
        return (moved?.value as { progress?: unknown } | undefined)?.progress;
      });
    expect(read("100%")).toEqual(["0%", "50%", "100%"]);
    expect(read(0.275)).toEqual([0, 0.5, 1]);
    expect(read(100)).toEqual([0, 50, 100]);
  });
});

describe("task progress through the mock gateway", () => {
  const KEY = "sk-progress";
  const lines: string[] = [];
  let gateway: Awaited<ReturnType<typeof startMockGateway>>;
  beforeAll(async () => {
    gateway = await startMockGateway({ spec, apiKeys: [KEY], taskPolls: 2, log: (line) => lines.push(line) });
  });
  afterAll(() => gateway.close());
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${gateway.url}${path}`, { headers: { authorization: `Bearer ${KEY}`, ...headers } }).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as any,
    }));

  it("serves Midjourney's mode routes, and a task reads SUBMITTED, IN_PROGRESS, then SUCCESS", async () => {
    const reads = [];
    for (const mode of ["relax", "fast", "turbo"]) reads.push(await get(`/${mode}/mj/task/42/fetch`));
    expect(reads.map((r) => [r.status, r.body.status, r.body.progress])).toEqual([
      [200, "SUBMITTED", "0%"],
      [200, "IN_PROGRESS", "50%"],
      [200, "SUCCESS", "100%"],
    ]);
    expect(lines.slice(-3)).toEqual([
      "GET /relax/mj/task/42/fetch -> getMidjourneyTask 200 valid (task SUBMITTED, example best-aigc-fetch)",
      "GET /fast/mj/task/42/fetch -> getMidjourneyTask 200 valid (task IN_PROGRESS, example best-aigc-fetch)",
      "GET /turbo/mj/task/42/fetch -> getMidjourneyTask 200 valid (task SUCCESS, example best-aigc-fetch)",
    ]);
  });

  it("finishes a task whose documented answer is still queued", async () => {
    const reads = [];
    for (let i = 0; i < 3; i++) reads.push((await get("/v1/videos/video_abc")).body.status);
    expect(reads).toEqual(["queued", "in_progress", "completed"]);
  });

  it("answers the example a request names, whatever the reads so far", async () => {
    const named = await get("/mj/task/7/fetch", { [PREFER_HEADER]: "example=best-aigc-fetch" });
    expect(named.body.status).toBe("SUCCESS");
    const fresh = await get("/mj/task/7/fetch");
    expect(fresh.body.status).toBe("SUBMITTED");
  });

  it("logs the operation and why a request is not valid, without a query key", async () => {
    await fetch(`${gateway.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ messages: [] }),
    });
    expect(lines.at(-1)).toMatch(
      /^POST \/v1\/chat\/completions -> createChatCompletion 400 not valid: request does not match the spec: .*model/,
    );
    await fetch(`${gateway.url}/v1/models`, { headers: { authorization: "Bearer sk-wrong" } });
    expect(lines.at(-1)).toBe("GET /v1/models -> listModels 401 credentials missing or not accepted");
    await fetch(`${gateway.url}/v1beta/models?key=${KEY}`);
    expect(lines.at(-1)).toMatch(/^GET \/v1beta\/models\?key=\*\*\* -> listGeminiModels 200 valid/);
    expect(lines.join("\n")).not.toContain(KEY);
    await fetch(`${gateway.url}/no/such/route`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(lines.at(-1)).toBe("GET /no/such/route -> (no operation) 404 not valid: route not in the spec");
  });

  it("answers a browser's preflight from another origin", async () => {
    const res = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: "OPTIONS",
      headers: {
        origin: "http://localhost:5173",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type",
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-headers")).toBe("authorization, content-type");
    const answer = await fetch(`${gateway.url}/v1/models`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(answer.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("refuses a task pace out of range", async () => {
    await expect(startMockGateway({ spec, taskPolls: -1 })).rejects.toThrow(/taskPolls must be an integer/);
    await expect(startMockGateway({ spec, taskPolls: 1.5 })).rejects.toThrow(/taskPolls must be an integer/);
  });
});

describe("the root README's mock log sample", () => {
  it("is what the mock prints for the same requests", async () => {
    const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
    const sample = /prints one line[\s\S]*?```text\n([\s\S]*?)```/.exec(readme)?.[1]?.trim().split("\n");
    expect(sample).toHaveLength(3);
    const lines: string[] = [];
    const mock = await startMockGateway({ spec, taskPolls: 2, log: (line) => lines.push(line) });
    try {
      const headers = { authorization: "Bearer sk-dev", "content-type": "application/json" };
      const message = { role: "user", content: "Hello!" };
      await fetch(`${mock.url}/v1/chat/completions`, {
        method: "POST",
        headers,
        body: JSON.stringify({ model: "gpt-4.1-mini", messages: [message] }),
      });
      for (let i = 0; i < 2; i++) await fetch(`${mock.url}/relax/mj/task/1320098173412546/fetch`, { headers });
      await fetch(`${mock.url}/v1/chat/completions`, {
        method: "POST",
        headers,
        body: JSON.stringify({ messages: [message] }),
      });
    } finally {
      await mock.close();
    }
    expect([lines[0], lines[2], lines[3]]).toEqual(sample);
  });
});
