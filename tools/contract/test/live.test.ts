import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectScenarios, documentedId, liveTargetFromEnv, runLiveContract, skipReason } from "../src/index.mjs";

const require = createRequire(import.meta.url);
const spec = JSON.parse(readFileSync(require.resolve("@allmhub/spec/dist/openapi.json"), "utf8"));
const KEY = "sk-live-secret-value-0042";

type Hit = { method: string; path: string };
type LiveResult = {
  operationId: string;
  outcome: string;
  reason: string;
  drift: Array<{ kind: string; path: string }>;
};

/** A local gateway that drifts from the spec in every way the report must catch. */
function driftedGateway(hits: Hit[], rejectKey = false): Server {
  return createServer((req, res) => {
    const path = (req.url ?? "").split("?")[0] ?? "";
    hits.push({ method: req.method ?? "", path });
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (rejectKey || req.headers.authorization !== `Bearer ${KEY}`) {
      return json(401, {
        error: { message: `invalid token ${req.headers.authorization ?? ""}`, type: "new_api_error" },
      });
    }
    // valid, with a field the spec does not declare
    if (path === "/v1/models")
      return json(200, {
        object: "list",
        success: true,
        data: [{ id: "gpt-4.1-mini", object: "model", created: 1, owned_by: "openai", context_window: 128000 }],
      });
    // missing required field (a model's `name`)
    if (path === "/v1beta/models") return json(200, { models: [{ displayName: "Gemini" }], nextPageToken: null });
    // wrong type
    if (path === "/v1/dashboard/billing/subscription")
      return json(200, { object: "billing_subscription", has_payment_method: "yes" });
    // undocumented status
    if (path === "/api/usage/token/") return json(418, { error: { message: "teapot" } });
    return json(404, { error: { message: "not here" } });
  });
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const a = server.address();
  return typeof a === "object" && a ? `http://127.0.0.1:${a.port}` : "";
}

const hits: Hit[] = [];
let server: Server;
let baseUrl = "";
let results: LiveResult[] = [];
beforeAll(async () => {
  server = driftedGateway(hits);
  baseUrl = await listen(server);
  ({ results } = await runLiveContract({ spec, target: { baseUrl, apiKey: KEY } }));
}, 60_000);
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const byOp = (id: string) => results.find((r) => r.operationId === id) as LiveResult;

/** A gateway target with every credential and every opt-in, for the skip rules that hold even then. */
const everyOptIn = {
  baseUrl: "http://127.0.0.1:1",
  apiKey: KEY,
  accessToken: "tok",
  allowPaid: true,
  allowMutations: true,
};
const scenarios = collectScenarios(spec);

describe("live contract runs are safe by default", () => {
  it("switches to live only when both ALLMHUB_BASE_URL and ALLMHUB_API_KEY are set", () => {
    expect(liveTargetFromEnv({})).toBeNull();
    expect(liveTargetFromEnv({ ALLMHUB_BASE_URL: "https://x.example.com" })).toBeNull();
    expect(liveTargetFromEnv({ ALLMHUB_BASE_URL: "https://x.example.com", ALLMHUB_API_KEY: "sk-1" })).toMatchObject({
      allowPaid: false,
      allowMutations: false,
    });
    expect(
      liveTargetFromEnv({ ALLMHUB_BASE_URL: "https://x.example.com", ALLMHUB_API_KEY: "sk-1", ALLMHUB_ALLOW_PAID: "1" })
        ?.allowPaid,
    ).toBe(true);
  });

  it("never calls an operation that costs money without the opt-in", () => {
    const paid = collectScenarios(spec).filter((s: { cost: string }) => s.cost === "paid");
    expect(paid.length).toBeGreaterThan(50);
    const paidRoutes = new Set(
      paid.map((s: { method: string; path: string }) => `${s.method.toUpperCase()} ${s.path}`),
    );
    const called = hits.map((h) => `${h.method} ${h.path}`);
    for (const route of called) expect(paidRoutes.has(route), `${route} costs money`).toBe(false);
    for (const s of paid) expect(results.find((r) => r.operationId === s.operationId)?.outcome).toBe("skip");
    expect(byOp("createChatCompletion").reason).toMatch(/ALLMHUB_ALLOW_PAID=1/);
  });

  it("skips account APIs without account credentials and mutations without their opt-in", () => {
    expect(byOp("getCurrentUser")).toMatchObject({ outcome: "skip" });
    expect(byOp("getCurrentUser").reason).toMatch(/ALLMHUB_ACCESS_TOKEN/);
    expect(byOp("createToken").outcome).toBe("skip");
  });

  it("runs account APIs with an access token alone, and never runs x-live-skip operations, even with both opt-ins", () => {
    const reason = (id: string) => {
      const s = scenarios.find((x) => x.operationId === id);
      if (!s) throw new Error(`no scenario of ${id}`);
      return skipReason(s, spec.paths[s.path][s.method], everyOptIn);
    };
    expect(reason("getCurrentUser")).toBeNull();
    expect(reason("createToken")).toBeNull();
    for (const id of ["deleteToken", "deleteTokens", "updateToken", "generateAccessToken", "redeemCode"]) {
      expect(reason(id)).toMatch(/^never run live: /);
    }
    // A public route sends no credentials: its 401 from this gateway is a failure, not a rejected key.
    expect(byOp("getStatus").outcome).toBe("fail");
  });
});

