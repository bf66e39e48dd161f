// The published packages as users get them: packed with pnpm, linted with publint and attw, installed with
// npm into one scratch project, then imported (ESM), required (CJS), type-checked as a TypeScript user's
// code, and bundled for a browser.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEAD_BASE_URL,
  PROBES,
  bundleForBrowser,
  checkManifest,
  installScratchProject,
  keptInputs,
  lintPacked,
  packAll,
  packPackage,
  packageFiles,
  publishedPackages,
  readTarball,
  runAttw,
  runInBrowserLikeContext,
  runProbe,
  runPublint,
  typecheckConsumer,
  writeProbes,
} from "../src/index.mjs";

type Probe = {
  exports: string[];
  baseUrl?: string;
  method?: string | null;
  sharesCoreErrors: boolean;
  withoutKey?: string;
  request?: string;
  error?: string;
};
type PackedPackage = Awaited<ReturnType<typeof packAll>>[number];

const names = publishedPackages().map((p) => p.name);
/** The modules a user or generated code imports: every package, and core's runtime entry next to its public one. */
const modules = names.flatMap((n) => (n === "@allmhub/core" ? [n, "@allmhub/core/internal"] : [n]));
/** The modules with a client factory (core's public entry has none). */
const clientModules = modules.filter((m) => PROBES[m]!.factory);
const work = mkdtempSync(join(tmpdir(), "allmhub-package-check-"));
const scratch = join(work, "scratch");
let packed: PackedPackage[] = [];
const lint = new Map<string, Awaited<ReturnType<typeof lintPacked>>>();
let esm: Record<string, Probe> = {};
let cjs: Record<string, Probe> = {};

/** Runs `task` on every item, at most `limit` at a time. */
async function eachLimited<T>(items: T[], limit: number, task: (item: T) => Promise<void>) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: limit }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await task(item);
    }),
  );
}

beforeAll(async () => {
  packed = await packAll(join(work, "packs"));
  // One scratch install for every check below; linting (attw loads TypeScript per package) runs meanwhile.
  await Promise.all([
    eachLimited(packed, 2, async (p) => void lint.set(p.name, await lintPacked(p))),
    (async () => {
      await installScratchProject(
        scratch,
        packed.map((p) => p.tarball),
      );
      writeProbes(scratch, names);
      [esm, cjs] = await Promise.all([runProbe(scratch, "probe.mjs"), runProbe(scratch, "probe.cjs")]);
    })(),
  ]);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("packed tarballs", () => {
  it("packs every published package, with pnpm's workspace ranges turned into versions", () => {
    expect(packed.map((p) => p.name)).toEqual(names);
    const core = packed.find((p) => p.name === "@allmhub/core")!;
    for (const p of packed.filter((x) => x !== core))
      expect(p.manifest.dependencies["@allmhub/core"]).toBe(`^${core.version}`);
  });

  it.each(names)("%s: manifest, entry points and files follow the publishing rules", (name) => {
    expect(lint.get(name)?.manifest).toEqual([]);
  });

  it.each(names)("%s: publint (strict, suggestions included) has nothing to say", (name) => {
    expect(lint.get(name)?.publint).toEqual([]);
  });

  it.each(names)("%s: Are the Types Wrong finds no problem for node10, node16 (CJS and ESM) and bundlers", (name) => {
    expect(lint.get(name)?.attw).toEqual([]);
  });

  it("the same checks fail a broken package (ESM types for require, a missing CJS file)", async () => {
    const fixture = fileURLToPath(new URL("./fixtures/broken-package", import.meta.url));
    const tarball = await packPackage(fixture, join(work, "broken"));
    const bytes = readFileSync(tarball);
    const files = packageFiles(readTarball(bytes));
    const publint = await runPublint(bytes);
    expect(publint).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^error: .*index\.cjs but the file does not exist/),
        expect.stringMatching(/^error: .*interpreted as ESM/),
      ]),
    );
    const attw = await runAttw(tarball);
    expect(attw.problems).toContain('CJSResolvesToESM at "." (node16-cjs)');
    expect(attw.exitCode).not.toBe(0);
    expect(checkManifest(JSON.parse(files.get("package.json")!.toString()), files.keys())).toEqual(
      expect.arrayContaining(["sideEffects must be false", "dist/index.cjs is missing from the tarball"]),
    );
  });
});

