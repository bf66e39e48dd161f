// The fault-injection run: calls and streams through a loopback server that injects, attempt by attempt,
// the failures the SDK must survive (resets, 5xx, HTML pages from a proxy, 429 with retry-after, answers
// slower than the timeout, truncated bodies, redirects to another origin, gzip bombs, error bodies nested
// thousands deep, the key echoed back, streams cut, stalled, aborted or answered with JSON). Every call must
// end, within its deadline, in success or the expected typed error after exactly the expected number of
// attempts, with the key in no error and nothing sent to another origin. The run writes its figures to
// .reports/fault-injection.json, and the READMEs' reliability sections must show the same figures:
// `ALLMHUB_UPDATE_README=1 npx vitest run test/fault-injection.test.ts` rewrites them.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  APIConnectionError,
  APIError,
  APITimeoutError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  RateLimitError,
  StreamError,
  callOperation,
  createGatewayClient,
  streamOperation,
  type ClientOptions,
  type RequestOptions,
} from "./runtime.js";
import { startServer, type TestServer } from "./server.js";

/** What the server does on one attempt. */
type Fault =
  | "ok"
  | "reset"
  | "500"
  | "503-html"
  | "429-retry-after"
  | "429-retry-after-30s"
  | "slow"
  | "truncated"
  | "400"
  | "401-echo-key"
  | "400-deep"
  | "redirect-away"
  | "redirect-here"
  | "gzip-bomb"
  | "events"
  | "events-cut"
  | "events-stall"
  | "events-open"
  | "events-huge"
  | "json-to-stream";

/** How the READMEs describe each fault. */
const FAULTS: Record<Fault, string> = {
  ok: "200",
  reset: "resets the connection",
  "500": "500",
  "503-html": "503 HTML page",
  "429-retry-after": "429, retry-after-ms 10",
  "429-retry-after-30s": "429, retry-after 30 s",
  slow: "answers after 3 × the timeout",
  truncated: "breaks off a 200 body",
  "400": "400",
  "401-echo-key": "401 quoting the key in its body and a header",
  "400-deep": "400, JSON nested 5,000 deep",
  "redirect-away": "307 to another origin",
  "redirect-here": "307 to its own origin",
  "gzip-bomb": "200, 64 MiB gzipped to 64 kB",
  events: "3 events and [DONE]",
  "events-cut": "2 events, cut inside the third",
  "events-stall": "1 event, then nothing",
  "events-open": "1 event, open",
  "events-huge": "1 event, then one of 100 kB",
  "json-to-stream": "200 JSON error",
};

type ErrorClass = new (...a: never[]) => Error;

interface Scenario {
  name: string;
  /** The faults of successive attempts (the last repeats). */
  faults: Fault[];
  /** A POST (the default), a GET, or a stream call (a POST whose answer is read as events). */
  call?: "get" | "stream";
  outcome: "ok" | ErrorClass;
  attempts: number;
  /** Events a stream yields before it ends. */
  events?: number;
  client?: ClientOptions;
  options?: RequestOptions;
  /** Aborts the call after its first event. */
  abortAfterFirst?: boolean;
}