describe("documentation ids never reach a live gateway", () => {
  it.each([
    ["getMidjourneyTask", "a path id"],
    ["getUnifiedVideo", "a query id"],
    ["fetchSunoTasks", "ids in the body"],
    ["getLumaTasks", "ids in the body"],
    ["getMinimaxVideoGeneration", "a query task_id"],
  ])("%s (%s) is skipped, even with every opt-in", (id) => {
    for (const s of scenarios.filter((x) => x.operationId === id)) {
      expect(documentedId(s), s.name).not.toBeNull();
      expect(skipReason(s, spec.paths[s.path][s.method], everyOptIn)).toMatch(/^uses the documentation's /);
    }
  });
  it("does not take a model name for an id", () => {
    const s = scenarios.find((x) => x.operationId === "generateContent")!;
    expect(documentedId(s)).toBeNull();
    expect(documentedId({ ...s, params: { query: { page_id: "" } }, body: { ids: [] } })).toBeNull();
  });
});

describe("the drift report catches each way a gateway can differ", () => {
  it("reports an answer with several shapes against the shape it matches, and names the field in the reason", async () => {
    const union = await runLiveContract({
      spec,
      target: { baseUrl, apiKey: KEY },
      only: (s: { operationId: string }) => s.operationId === "listModels",
      packages: undefined,
    });
    expect(union.results[0]!.drift.filter((d) => d.kind !== "unknown-field")).toEqual([]);
    const r = byOp("getBillingSubscription");
    expect(r.reason).toMatch(/^the answer differs from the spec: wrong-type at \/has_payment_method/);
  });

  it("passes a valid answer and lists the fields the spec does not declare", () => {
    const r = byOp("listModels");
    expect(r.outcome).toBe("pass");
    expect(r.drift).toContainEqual(expect.objectContaining({ kind: "unknown-field", path: "/data/0/context_window" }));
  });
  it("fails a wrong type, with its path", () => {
    const r = byOp("getBillingSubscription");
    expect(r.outcome).toBe("fail");
    expect(r.drift).toContainEqual(expect.objectContaining({ kind: "wrong-type", path: "/has_payment_method" }));
  });
  it("fails a missing required field, with its path", () => {
    const r = byOp("listGeminiModels");
    expect(r.outcome).toBe("fail");
    expect(r.drift).toContainEqual(expect.objectContaining({ kind: "missing-required", path: "/models/0/name" }));
  });
  it("fails an undocumented status code", () => {
    const r = byOp("getTokenUsage");
    expect(r.outcome).toBe("fail");
    expect(r.drift).toContainEqual(expect.objectContaining({ kind: "undocumented-status" }));
  });
});

describe("a rejected key", () => {
  it("stops the run early, and the key appears nowhere in the report", async () => {
    const rejectedHits: Hit[] = [];
    const rejecting = driftedGateway(rejectedHits, true);
    const url = await listen(rejecting);
    try {
      const { results: rs, stoppedEarly } = await runLiveContract({ spec, target: { baseUrl: url, apiKey: KEY } });
      expect(stoppedEarly).toMatch(/rejected the key/);
      expect(rejectedHits).toHaveLength(1);
      expect(rs.filter((r: LiveResult) => r.outcome === "fail")).toHaveLength(1);
      expect(JSON.stringify(rs)).not.toContain(KEY);
    } finally {
      await new Promise<void>((r) => rejecting.close(() => r()));
    }
  });
});

describe("the command line", () => {
  it("shows progress, writes both reports without the key, and exits 1 when the gateway differs", async () => {
    const dir = mkdtempSync(join(tmpdir(), "live-report-"));
    const bin = fileURLToPath(new URL("../bin/contract.mjs", import.meta.url));
    // Asynchronous: the drifted gateway answers from this process while the command runs.
    const child = spawn(process.execPath, [bin], {
      env: {
        ...process.env,
        ALLMHUB_BASE_URL: baseUrl,
        ALLMHUB_API_KEY: KEY,
        ALLMHUB_REPORT_DIR: dir,
        ALLMHUB_ALLOW_PAID: "",
      },
    });
    const run = { stdout: "", stderr: "", status: null as number | null };
    child.stdout.on("data", (d) => (run.stdout += d));
    child.stderr.on("data", (d) => (run.stderr += d));
    run.status = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/\[\s*1\/\d+\] /);
    expect(run.stdout).toMatch(/\d+ passed, \d+ failed, \d+ skipped/);
    const json = readFileSync(join(dir, "contract-live.json"), "utf8");
    const md = readFileSync(join(dir, "contract-live.md"), "utf8");
    expect(JSON.parse(json).results.length).toBe(collectScenarios(spec).length);
    expect(md).toContain("## Where the gateway differs from the spec");
    expect(json + md + run.stdout + run.stderr).not.toContain(KEY);
  }, 60_000);
});

describe("URLs the tool prints or writes", () => {
  it("carry no credentials, query or fragment, even when the base URL has them", async () => {
    const dir = mkdtempSync(join(tmpdir(), "live-report-"));
    const bin = fileURLToPath(new URL("../bin/contract.mjs", import.meta.url));
    const secretUrl = `${baseUrl.replace("http://", "http://basic-auth-user:basic-auth-password@")}/?key=query-key-secret#frag-secret`;
    const child = spawn(process.execPath, [bin], {
      env: {
        ...process.env,
        ALLMHUB_BASE_URL: secretUrl,
        ALLMHUB_API_KEY: KEY,
        ALLMHUB_REPORT_DIR: dir,
        ALLMHUB_ALLOW_PAID: "",
      },
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    await new Promise((resolve) => child.on("close", resolve));
    const written =
      readFileSync(join(dir, "contract-live.json"), "utf8") + readFileSync(join(dir, "contract-live.md"), "utf8");
    expect(out).toContain(`live contract run against ${baseUrl}`);
    for (const secret of ["basic-auth-password", "basic-auth-user", "query-key-secret", "frag-secret"])
      expect(out + written).not.toContain(secret);
  }, 60_000);
});
