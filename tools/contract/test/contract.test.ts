import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { operationsOf } from "@allmhub/spec-model";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectScenarios, runContract, scenarioTitle, startReplay, type Scenario } from "../src/index.mjs";

const require = createRequire(import.meta.url);
const spec = JSON.parse(readFileSync(require.resolve("@allmhub/spec/dist/openapi.json"), "utf8"));

type Result = { operationId: string; example: string; outcome: string; detail: string };
type Sent = { method: string; path: string; contentType: string };

const scenarios: Scenario[] = collectScenarios(spec);

describe("contract: each documented example through the generated clients, against the mock gateway", () => {
  let session: Awaited<ReturnType<typeof startReplay>>;
  beforeAll(async () => {
    session = await startReplay({ spec });
  });
  afterAll(() => session.close());

  it.each(scenarios.map((s) => [scenarioTitle(s), s] as const))("%s", async (_title, s) => {
    const result = await session.replay(s);
    expect(result.detail, result.source).not.toBe("");
    expect(result).toMatchObject({ outcome: "pass" });
  });

  it("sent no request the spec does not allow", () => {
    expect(session.mockViolations()).toEqual([]);
  });
});

describe("the contract runner", () => {
  it("covers every operation of the spec with at least one scenario", () => {
    const scenarioOps = new Set(scenarios.map((s) => s.operationId));
    expect([...scenarioOps].sort()).toEqual(
      operationsOf(spec)
        .map((o: { operationId: string }) => o.operationId)
        .sort(),
    );
  });

  it("sends fal model ids with their slashes as path segments", async () => {
    const { results, requests } = await runContract({
      spec,
      only: (s: { operationId: string }) => s.operationId === "submitFalRequest",
    });
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((r: Result) => r.outcome === "pass")).toBe(true);
    expect(requests.some((r: Sent) => r.method === "POST" && /^\/fal-ai\/[^/]+\/[^/]+/.test(r.path))).toBe(true);
    expect(requests.some((r: Sent) => r.path.includes("%2F"))).toBe(false);
  });

  it("sends documented multipart examples as multipart/form-data with real files", async () => {
    const { results, requests } = await runContract({
      spec,
      only: (s: { operationId: string }) =>
        ["createImageEdit", "createTranscription", "createVideo"].includes(s.operationId),
    });
    expect(results.length).toBeGreaterThanOrEqual(4);
    expect(results.filter((r: Result) => r.outcome !== "pass")).toEqual([]);
    const forms = requests.filter((r: Sent) => r.contentType === "multipart/form-data");
    expect(forms.map((r: Sent) => r.path)).toEqual(
      expect.arrayContaining(["/v1/images/edits", "/v1/audio/transcriptions", "/v1/videos"]),
    );
    // createVideo takes JSON or a form: the SDK sends a form only when the body holds a file.
    expect(requests.some((r: Sent) => r.path === "/v1/videos" && r.contentType === "application/json")).toBe(true);
  });

  it("replays the streamed example event by event", async () => {
    const { results } = await runContract({
      spec,
      only: (s: { operationId: string; name: string }) => s.name === "template-stream",
    });
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ outcome: "pass", detail: "stream replayed, every event valid" });
  });

  it("fails when a documented request is one the spec does not allow", async () => {
    const broken = structuredClone(spec);
    const example = broken.components.examples["createChatCompletion.allinone-tool-call.request"];
    delete example.value.model;
    const { results, mockViolations } = await runContract({
      spec: broken,
      only: (s: { name: string }) => s.name === "allinone-tool-call",
    });
    expect(results).toHaveLength(1);
    expect(results[0]!.outcome).toBe("fail");
    expect(results[0]!.detail).toMatch(/^HTTP 400: 400 mock gateway: request does not match the spec: .*model/);
    expect(mockViolations).toHaveLength(1);
  });

  it("fails when the gateway's answer is not the documented one", async () => {
    const wrong = structuredClone(spec);
    wrong.components.examples["listModels.newapi-list-models.response"].value.data[0].id = 42;
    const { results } = await runContract({
      spec: wrong,
      only: (s: { operationId: string }) => s.operationId === "listModels",
    });
    expect(results[0]!.outcome).toBe("fail");
    expect(results[0]!.detail).toMatch(/schema: \/data\/0\/id must be string/);
  });
});
