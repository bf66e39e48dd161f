// The reference site's code samples: every documented request example as an SDK call, type-checked strictly
// against the built packages (as tools/contract checks the READMEs' blocks), each module on its own.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { startMockGateway } from "@allmhub/mock-gateway";
import ts from "typescript";
import { describe, expect, it, vi } from "vitest";
import { annotateSpec, bundledSpecPath, listOperations, readJson } from "../src/index.mjs";
import { type CodeSample, codeSamples, writeSamples } from "../src/samples.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const spec = readJson(bundledSpecPath());
const samples: CodeSample[] = codeSamples(spec);

/** A sample with a field the body does not have, and an answer used as what it is not. */
const CANARY = `import { createChatClient } from "@allmhub/chat";
const chat = createChatClient();
await chat.createChatCompletion({ model: "m", messages: [], not_a_field: 1 });
const answer: number = await chat.createChatCompletion({ model: "m", messages: [] });
console.log(answer);
`;

/** The request examples of an operation, by the name the contract runner gives them. */
function requestExampleNames(op: { parameters?: unknown[]; requestBody?: unknown }): Set<string> {
  const names = new Set<string>();
  for (const p of (op.parameters ?? []) as Array<{ examples?: object }>)
    for (const n of Object.keys(p.examples ?? {})) names.add(n);
  const content = (op.requestBody as { content?: Record<string, { examples?: object }> } | undefined)?.content ?? {};
  for (const media of Object.values(content)) for (const n of Object.keys(media.examples ?? {})) names.add(n);
  return names;
}

describe("code samples of the bundled spec", () => {
  it("give every operation at least one SDK call, from its own package", () => {
    const operations = listOperations(spec);
    const missing = operations
      .filter((o: { operationId: string }) => !samples.some((s) => s.operationId === o.operationId && !s.skipped))
      .map((o: { operationId: string }) => o.operationId);
    expect(missing).toEqual([]);
    for (const s of samples) {
      // Every path argument has its documented value (not the placeholder of one left undocumented).
      expect(s.source, `${s.operationId} ${s.example}`).not.toMatch(/^const \w+ = "<[^>]*>";$/m);
      const o = operations.find((op: { operationId: string }) => op.operationId === s.operationId)!;
      expect(spec.paths[o.path][o.method]["x-package"], s.operationId).toBe(s.package);
      expect(s.label.startsWith(`@allmhub/${s.package}`)).toBe(true);
      if (!s.skipped) expect(s.source).toContain(`from "@allmhub/${s.package}";`);
    }
  });

  it("cover every documented request example, once each", () => {
    const covered = new Set(samples.map((s) => `${s.operationId} ${s.example?.replace(/ \(form\)$/, "")}`));
    const missing: string[] = [];
    for (const o of listOperations(spec))
      for (const name of requestExampleNames(spec.paths[o.path][o.method]))
        if (!covered.has(`${o.operationId} ${name}`)) missing.push(`${o.operationId} › ${name}`);
    expect(missing).toEqual([]);
    expect(new Set(samples.map((s) => `${s.operationId} ${s.example}`)).size).toBe(samples.length);
  });

  it("skip the examples marked x-untyped, saying why", () => {
    const skipped = samples.filter((s) => s.skipped);
    expect(skipped.length).toBeGreaterThan(0);
    for (const s of skipped) {
      expect(s.source).toContain("(x-untyped)");
      expect(s.source).not.toContain("import ");
    }
  });

  it("are added to each operation as x-codeSamples, after any it had", () => {
    const annotated = annotateSpec(spec);
    for (const o of listOperations(spec)) {
      const list = annotated.paths[o.path][o.method]["x-codeSamples"];
      expect(list, o.operationId).toEqual(
        samples
          .filter((s) => s.operationId === o.operationId)
          .map(({ lang, label, source }) => ({ lang, label, source })),
      );
    }
  });

  it(`type-check against the built packages, strict, each module on its own (${samples.length} samples)`, () => {
    const dir = join(here, "..", ".reports", "samples");
    const files = writeSamples(dir, samples);
    // A module the check must refuse, so that a package resolved to `any` cannot pass unnoticed.
    const canary = join(dir, "canary.ts");
    writeFileSync(canary, CANARY);
    files.push(canary);
    const started = Date.now();
    const program = ts.createProgram(files, {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
      types: ["node"],
      skipLibCheck: true,
      noUnusedLocals: true,
    });
    const diagnostics = ts.getPreEmitDiagnostics(program);
    expect(diagnostics.filter((d) => d.file?.fileName === canary).map((d) => d.code)).toEqual([2353, 2322]);
    const problems = diagnostics
      .filter((d) => d.file && d.file.fileName !== canary && files.includes(d.file.fileName))
      .map(
        (d) =>
          `${d.file!.fileName.slice(dir.length + 1)}:${d.file!.getLineAndCharacterOfPosition(d.start ?? 0).line + 1} ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`,
      );
    console.log(`type-checked ${files.length - 1} samples in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(problems).toEqual([]);
    // Every module imports its package as a user would: by name, not by path.
    for (const file of files.slice(0, -1)) expect(readFileSync(file, "utf8")).not.toMatch(/from "\.{1,2}\//);
  }, 180_000);

  it("run against the mock gateway, each sending one request the spec accepts", async () => {
    const dir = join(here, "..", ".reports", "samples-run");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const mock = await startMockGateway({ spec, apiKeys: ["sk-samples"], accessTokens: ["samples-token"] });
    const env = { ...process.env };
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const problems: string[] = [];
    try {
      Object.assign(process.env, {
        ALLMHUB_BASE_URL: mock.url,
        ALLMHUB_API_KEY: "sk-samples",
        ALLMHUB_ACCESS_TOKEN: "samples-token",
        ALLMHUB_USER_ID: "1",
      });
      for (const [i, sample] of samples.filter((s) => !s.skipped).entries()) {
        const name = `${sample.operationId} ${sample.example ?? ""}`;
        // Each upload reads a file of that name, next to the module.
        const source = sample.source.replace(/createReadStream\(("[^"]+")\)/g, (_, file: string) => {
          const path = join(dir, JSON.parse(file));
          writeFileSync(path, "bytes");
          return `createReadStream(${JSON.stringify(path)})`;
        });
        const file = join(dir, `${i}.mjs`);
        writeFileSync(
          file,
          ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022 } }).outputText,
        );
        const before = mock.requests.length;
        try {
          await import(pathToFileURL(file).href);
        } catch (err) {
          // A documented failure envelope (Midjourney's code 0) is raised as EnvelopeError: the request was sent.
          if ((err as Error).name !== "EnvelopeError") problems.push(`${name}: ${(err as Error).message}`);
        }
        const sent = mock.requests.slice(before);
        if (sent.length !== 1) problems.push(`${name}: ${sent.length} requests`);
        for (const r of sent) if (r.violation) problems.push(`${name}: ${r.violation}`);
      }
    } finally {
      process.env = env;
      log.mockRestore();
      await mock.close();
    }
    expect(problems).toEqual([]);
  }, 180_000);
});
