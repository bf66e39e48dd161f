import { createServer } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigurationError, createTasksClient, type MidjourneyMode } from "../src/index.js";

let url = "";
const paths: string[] = [];
const server = createServer((req, res) => {
  paths.push(`${req.method} ${req.url}`);
  res.writeHead(200, { "content-type": "application/json" });
  res.end(
    req.url?.includes("/task/")
      ? JSON.stringify({ id: "1", status: "SUCCESS" })
      : JSON.stringify({ code: 1, description: "ok", result: "1" }),
  );
});
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const a = server.address();
  url = typeof a === "object" && a ? `http://127.0.0.1:${a.port}` : "";
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("midjourneyMode", () => {
  it("sends Midjourney calls under /{mode}/mj and leaves other routes alone", async () => {
    const tasks = createTasksClient({ apiKey: "sk-1", baseUrl: url, midjourneyMode: "relax" });
    await tasks.submitMidjourneyImagine({ prompt: "a cat" });
    await tasks.getMidjourneyTask("1");
    await tasks.getSunoTask("t").catch(() => undefined);
    expect(paths).toEqual(["POST /relax/mj/submit/imagine", "GET /relax/mj/task/1/fetch", "GET /suno/fetch/t"]);
  });
  it("keeps a base URL's own path prefix", async () => {
    paths.length = 0;
    const tasks = createTasksClient({ apiKey: "sk-1", baseUrl: `${url}/gateway`, midjourneyMode: "fast" });
    await tasks.submitMidjourneyImagine({ prompt: "a cat" });
    expect(paths).toEqual(["POST /gateway/fast/mj/submit/imagine"]);
  });
  it("rejects an unknown mode when the client is created", () => {
    expect(() => createTasksClient({ apiKey: "sk-1", midjourneyMode: "slow" as MidjourneyMode })).toThrowError(
      ConfigurationError,
    );
  });
});
