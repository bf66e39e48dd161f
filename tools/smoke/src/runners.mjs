// @ts-check
// One runner per runtime: each runs the smoke program (src/smoke.mjs) against a gateway and returns its report.
// Node, Bun and Deno run the source as it is, importing @allmhub/chat and @allmhub/media as built in the
// workspace; workerd and Chromium run an esbuild bundle of it.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { CHROMIUM, chromiumVersion, installChromiumCommands, launchOptions } from "@allmhub/reference/chromium";
import { runtimeBinary, workerdCompatibilityDate } from "@allmhub/runtimes";
import { build } from "esbuild";
import { chromium } from "playwright-core";

const run = promisify(execFile);
const source = (/** @type {string} */ file) => fileURLToPath(new URL(file, import.meta.url));

/** @typedef {import("./smoke.mjs").SmokeReport} SmokeReport */
/** @typedef {"node-20" | "node-22" | "bun" | "deno" | "workerd" | "chromium"} Runtime */

/** The runtimes the smoke program runs in. */
export const RUNTIMES = /** @type {Runtime[]} */ (["node-20", "node-22", "bun", "deno", "workerd", "chromium"]);

/**
 * Runs the smoke program in a runtime.
 * @param {Runtime} runtime
 * @param {string} baseUrl the gateway (on 127.0.0.1)
 * @returns {Promise<SmokeReport>}
 */
export function runSmoke(runtime, baseUrl) {
  switch (runtime) {
    case "node-20":
    case "node-22":
      return runCommand(runtimeBinary(runtime), [source("./cli.mjs"), baseUrl, runtime]);
    case "bun":
      return runCommand(runtimeBinary("bun"), [source("./cli.mjs"), baseUrl, runtime]);
    case "deno":
      return withScratch((dir) =>
        runCommand(
          runtimeBinary("deno"),
          ["run", "--no-prompt", `--allow-net=${new URL(baseUrl).host}`, source("./cli.mjs"), baseUrl, runtime],
          { DENO_DIR: dir, DENO_NO_UPDATE_CHECK: "1" },
        ),
      );
    case "workerd":
      return withScratch((dir) => runWorkerd(dir, baseUrl));
    case "chromium":
      return runChromium(baseUrl);
  }
}

/**
 * Runs a command that prints the report as its last line of output.
 * @param {string} command
 * @param {string[]} args
 * @param {Record<string, string>} [env] added to this process's environment
 * @returns {Promise<SmokeReport>}
 */
async function runCommand(command, args, env = {}) {
  try {
    const { stdout } = await run(command, args, { env: { ...process.env, NO_COLOR: "1", ...env }, timeout: 60_000 });
    return JSON.parse(stdout.trim().split("\n").at(-1) ?? "");
  } catch (error) {
    const e = /** @type {{ stdout?: string, stderr?: string, message: string }} */ (error);
    throw new Error(`${command} ${args.join(" ")} failed: ${e.message}\n${e.stdout ?? ""}${e.stderr ?? ""}`);
  }
}

/**
 * Runs `task` with a fresh temporary folder, removed afterwards.
 * @template T
 * @param {(dir: string) => Promise<T>} task
 * @returns {Promise<T>}
 */
async function withScratch(task) {
  const dir = mkdtempSync(join(tmpdir(), "allmhub-smoke-"));
  try {
    return await task(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Bundles an entry of the smoke program into one ES module, with the packages' browser/worker exports.
 * @param {string} entry
 * @param {"browser" | "neutral"} platform
 * @returns {Promise<string>}
 */
async function bundle(entry, platform) {
  const result = await build({
    entryPoints: [source(entry)],
    bundle: true,
    write: false,
    format: "esm",
    platform,
    target: "es2022",
    conditions: platform === "neutral" ? ["workerd", "worker", "browser"] : [],
    mainFields: ["module", "main"],
    logLevel: "silent",
  });
  return result.outputFiles[0]?.text ?? "";
}

/**
 * workerd runs the bundled worker with `workerd test`, which calls its `test()` handler; the worker may reach
 * loopback addresses only.
 * @param {string} dir
 * @param {string} baseUrl
 * @returns {Promise<SmokeReport>}
 */
async function runWorkerd(dir, baseUrl) {
  writeFileSync(join(dir, "worker.mjs"), await bundle("./worker.mjs", "neutral"));
  writeFileSync(
    join(dir, "config.capnp"),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "smoke", worker = .smoke),
    (name = "loopback", network = (allow = ["local"])),
  ],
);
const smoke :Workerd.Worker = (
  modules = [(name = "worker.mjs", esModule = embed "worker.mjs")],
  compatibilityDate = ${JSON.stringify(workerdCompatibilityDate())},
  bindings = [(name = "BASE_URL", text = ${JSON.stringify(baseUrl)}), (name = "LABEL", text = "workerd")],
  globalOutbound = "loopback",
);
`,
  );
  return runCommand(runtimeBinary("workerd"), ["test", join(dir, "config.capnp")]);
}

/**
 * Headless Chromium (Debian's, driven by playwright-core) loads a page on the gateway's origin, served by a
 * route, so the program's requests are same-origin; the page imports the bundle and runs it.
 * @param {string} baseUrl
 * @returns {Promise<SmokeReport>}
 */
async function runChromium(baseUrl) {
  if (!chromiumVersion())
    throw new Error(
      `${CHROMIUM} is missing: the test script installs it (allmhub-ensure-chromium); as root: ${installChromiumCommands()
        .map((c) => c.join(" "))
        .join(" && ")}`,
    );
  const code = await bundle("./smoke.mjs", "browser");
  const { userDataDir, options } = launchOptions();
  const context = await chromium.launchPersistentContext(userDataDir, options);
  try {
    await context.route(`${baseUrl}/__smoke/**`, (route) =>
      route.request().url().endsWith(".mjs")
        ? route.fulfill({ contentType: "text/javascript", body: code })
        : route.fulfill({ contentType: "text/html", body: "<!doctype html><title>smoke</title>" }),
    );
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${baseUrl}/__smoke/`);
    // An expression, not a function: vitest would rewrite the function's `import()` for Node.
    return await page.evaluate(`import("./smoke.mjs").then((m) => m.smoke(${JSON.stringify(baseUrl)}, "chromium"))`);
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}