const TIMEOUT_MS = 2000;
const SCENARIOS: Scenario[] = [
  { name: "clean", faults: ["ok"], outcome: "ok", attempts: 1 },
  { name: "500 then ok", faults: ["500", "ok"], outcome: "ok", attempts: 2 },
  { name: "429 with retry-after then ok", faults: ["429-retry-after", "ok"], outcome: "ok", attempts: 2 },
  { name: "GET reset then ok", faults: ["reset", "ok"], call: "get", outcome: "ok", attempts: 2 },
  { name: "GET slower than the timeout then ok", faults: ["slow", "ok"], call: "get", outcome: "ok", attempts: 2 },
  {
    name: "POST slower than the timeout, retryNonIdempotent",
    faults: ["slow", "ok"],
    outcome: "ok",
    attempts: 2,
    options: { retryNonIdempotent: true },
  },
  { name: "500 three times", faults: ["500"], outcome: InternalServerError, attempts: 3 },
  { name: "proxy HTML 503 three times", faults: ["503-html"], outcome: InternalServerError, attempts: 3 },
  { name: "429 three times", faults: ["429-retry-after"], outcome: RateLimitError, attempts: 3 },
  { name: "GET reset three times", faults: ["reset"], call: "get", outcome: APIConnectionError, attempts: 3 },
  {
    name: "GET slower than the timeout three times",
    faults: ["slow"],
    call: "get",
    outcome: APITimeoutError,
    attempts: 3,
  },
  { name: "POST reset once sent: not sent again", faults: ["reset", "ok"], outcome: APIConnectionError, attempts: 1 },
  {
    name: "POST slower than the timeout: not sent again",
    faults: ["slow", "ok"],
    outcome: APITimeoutError,
    attempts: 1,
  },
  {
    name: "429 asking for 30 s, longer than the timeout",
    faults: ["429-retry-after-30s", "ok"],
    outcome: RateLimitError,
    attempts: 1,
  },
  { name: "truncated body", faults: ["truncated"], outcome: APIConnectionError, attempts: 1 },
  { name: "400 is not retried", faults: ["400", "ok"], outcome: BadRequestError, attempts: 1 },
  { name: "401 echoing the key", faults: ["401-echo-key"], outcome: AuthenticationError, attempts: 1 },
  { name: "400 body nested 5,000 deep", faults: ["400-deep"], outcome: BadRequestError, attempts: 1 },
  { name: "redirect to another origin", faults: ["redirect-away"], outcome: APIError, attempts: 1 },
  { name: "redirect within the gateway", faults: ["redirect-here", "ok"], outcome: APIError, attempts: 1 },
  {
    name: "gzip bomb over maxResponseSize",
    faults: ["gzip-bomb"],
    outcome: APIError,
    attempts: 1,
    client: { maxResponseSize: 1 << 20 },
  },
  { name: "stream to its [DONE]", faults: ["events"], call: "stream", outcome: "ok", attempts: 1, events: 3 },
  { name: "stream after a 500", faults: ["500", "events"], call: "stream", outcome: "ok", attempts: 2, events: 3 },
  {
    name: "stream cut before [DONE]",
    faults: ["events-cut"],
    call: "stream",
    outcome: StreamError,
    attempts: 1,
    events: 2,
  },
  {
    name: "stream stalled after its first event",
    faults: ["events-stall"],
    call: "stream",
    outcome: APITimeoutError,
    attempts: 1,
    events: 1,
  },
  {
    name: "stream aborted by the caller",
    faults: ["events-open"],
    call: "stream",
    outcome: APIUserAbortError,
    attempts: 1,
    events: 1,
    abortAfterFirst: true,
  },
  {
    name: "stream event over maxEventSize",
    faults: ["events-huge"],
    call: "stream",
    outcome: StreamError,
    attempts: 1,
    events: 1,
    client: { maxEventSize: 65536 },
  },
  {
    name: "JSON error answered to a stream call",
    faults: ["json-to-stream"],
    call: "stream",
    outcome: APIError,
    attempts: 1,
    events: 0,
  },
];
const REPEAT = 5;
/** Calls in flight at once: enough to overlap faults, few enough that a loaded CI machine answers in time. */
const CONCURRENCY = 12;
const KEY = "sk-Qz7vKp2Lw9Xr4Tn8Ym3Hc6Jd";
const CORE_README = new URL("../README.md", import.meta.url);
const ROOT_README = new URL("../../../README.md", import.meta.url);
const REPORT = new URL("../.reports/fault-injection.json", import.meta.url);

let server: TestServer;
let elsewhere: TestServer;
const attempts = new Map<string, number>();
const BOMB = gzipSync(Buffer.concat([Buffer.from('{"s":"'), Buffer.alloc(64 << 20, 97), Buffer.from('"}')]));
const DEEP = `${'{"error":'.repeat(5000)}"deep"${"}".repeat(5000)}`;

