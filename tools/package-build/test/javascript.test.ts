// The JavaScript build: ES modules and CommonJS by esbuild, with shared chunks in both when a package has
// several entry points, and the package.json fields it reads.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { buildJavaScript, buildPackage, readManifest } from "../src/index.mjs";
import { exportsOf, fixture } from "./fixture.js";

/** A dependency the fixtures import and must not bundle, with a CommonJS and an ESM face. */
const DEPENDENCY = {
  "node_modules/dep/package.json": JSON.stringify({
    name: "dep",
    exports: { ".": { import: "./dep.mjs", require: "./dep.cjs" }, "./sub": "./sub.cjs" },
  }),
  "node_modules/dep/dep.cjs": 'exports.tag = "dep-cjs";\n',
  "node_modules/dep/dep.mjs": 'export const tag = "dep-esm";\n',
  "node_modules/dep/sub.cjs": 'exports.sub = "sub";\n',
};

/** Two entry points that share an error class and a helper: `index` (public) and `internal` (the runtime's). */
const SHARED = {
  "errors.ts": 'export class ApiError extends Error {\n  override readonly name: string = "ApiError";\n}\n',
  "throw.ts":
    'import { ApiError } from "./errors.js";\nexport function fail(): never {\n  throw new ApiError("no");\n}\n',
  "index.ts":
    'export { ApiError } from "./errors.js";\nexport { tag } from "dep";\nexport const version: string = "1";\n',
  "internal.ts": 'export { fail } from "./throw.js";\nexport { sub } from "dep/sub";\n',
};

const list = (dir: string) => readdirSync(dir).sort();

describe("readManifest", () => {
  it("takes the entry points from exports and the externals from the dependencies", () => {
    const dir = fixture("manifest", {
      sources: { "index.ts": "", "internal.ts": "" },
      manifest: {
        exports: { ...exportsOf("index", "internal"), "./package.json": "./package.json" },
        dependencies: { dep: "1.0.0" },
        peerDependencies: { peer: "2" },
        devDependencies: { tool: "3" },
      },
    });
    expect(readManifest(dir)).toEqual({ entries: ["index", "internal"], external: ["dep", "peer"] });
  });

  it("refuses an export it cannot build, and an entry without its source", () => {
    const odd = fixture("odd-exports", {
      sources: { "index.ts": "" },
      manifest: { exports: { ".": { import: "./dist/index.mjs", require: "./dist/index.cjs" } } },
    });
    expect(() => readManifest(odd)).toThrow(/exports\["\."\]: the build needs import\.default "\.\/dist\/NAME\.js"/);
    const missing = fixture("missing-entry", {
      sources: { "index.ts": "" },
      manifest: { exports: exportsOf("index", "extra") },
    });
    expect(() => readManifest(missing)).toThrow(/no src\/extra\.ts/);
  });
});

