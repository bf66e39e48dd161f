// The declaration build: ESM declarations emitted file by file without a type check, and their CommonJS copies.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { commonJsDeclaration, emitDeclarations, tsupBin } from "../src/index.mjs";

const repo = fileURLToPath(new URL("../../..", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "allmhub-package-build-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A package folder with the repository's compiler options and the given sources. */
function fixture(name: string, sources: Record<string, string>): string {
  const dir = join(work, name);
  for (const [file, text] of Object.entries(sources)) {
    mkdirSync(dirname(join(dir, "src", file)), { recursive: true });
    writeFileSync(join(dir, "src", file), text);
  }
  const tsconfig = {
    extends: join(repo, "tsconfig.base.json"),
    compilerOptions: { rootDir: "src", outDir: "dist", types: [] },
    include: ["src"],
  };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfig));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, type: "module" }));
  return dir;
}

describe("commonJsDeclaration", () => {
  it("points relative imports, re-exports and import types at the .cjs modules", () => {
    const esm = [
      'import type { A } from "./a.js";',
      'export * from "../shared/b.js";',
      "export declare const c: import('./c.js').C;",
      'import "./side-effect.js";',
    ].join("\n");
    expect(commonJsDeclaration(esm)).toBe(
      [
        'import type { A } from "./a.cjs";',
        'export * from "../shared/b.cjs";',
        "export declare const c: import('./c.cjs').C;",
        'import "./side-effect.cjs";',
      ].join("\n"),
    );
  });

  it("leaves packages, other extensions, comments and string types alone", () => {
    const esm = [
      'export { Stream } from "@allmhub/core";',
      'import type { GatewayClient } from "@allmhub/core/internal";',
      'export { data } from "./data.json";',
      '/** @example import { toFile } from "./files.js"; */',
      'export type Path = "./files.js";',
    ].join("\n");
    expect(commonJsDeclaration(esm)).toBe(esm);
  });
});

describe("emitDeclarations", () => {
  it("writes a .d.ts and a .d.cts per source module, without a type check", () => {
    const dir = fixture("pkg", {
      "index.ts": 'export { ApiError } from "./errors.js";\nexport { limits } from "./nested/limits.js";\n',
      "errors.ts": "export class ApiError extends Error {\n  readonly status: number = 500;\n}\n",
      // The inferred type refers to another module; the wrong annotation is for `typecheck` to find, not the build.
      "nested/limits.ts":
        'import { ApiError } from "../errors.js";\nexport const limits = { error: new ApiError(), retries: 2 };\nexport const wrong: number = "2";\n',
    });
    const written = emitDeclarations(dir, join(dir, "dist"));
    expect(written.map((f) => relative(dir, f)).sort()).toEqual([
      "dist/errors.d.cts",
      "dist/errors.d.ts",
      "dist/index.d.cts",
      "dist/index.d.ts",
      "dist/nested/limits.d.cts",
      "dist/nested/limits.d.ts",
    ]);
    const read = (file: string) => readFileSync(join(dir, "dist", file), "utf8");
    expect(read("index.d.ts")).toContain('export { limits } from "./nested/limits.js";');
    expect(read("index.d.cts")).toContain('export { limits } from "./nested/limits.cjs";');
    expect(read("nested/limits.d.ts")).toContain('import { ApiError } from "../errors.js";');
    expect(read("nested/limits.d.ts")).toContain("error: ApiError;");
    expect(read("nested/limits.d.ts")).toContain("export declare const wrong: number;");
    expect(read("nested/limits.d.cts")).toBe(commonJsDeclaration(read("nested/limits.d.ts")));
    expect(existsSync(join(dir, "dist", "index.js"))).toBe(false);
  });

  it("fails on a syntax error, naming the file", () => {
    const dir = fixture("broken", { "index.ts": "export const x = ;\n" });
    expect(() => emitDeclarations(dir, join(dir, "dist"))).toThrow(/src\/index\.ts.*TS1109/);
  });
});

describe("tsupBin", () => {
  it("finds the tsup command of a package that depends on it", () => {
    const bin = tsupBin(join(repo, "packages", "core"));
    expect(bin).toMatch(/tsup\/dist\/cli-default\.js$/);
    expect(existsSync(bin)).toBe(true);
  });
});