beforeAll(async () => {
  elsewhere = await startServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end("{}"));
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
      res.end(typeof body === "string" ? body : JSON.stringify(body));
    };
    const events = (text: string, end = true) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      if (end) res.end(text);
      else res.write(text);
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
      case "429-retry-after-30s":
        return json(429, { error: { message: "rate limited" } }, { "retry-after": "30" });
      case "slow":
        return void setTimeout(() => json(200, { late: true }), TIMEOUT_MS * 3);
      case "truncated":
        res.writeHead(200, { "content-type": "application/json", "content-length": "400" });
        res.write('{"partial": "');
        return void setTimeout(() => req.socket.destroy(), 100);
      case "400":
        return json(400, { error: { message: "bad request", type: "invalid_request_error" } });
      case "401-echo-key":
        return json(
          401,
          { error: { message: `invalid key ${String(req.headers.authorization)}` } },
          { "x-echo": String(req.headers.authorization) },
        );
      case "400-deep":
        return json(400, DEEP);
      case "redirect-away":
        res.writeHead(307, { location: `${elsewhere.url}/collect` });
        return res.end();
      case "redirect-here":
        res.writeHead(307, { location: "/v1/chat/completions?moved" });
        return res.end();
      case "gzip-bomb":
        res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
        return res.end(BOMB);
      case "events":
        return events('data: {"n":1}\n\ndata: {"n":2}\n\ndata: {"n":3}\n\ndata: [DONE]\n\n');
      case "events-cut":
        return events('data: {"n":1}\n\ndata: {"n":2}\n\ndata: {"n":');
      case "events-stall":
      case "events-open":
        return events('data: {"n":1}\n\n', false);
      case "events-huge":
        return events(`data: {"n":1}\n\ndata: {"s":"${"x".repeat(100_000)}"}\n\ndata: [DONE]\n\n`);
      case "json-to-stream":
        return json(200, { error: { message: "model not found", code: "model_not_found" } });
    }
  });
});
afterAll(async () => {
  await server.close();
  await elsewhere.close();
});

interface Result {
  s: Scenario;
  call: string;
  error: unknown;
  events: number;
  ms: number;
}

/** One call of a scenario: a plain call, or a stream read to its end (or aborted after its first event). */
async function run(s: Scenario, call: string): Promise<Result> {
  const started = Date.now();
  const client = createGatewayClient({
    apiKey: KEY,
    baseUrl: server.url,
    timeout: TIMEOUT_MS,
    maxRetries: 2,
    ...s.client,
  });
  const controller = new AbortController();
  const options = { ...s.options, headers: { "x-call": call }, signal: controller.signal };
  let events = 0;
  let error: unknown;
  try {
    if (s.call === "stream") {
      const stream = await streamOperation(
        client,
        { method: "POST", path: "/v1/chat/completions", streamEnd: ["[DONE]"] },
        { body: { stream: true } },
        options,
      );
      for await (const _ of stream) {
        events++;
        if (s.abortAfterFirst) controller.abort();
      }
    } else {
      await callOperation(
        client,
        s.call === "get" ? { method: "GET", path: "/v1/models" } : { method: "POST", path: "/v1/chat/completions" },
        s.call === "get" ? {} : { body: {} },
        options,
      );
    }
  } catch (e) {
    error = e;
  }
  return { s, call, error, events, ms: Date.now() - started };
}

/** The figures of a run, as the report and the READMEs give them. */
interface Report {
  calls: number;
  succeeded: number;
  errors: Record<string, number>;
  attempts: number;
  scenarios: Array<{ name: string; faults: string; outcome: string; attempts: number; events?: number }>;
}

function reportOf(results: Result[]): Report {
  const errors: Record<string, number> = {};
  for (const r of results) if (r.error) errors[(r.error as Error).name] = (errors[(r.error as Error).name] ?? 0) + 1;
  return {
    calls: results.length,
    succeeded: results.filter((r) => !r.error).length,
    errors: Object.fromEntries(Object.entries(errors).sort(([a], [b]) => a.localeCompare(b))),
    attempts: [...attempts.values()].reduce((a, b) => a + b, 0),
    scenarios: SCENARIOS.map((s) => ({
      name: s.name,
      faults: s.faults.map((f) => FAULTS[f]).join("; then "),
      outcome: s.outcome === "ok" ? "ok" : s.outcome.name,
      attempts: s.attempts,
      ...(s.events !== undefined ? { events: s.events } : {}),
    })),
  };
}

const errorList = (report: Report) =>
  Object.entries(report.errors)
    .map(([name, n]) => `${n} ${name}`)
    .join(", ");