describe("buildJavaScript", () => {
  it("shares the modules of several entry points through chunks, in ES modules and in CommonJS", async () => {
    const dir = fixture("shared", {
      sources: SHARED,
      manifest: { exports: exportsOf("index", "internal"), dependencies: { dep: "1.0.0" } },
      files: DEPENDENCY,
    });
    const outDir = join(dir, "dist");
    await buildJavaScript(dir, outDir, readManifest(dir));
    const files = list(outDir);
    const chunks = files.filter((f) => f.startsWith("chunk-"));
    expect(chunks).toHaveLength(4);
    expect(chunks.filter((f) => /^chunk-[A-Z0-9]{8}\.js$/.test(f))).toHaveLength(1);
    expect(chunks.filter((f) => /^chunk-[A-Z0-9]{8}\.cjs$/.test(f))).toHaveLength(1);
    expect(files.filter((f) => !f.startsWith("chunk-"))).toEqual([
      "index.cjs",
      "index.cjs.map",
      "index.js",
      "index.js.map",
      "internal.cjs",
      "internal.cjs.map",
      "internal.js",
      "internal.js.map",
    ]);

    // The error the runtime entry throws is the class the public entry exports, in both formats.
    const require = createRequire(join(dir, "package.json"));
    const cjs = { index: require("./dist/index.cjs"), internal: require("./dist/internal.cjs") };
    expect(() => cjs.internal.fail()).toThrow(cjs.index.ApiError);
    expect(cjs.index.ApiError.name).toBe("ApiError");
    const esm = {
      index: await import(pathToFileURL(join(outDir, "index.js")).href),
      internal: await import(pathToFileURL(join(outDir, "internal.js")).href),
    };
    expect(() => esm.internal.fail()).toThrow(esm.index.ApiError);

    // Dependencies stay imports, subpaths too, each format loading its own face of them.
    expect([cjs.index.tag, cjs.internal.sub, esm.index.tag, esm.internal.sub]).toEqual([
      "dep-cjs",
      "sub",
      "dep-esm",
      "sub",
    ]);
    const cjsChunk = chunks.find((f) => f.endsWith(".cjs")) ?? "";
    expect(readFileSync(join(outDir, "index.cjs"), "utf8")).toContain(`require("./${cjsChunk}")`);
    expect(readFileSync(join(outDir, "internal.cjs"), "utf8")).toContain('require("dep/sub")');

    // Source maps beside each file lead to the sources, from dist/.
    for (const file of ["index.js", "index.cjs", cjsChunk]) {
      const text = readFileSync(join(outDir, file), "utf8");
      expect(text.endsWith(`//# sourceMappingURL=${file}.map`)).toBe(true);
      const map = JSON.parse(readFileSync(join(outDir, `${file}.map`), "utf8"));
      expect(map.sources.length).toBeGreaterThan(0);
      for (const source of map.sources) expect(source).toMatch(/^\.\.\/src\/[\w-]+\.ts$/);
    }
  });

  it("builds one entry point into one file per format, without chunks", async () => {
    const dir = fixture("single", {
      sources: {
        "index.ts": 'import { shout } from "./shout.js";\nexport const hi: string = shout("hi");\n',
        "shout.ts": "export const shout = (s: string): string => s.toUpperCase();\n",
      },
    });
    await buildJavaScript(dir, join(dir, "dist"), readManifest(dir));
    expect(list(join(dir, "dist"))).toEqual(["index.cjs", "index.cjs.map", "index.js", "index.js.map"]);
    expect(createRequire(join(dir, "package.json"))("./dist/index.cjs").hi).toBe("HI");
    expect(readFileSync(join(dir, "dist", "index.js"), "utf8")).toContain("// src/shout.ts");
  });
});

describe("buildJavaScript's warnings", () => {
  it("prints each of esbuild's warnings once, though both formats see it", async () => {
    const dir = fixture("warned", {
      sources: { "index.ts": 'export const odd: boolean = typeof globalThis === "bogus";\n' },
    });
    const printed: string[] = [];
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((text) => {
      printed.push(String(text));
      return true;
    });
    try {
      await buildJavaScript(dir, join(dir, "dist"), readManifest(dir));
    } finally {
      spy.mockRestore();
    }
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatch(/The "typeof" operator will never evaluate to "bogus"[\s\S]*src\/index\.ts:1:/);
  });
});

describe("buildPackage", () => {
  it("empties dist/, then writes the JavaScript and the declarations", async () => {
    const dir = fixture("whole", {
      sources: { "index.ts": "export const one: number = 1;\n" },
      files: { "dist/stale.js": "old" },
    });
    const { javascript, declarations } = await buildPackage(dir);
    expect(javascript).toHaveLength(4);
    expect(declarations).toHaveLength(2);
    expect(list(join(dir, "dist"))).toEqual([
      "index.cjs",
      "index.cjs.map",
      "index.d.cts",
      "index.d.ts",
      "index.js",
      "index.js.map",
    ]);
  });

  it("reports the failures of both halves, naming the files", async () => {
    const dir = fixture("both-broken", {
      sources: {
        "index.ts": 'export { total } from "./sum.js";\nexport const x = ;\n',
        "sum.ts": "export const total = (a: number) => a;\n",
      },
    });
    const failure = buildPackage(dir);
    await expect(failure).rejects.toThrow(
      /^JavaScript: Build failed with 1 error:\nsrc\/index\.ts:2:17: ERROR: Unexpected ";"/m,
    );
    await expect(failure).rejects.toThrow(/^declarations: .*src\/index\.ts\(2,18\): error TS1109/m);
    await expect(failure).rejects.toThrow(/src\/sum\.ts\(1,22\): error TS9007/);
    expect(existsSync(join(dir, "dist", "index.js"))).toBe(false);
  });
});
