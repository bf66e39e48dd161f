// Install by name before publishing: the command publishes every package to a local registry through
// changesets and prints an `npm install` line; that line, run in a fresh project (with the project's
// engine-strict setting), installs @allmhub/chat by name, and a program calls the mock gateway with it.
// Ctrl-C stops the registry and deletes its storage; the working tree keeps its versions and changelogs.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { publishedPackages, repoRoot, scratchEnv } from "@allmhub/package-check";
import { startMockGateway } from "@allmhub/mock-gateway";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = repoRoot();
const bin = fileURLToPath(new URL("../bin/local-registry.mjs", import.meta.url));
const spec = createRequire(import.meta.url).resolve("@allmhub/spec/dist/openapi.json");
const names = publishedPackages().map((p) => p.name);
const work = mkdtempSync(join(tmpdir(), "allmhub-local-registry-test-"));
const project = join(work, "project");

/** The files `changeset version` rewrites, as they are in the working tree. */
function releaseFiles(): Record<string, string> {
  const files = [
    ...readdirSync(join(root, ".changeset")).map((f) => join(".changeset", f)),
    ...publishedPackages().flatMap((p) => ["package.json", "CHANGELOG.md"].map((f) => relative(root, join(p.dir, f)))),
  ];
  return Object.fromEntries(
    files.map((f) => [f, existsSync(join(root, f)) ? readFileSync(join(root, f), "utf8") : "(none)"]),
  );
}

const before = releaseFiles();
let registry: ChildProcess;
let output = "";
let install: string[] = [];

/** Resolves with the output so far once it matches `pattern`; rejects when the command ends first. */
function waitFor(pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(output);
      if (match) {
        registry.stdout?.off("data", check);
        resolve(match);
      }
    };
    registry.stdout?.on("data", check);
    registry.once("exit", (code) =>
      reject(new Error(`the command ended (${code}) before printing ${pattern}:\n${output}`)),
    );
    check();
  });
}

beforeAll(async () => {
  registry = spawn(process.execPath, [bin, "--port", "0"], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  registry.stdout?.on("data", (chunk) => (output += chunk));
  registry.stderr?.on("data", (chunk) => (output += chunk));
  const [line] = await waitFor(/npm install --registry \S+ @allmhub\/chat/);
  install = line.split(" ").slice(1);
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "first-hour", private: true, type: "module" }));
  // The printed line, with the project's engine-strict setting and an npm cache of its own; tried once more
  // when it fails, as the dependencies from npm's registry pass through a connection that can drop.
  const args = [...install, "--engine-strict", "--cache", join(work, "npm-cache"), "--no-audit", "--no-fund"];
  const options = { cwd: project, env: scratchEnv() };
  await run("npm", args, options)
    .catch(() => run("npm", args, options))
    .catch((error) => {
      throw new Error(`${error.message}\nthe command's output:\n${output}`);
    });
});

afterAll(() => {
  registry?.kill("SIGINT");
  rmSync(work, { recursive: true, force: true });
});

const installed = (name: string) =>
  JSON.parse(readFileSync(join(project, "node_modules", name, "package.json"), "utf8"));

describe("npx pnpm@10.34.9 local-registry", () => {
  it("publishes every package as a snapshot through changesets and lists it", () => {
    for (const name of names) expect(output).toMatch(new RegExp(`^  ${name}@0\\.0\\.0-local-\\d{14}$`, "m"));
  });

  it("the printed line installs @allmhub/chat by name, with @allmhub/core at the published version", () => {
    const core = /@allmhub\/core@(\S+)/.exec(output)?.[1];
    expect(installed("@allmhub/chat").version).toBe(/@allmhub\/chat@(\S+)/.exec(output)?.[1]);
    expect(installed("@allmhub/chat").dependencies["@allmhub/core"]).toBe(`^${core}`);
    expect(installed("@allmhub/core").version).toBe(core);
  });

  it("the installed package calls a gateway", async () => {
    const gateway = await startMockGateway({ spec, apiKeys: ["sk-first-hour"] });
    try {
      writeFileSync(
        join(project, "call.mjs"),
        `import { createChatClient } from "@allmhub/chat";
const chat = createChatClient(); // ALLMHUB_API_KEY, ALLMHUB_BASE_URL
const completion = await chat.createChatCompletion({ model: "gpt-4.1-mini", messages: [{ role: "user", content: "Hello!" }] });
console.log(completion.choices[0]?.message.content);
`,
      );
      const { stdout } = await run(process.execPath, ["call.mjs"], {
        cwd: project,
        env: { ...scratchEnv(), ALLMHUB_API_KEY: "sk-first-hour", ALLMHUB_BASE_URL: gateway.url },
      });
      expect(stdout.trim()).not.toBe("");
      expect(gateway.requests.map((r) => [r.operationId, r.status, r.violation])).toEqual([
        ["createChatCompletion", 200, null],
      ]);
    } finally {
      await gateway.close();
    }
  });

  it("leaves the versions, changelogs and changesets of the working tree as they were", () => {
    expect(releaseFiles()).toEqual(before);
  });

  it("Ctrl-C stops the registry and deletes its storage", async () => {
    const storage = /\(storage: (.+)\)/.exec(output)?.[1];
    expect(storage && existsSync(storage)).toBe(true);
    const exited = new Promise((resolve) => registry.once("exit", resolve));
    registry.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(existsSync(storage!)).toBe(false);
  });
});
