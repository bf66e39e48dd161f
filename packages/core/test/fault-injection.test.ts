import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  APIConnectionError,
  APITimeoutError,
  BadRequestError,
  InternalServerError,
  RateLimitError,
  callOperation,
  createGatewayClient,
} from "./runtime.js";
import { startServer, type TestServer } from "./server.js";

/** What the server does on one attempt. */
type Fault = "ok" | "reset" | "500" | "503-html" | "429-retry-after" | "slow" | "truncated" | "400";

/** Each scenario: the faults of successive attempts, and how the call must end. */
const SCENARIOS: Array<{
  name: string;
  faults: Fault[];
  outcome: "ok" | (new (...a: never[]) => Error);
  attempts: number;
}> = [
  { name: "clean", faults: ["ok"], outcome: "ok", attempts: 1 },
  { name: "reset then ok", faults: ["reset", "ok"], outcome: "ok", attempts: 2 },
  { name: "500 then ok", faults: ["500", "ok"], outcome: "ok", attempts: 2 },
  { name: "429 with retry-after then ok", faults: ["429-retry-after", "ok"], outcome: "ok", attempts: 2 },
  { name: "slow then ok", faults: ["slow", "ok"], outcome: "ok", attempts: 2 },
  { name: "500 three times", faults: ["500", "500", "500"], outcome: InternalServerError, attempts: 3 },
  {
    name: "proxy HTML 503 three times",
    faults: ["503-html", "503-html", "503-html"],
    outcome: InternalServerError,
    attempts: 3,
  },
  {
    name: "429 three times",
    faults: ["429-retry-after", "429-retry-after", "429-retry-after"],
    outcome: RateLimitError,
    attempts: 3,
  },
  { name: "reset three times", faults: ["reset", "reset", "reset"], outcome: APIConnectionError, attempts: 3 },
  { name: "slow three times", faults: ["slow", "slow", "slow"], outcome: APITimeoutError, attempts: 3 },
  { name: "truncated body", faults: ["truncated"], outcome: APIConnectionError, attempts: 1 },
  { name: "400 is not retried", faults: ["400", "ok"], outcome: BadRequestError, attempts: 1 },
];
const REPEAT = 5;
const TIMEOUT_MS = 2000;
/** Calls in flight at once: enough to overlap faults, few enough that a loaded CI machine answers in time. */
const CONCURRENCY = 12;
const KEY = "sk-fault-injection-secret";

let server: TestServer;
const attempts = new Map<string, number>();

beforeAll(async () => {
  server = await startServer((req, res) => {
    const call = String(req.headers["x-call"]);
    const n = attempts.get(call) ?? 0;
    attempts.set(call, n + 1);
    const scenario = SCENARIOS.find((s) => call.startsWith(`${s.name}#`));
    const fault = scenario?.faults[Math.min(n, (scenario?.faults.length ?? 1) - 1)] ?? "ok";
    // Fresh connections: a reused keep-alive socket closed by another fault would add unplanned retries.
    res.setHeader("connection", "close");
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };
    switch (fault) {
      case "ok":
        return json(200, { ok: true, call });
      case "reset":
        return req.socket.destroy();
      case "500":
        return json(500, { error: { message: "upstream failed" } }, { "retry-after-ms": "5" });
      case "503-html":
        res.writeHead(503, { "content-type": "text/html", "retry-after-ms": "5" });
        return res.end("<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>");
      case "429-retry-after":
        return json(429, { error: { message: "rate limited" } }, { "retry-after-ms": "10" });
      case "slow":
        return void setTimeout(() => json(200, { late: true }), TIMEOUT_MS * 3);
      case "truncated":
        res.writeHead(200, { "content-type": "application/json", "content-length": "400" });
        res.write('{"partial": "');
        return void setTimeout(() => req.socket.destroy(), 100);
      case "400":
        return json(400, { error: { message: "bad request", type: "invalid_request_error" } });
    }
  });
});
afterAll(() => server.close());

describe("fault injection: every call ends in success or a typed error within its deadline", () => {
  it(`runs ${SCENARIOS.length * REPEAT} calls through drops, resets, 5xx, 429, slow and truncated answers`, async () => {
    const client = createGatewayClient({ apiKey: KEY, baseUrl: server.url, timeout: TIMEOUT_MS, maxRetries: 2 });
    // Worst case per call: 3 attempts of TIMEOUT_MS plus backoffs of at most 0.5 s + 1 s.
    const deadline = 3 * TIMEOUT_MS + 1500 + 1000;
    const jobs = SCENARIOS.flatMap((s) => Array.from({ length: REPEAT }, (_, i) => ({ s, call: `${s.name}#${i}` })));
    const results: Array<{
      s: (typeof SCENARIOS)[number];
      call: string;
      outcome: { value: unknown; error: unknown };
      ms: number;
    }> = [];
    const worker = async () => {
      for (let job = jobs.shift(); job; job = jobs.shift()) {
        const started = Date.now();
        const outcome = await callOperation(
          client,
          { method: "post", path: "/v1/chat/completions" },
          { body: {} },
          { headers: { "x-call": job.call } },
        ).then(
          (value) => ({ value, error: undefined as unknown }),
          (error: unknown) => ({ value: undefined, error }),
        );
        results.push({ ...job, outcome, ms: Date.now() - started });
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    for (const { s, call, outcome, ms } of results) {
      if (s.outcome === "ok") expect(outcome.error, call).toBeUndefined();
      else expect(outcome.error, call).toBeInstanceOf(s.outcome);
      expect(attempts.get(call), `${call} attempts`).toBe(s.attempts);
      expect(ms, `${call} took ${ms} ms`).toBeLessThan(deadline);
      if (outcome.error) expect(String(outcome.error) + JSON.stringify(outcome.error)).not.toContain(KEY);
    }
    const failures = results.filter((r) => r.outcome.error).length;
    console.log(
      `fault injection: ${results.length} calls, ${results.length - failures} succeeded, ${failures} typed errors, ${[...attempts.values()].reduce((a, b) => a + b, 0)} attempts`,
    );
  }, 30_000);
});