describe("installed with npm in a scratch project", () => {
  const loaders = clientModules.flatMap((name) => [
    [name, "import (ESM)", "esm"] as const,
    [name, "require (CJS)", "cjs"] as const,
  ]);
  it.each(loaders)(
    "%s: %s gives a working client whose requests fail with the SDK's own errors",
    (name, _how, format) => {
      const r = (format === "esm" ? esm : cjs)[name]!;
      expect(r.error).toBeUndefined();
      expect(r.baseUrl?.startsWith(DEAD_BASE_URL)).toBe(true);
      expect(r.method).toBe(PROBES[name]!.method ? "function" : null);
      expect(r.sharesCoreErrors).toBe(true);
      expect(r.withoutKey).toBe("ConfigurationError");
      expect(r.request).toBe("APIConnectionError");
    },
  );

  it("@allmhub/core's public entry exports no runtime internals, and shares its classes with the runtime entry", () => {
    for (const r of [esm, cjs]) {
      expect(r["@allmhub/core"]?.error).toBeUndefined();
      expect(r["@allmhub/core"]?.exports).toEqual(
        expect.arrayContaining(["APIError", "Stream", "toFile", "createRawClient"]),
      );
      expect(r["@allmhub/core"]?.exports).not.toEqual(expect.arrayContaining(["bindOperations"]));
      expect(r["@allmhub/core"]?.exports.filter((e) => r["@allmhub/core/internal"]?.exports.includes(e))).toEqual([]);
    }
  });

  it.each(modules)("%s: ESM and CJS export the same names as the workspace build", async (name) => {
    const workspace = Object.keys(await import(name)).sort();
    if (PROBES[name]!.factory) expect(workspace).toContain(PROBES[name]!.factory);
    expect(esm[name]!.exports).toEqual(workspace);
    expect(cjs[name]!.exports).toEqual(workspace);
  });

  it("a TypeScript user's code type-checks as ESM and as CJS (nodenext, declarations checked too)", async () => {
    const { ok, output } = await typecheckConsumer(scratch);
    expect(output.trim()).toBe("");
    expect(ok).toBe(true);
  });

  it("bundles for a browser without Node built-ins and runs without Node's globals", async () => {
    const bundle = await bundleForBrowser(scratch, "browser-entry.mjs");
    expect(bundle.builtins).toEqual([]);
    expect(bundle.warnings).toEqual([]);
    for (const name of names)
      expect(
        Object.keys(bundle.inputs).some((f) => f.includes(`node_modules/${name}/dist/`)),
        name,
      ).toBe(true);
    const report = await runInBrowserLikeContext(bundle.code);
    for (const name of modules) {
      expect(report[name]?.error, name).toBeUndefined();
      if (PROBES[name]!.factory) expect(report[name]?.withoutKey, name).toBe("ConfigurationError"); // no process.env to fall back on
      if (PROBES[name]!.factory) expect(report[name]?.method, name).toBe(PROBES[name]!.method ? "function" : null);
      expect(report[name]?.exports, name).toEqual(esm[name]!.exports);
    }
  });

  it.each(names)(
    "%s: sideEffects: false holds (a bare import bundles to nothing, even when the flag is ignored)",
    async (name) => {
      const entry = `import ${JSON.stringify(name)};`;
      const honoured = await bundleForBrowser(scratch, entry, { contents: true, minify: true });
      expect(honoured.code.trim()).toBe("");
      const ignored = await bundleForBrowser(scratch, entry, { contents: true, ignoreAnnotations: true });
      expect(keptInputs(ignored.inputs)).toEqual([]);
    },
  );
});
