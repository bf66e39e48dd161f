import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const bin = fileURLToPath(new URL("../bin/mock-gateway.mjs", import.meta.url));
const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) child.kill("SIGTERM");
});

/** Starts the command and resolves with its URL and everything it printed so far (a live view). */
async function start(args: string[]) {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  running.push(child);
  const out = { text: "" };
  child.stdout.on("data", (chunk) => {
    out.text += chunk;
  });
  child.stderr.on("data", (chunk) => {
    out.text += chunk;
  });
  while (!/Ctrl-C stops it/.test(out.text)) {
    if (child.exitCode !== null) throw new Error(`the mock exited: ${out.text}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const url = /mock gateway on (http:\/\/\S+?),/.exec(out.text)?.[1] as string;
  return { child, url, out };
}

/** Waits until the output holds `pattern`. */
async function printed(out: { text: string }, pattern: RegExp) {
  for (let i = 0; i < 250 && !pattern.test(out.text); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  return out.text;
}

describe("npm run mock", () => {
  it("serves on the port it prints, requires the key it was given and logs each request", async () => {
    const { child, url, out } = await start(["--port", "0", "--key", "sk-cli", "--task-polls", "1"]);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(out.text).toContain("accepting only the key(s) given with --key; tasks finish on read 2");
    expect(out.text).toContain(`ALLMHUB_BASE_URL=${url} ALLMHUB_API_KEY=sk-cli`);
    const denied = await fetch(`${url}/v1/models`, { headers: { authorization: "Bearer sk-other" } });
    expect(denied.status).toBe(401);
    const first = await fetch(`${url}/relax/mj/task/9/fetch`, { headers: { authorization: "Bearer sk-cli" } });
    expect(((await first.json()) as { status: string }).status).toBe("SUBMITTED");
    const second = await fetch(`${url}/relax/mj/task/9/fetch`, { headers: { authorization: "Bearer sk-cli" } });
    expect(((await second.json()) as { status: string }).status).toBe("SUCCESS");
    const text = await printed(out, /task SUCCESS/);
    expect(text).toContain("GET /v1/models -> listModels 401 credentials missing or not accepted");
    expect(text).toContain("GET /relax/mj/task/9/fetch -> getMidjourneyTask 200 valid (task SUBMITTED");
    child.kill("SIGTERM");
    const [code] = await once(child, "exit");
    expect(code).toBe(0);
  });

  it("prints no request lines with --quiet", async () => {
    const { url, out } = await start(["--port", "0", "--quiet"]);
    expect(out.text).toContain("accepting any non-empty API key; tasks finish on read 3");
    const res = await fetch(`${url}/v1/models`, { headers: { authorization: "Bearer anything" } });
    expect(res.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(out.text).not.toContain("listModels");
  });

  it("says what is wrong with its arguments and exits 2", () => {
    const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
    const badPort = run(["--port", "http"]);
    expect(badPort.status).toBe(2);
    expect(badPort.stderr).toContain("--port must be a port number (got http)");
    expect(run(["--task-polls=-1"]).stderr).toContain("--task-polls must be an integer from 0 to 1000");
    expect(run(["--colour"]).stderr).toMatch(/Unknown option '--colour'/);
    const missing = run(["/nonexistent/openapi.json"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("/nonexistent/openapi.json does not exist: run npm start");
    const help = run(["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("--task-polls <n>");
  });
});
