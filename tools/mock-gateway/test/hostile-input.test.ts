// The mock gateway against bad input: malformed percent-encoding in the path or the Prefer header, a
// client that goes away mid-body, bodies far over the limit, many requests. It runs in a child process (a
// crash would end it): every bad request gets a clear 400 or 413, the process stays up, and its memory stays
// bounded however much is sent to it.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { connect } from "node:net";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_BODY_BYTES, startMockGateway } from "../src/index.mjs";

const require = createRequire(import.meta.url);
const specPath = require.resolve("@allmhub/spec/dist/openapi.json");
const BIN = fileURLToPath(new URL("../bin/mock-gateway.mjs", import.meta.url));
let child: ChildProcess;
let base = "";
let exited: number | null | undefined;

beforeAll(async () => {
  child = spawn(process.execPath, [BIN, specPath, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
  child.on("exit", (code) => (exited = code));
  base = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d;
      const m = /on (http:\/\/[\d.:]+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on("exit", () => reject(new Error(`the mock exited: ${out}`)));
  });
}, 60_000);
afterAll(() => {
  child.kill();
});

/** Sends one raw request (the path as given, not normalized) and resolves its status, or "reset". */
function send(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number | "reset"; text: string }> {
  return new Promise((resolve) => {
    const req = request(`${base}${path}`, { method, headers }, (res) => {
      let text = "";
      res.on("data", (d: Buffer) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", () => resolve({ status: "reset", text: "" }));
    req.end(body);
  });
}

const rssOfChild = () =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1] ?? 0) * 1024;
const stillServes = async () =>
  expect((await send("GET", "/v1/models", { authorization: "Bearer sk-x" })).status).toBe(200);

describe("the mock gateway under bad input", () => {
  it("answers malformed percent-encoding in the path with a 400 and stays up", async () => {
    const res = await send("GET", "/v1/models/%E0%A4%A");
    expect(res.status).toBe(400);
    expect(res.text).toContain("malformed percent-encoding in the path");
    await stillServes();
  });

  it("answers malformed percent-encoding in the Prefer header with a 400 and stays up", async () => {
    const res = await send("GET", "/v1/models", { authorization: "Bearer sk-x", prefer: "example=%E0%A4%A" });
    expect(res.status).toBe(400);
    expect(res.text).toContain("malformed percent-encoding in the prefer header");
    await stillServes();
  });

  it("forgets a client that goes away mid-body and stays up", async () => {
    for (let i = 0; i < 20; i++) {
      await new Promise<void>((resolve) => {
        const socket = connect(Number(new URL(base).port), "127.0.0.1", () => {
          socket.write(
            'POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n{"model":',
          );
          setTimeout(() => {
            socket.destroy();
            resolve();
          }, 5);
        });
      });
    }
    await stillServes();
    expect(exited).toBeUndefined();
  });

  it("answers a body over its limit with 413, keeps none of it, and its memory stays bounded", async () => {
    const before = rssOfChild();
    const chunk = "x".repeat(1 << 20);
    for (let round = 0; round < 3; round++) {
      const status = await new Promise<number | "reset">((resolve) => {
        const req = request(
          `${base}/v1/chat/completions`,
          { method: "POST", headers: { "content-type": "application/json" } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on("error", () => resolve("reset"));
        // Four times the limit, streamed: the mock answers 413 once it passes the limit (or the socket closes).
        let sent = 0;
        const more = () => {
          while (sent < 4 * MAX_BODY_BYTES) {
            sent += chunk.length;
            if (!req.write(chunk)) return void req.once("drain", more);
          }
          req.end();
        };
        more();
      });
      expect([413, "reset"]).toContain(status);
    }
    // 384 MiB were sent: without a limit the mock would hold each body whole (and copy it once more).
    expect(rssOfChild() - before).toBeLessThan(3 * MAX_BODY_BYTES);
    await stillServes();
    expect(exited).toBeUndefined();
  });
});

describe("the request log", () => {
  it("keeps the latest requests only", async () => {
    const spec = JSON.parse(readFileSync(specPath, "utf8"));
    const gateway = await startMockGateway({ spec, maxRecorded: 5 });
    for (let i = 0; i < 12; i++)
      await fetch(`${gateway.url}/v1/models?n=${i}`, { headers: { authorization: "Bearer sk-x" } });
    expect(gateway.requests.map((r: { path: string }) => r.path)).toEqual(
      [7, 8, 9, 10, 11].map((n) => `/v1/models?n=${n}`),
    );
    await gateway.close();
  });
});
