// Every TypeScript example of the READMEs runs against the mock gateway, as a user would run it: compiled on
// its own, with ALLMHUB_BASE_URL pointing at the mock and the files it reads in its working folder.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startMockGateway } from "@allmhub/mock-gateway";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..", "..");
const readmes = [
  join(root, "README.md"),
  ...readdirSync(join(root, "packages")).map((p) => join(root, "packages", p, "README.md")),
].filter((f) => existsSync(f));

interface Example {
  id: string;
  code: string;
}
const examples: Example[] = readmes.flatMap((readme) =>
  [...readFileSync(readme, "utf8").matchAll(/```ts\n([\s\S]*?)```/g)].map((m, i) => ({
    id: `${readme.slice(root.length + 1).replace(/\\/g, "/")} #${i + 1}`,
    code: m[1] ?? "",
  })),
);

/** Files an example reads by name (`readFile("photo.png")`, `createReadStream("speech.mp3")`). */
const filesRead = (code: string) =>
  [...code.matchAll(/(?:readFile|readFileSync|createReadStream|openAsBlob)\(\s*"([^"]+)"/g)].map((m) => m[1] ?? "");

const outDir = join(here, "..", ".readme-run");
let gateway: Awaited<ReturnType<typeof startMockGateway>>;
let workDir: string;

beforeAll(async () => {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  workDir = mkdtempSync(join(tmpdir(), "allmhub-readme-"));
  // Each task is read three times before it is done, as the READMEs' waits expect of a gateway.
  gateway = await startMockGateway({ spec: join(root, "spec", "dist", "openapi.json"), taskPolls: 2 });
});
afterAll(async () => {
  await gateway?.close();
  rmSync(workDir, { recursive: true, force: true });
});

/** Runs one compiled example with node; resolves with its exit code and output. */
function run(file: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file], {
      cwd: workDir,
      env: {
        ...process.env,
        ALLMHUB_BASE_URL: gateway.url,
        ALLMHUB_API_KEY: "sk-readme",
        ALLMHUB_ACCESS_TOKEN: "access-token-readme",
        ALLMHUB_USER_ID: "1",
      },
    });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.on("exit", (code) => resolve({ code, output }));
  });
}

describe("README examples run against the mock gateway", () => {
  it("finds the examples", () => {
    expect(examples.length).toBeGreaterThan(40);
  });

  for (const example of examples) {
    it.concurrent(example.id, async () => {
      const js = ts.transpileModule(example.code, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      }).outputText;
      const file = join(outDir, `${example.id.replace(/[^\w]+/g, "_")}.mjs`);
      writeFileSync(file, js);
      for (const name of filesRead(example.code)) writeFileSync(join(workDir, name), `bytes of ${name}`);
      const { code, output } = await run(file);
      expect(code, output).toBe(0);
    }, 60_000);
  }
});