/** The generated part of the root README's reliability section. */
function rootBlock(report: Report): string {
  return [
    `Latest run: **${report.calls} calls and streams** (${SCENARIOS.length} scenarios × ${REPEAT}, ${CONCURRENCY} at a time), **${report.succeeded} succeeded,`,
    `${report.calls - report.succeeded} ended in the expected typed error** (${errorList(report)}), **${report.attempts} attempts**; every`,
    "call within its deadline, no key in any error, nothing sent to another origin. The scenarios:",
    "[core's README](packages/core/README.md#reliability).",
  ].join("\n");
}

/** The generated part of core's README reliability section: the scenarios and the figures. */
function coreBlock(report: Report): string {
  return [
    "| scenario (a POST unless it says otherwise) | what the server does, attempt by attempt | outcome | attempts |",
    "|---|---|---|---|",
    ...report.scenarios.map(
      (s) =>
        `| ${s.name} | ${s.faults} | ${s.outcome}${s.events === undefined ? "" : s.events === 0 ? " before any event" : ` after ${s.events} event${s.events === 1 ? "" : "s"}`} | ${s.attempts} |`,
    ),
    "",
    `Latest run: ${report.calls} calls and streams (${SCENARIOS.length} scenarios × ${REPEAT}), ${report.succeeded} succeeded, ${report.calls - report.succeeded} typed errors`,
    `(${errorList(report)}), ${report.attempts} attempts.`,
  ].join("\n");
}

const START = "<!-- fault-injection:start (generated by packages/core/test/fault-injection.test.ts) -->";
const END = "<!-- fault-injection:end -->";

/** Checks (or, with ALLMHUB_UPDATE_README=1, rewrites) the generated block of a README. */
function checkReadme(file: URL, block: string): void {
  const text = readFileSync(file, "utf8");
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  expect(start, `${file.pathname} has no ${START}`).toBeGreaterThanOrEqual(0);
  const current = text.slice(start + START.length + 1, end - 1);
  if (process.env.ALLMHUB_UPDATE_README === "1")
    writeFileSync(file, `${text.slice(0, start + START.length)}\n${block}\n${text.slice(end)}`);
  else
    expect(
      current,
      `${file.pathname}: the figures are not those of this run; ALLMHUB_UPDATE_README=1 npx vitest run test/fault-injection.test.ts rewrites them`,
    ).toBe(block);
}

describe("fault injection: every call ends in success or a typed error within its deadline", () => {
  it(`runs ${SCENARIOS.length * REPEAT} calls and streams through injected faults, and the READMEs show its figures`, async () => {
    const jobs = SCENARIOS.flatMap((s) => Array.from({ length: REPEAT }, (_, i) => ({ s, call: `${s.name}#${i}` })));
    const results: Result[] = [];
    const worker = async () => {
      for (let job = jobs.shift(); job; job = jobs.shift()) results.push(await run(job.s, job.call));
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    for (const { s, call, error, events, ms } of results) {
      if (s.outcome === "ok") expect(error, call).toBeUndefined();
      else expect(error, call).toBeInstanceOf(s.outcome);
      if (s.outcome === APIError || s.outcome === StreamError) expect(error?.constructor, call).toBe(s.outcome);
      expect(attempts.get(call), `${call} attempts`).toBe(s.attempts);
      if (s.events !== undefined) expect(events, `${call} events`).toBe(s.events);
      // Worst case: every attempt up to its timeout, plus backoffs of at most 0.5 s + 1 s.
      const deadline = s.attempts * TIMEOUT_MS + 1500 + 1500;
      expect(ms, `${call} took ${ms} ms`).toBeLessThan(deadline);
      if (error)
        expect(
          String(error) +
            JSON.stringify(error) +
            (error as Error).stack +
            JSON.stringify([...((error as APIError).headers ?? [])]),
        ).not.toContain(KEY.slice(3, 15));
    }
    expect(elsewhere.hits).toHaveLength(0);
    const report = reportOf(results);
    mkdirSync(new URL(".", REPORT), { recursive: true });
    writeFileSync(REPORT, `${JSON.stringify(report, null, 2)}\n`);
    console.log(
      `fault injection: ${report.calls} calls, ${report.succeeded} succeeded, ${report.calls - report.succeeded} typed errors (${errorList(report)}), ${report.attempts} attempts`,
    );
    checkReadme(CORE_README, coreBlock(report));
    checkReadme(ROOT_README, rootBlock(report));
  }, 120_000);
});
