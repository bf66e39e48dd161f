// The declaration build: each source module's declarations written from its text alone (TypeScript's
// transpileDeclaration), as a program's emit writes them, and their CommonJS copies.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { commonJsDeclaration, emitDeclarations, readBuildConfig } from "../src/index.mjs";
import { fixture } from "./fixture.js";

const ts: typeof import("typescript") = createRequire(import.meta.url)("typescript");

/** The declaration files a TypeScript program (with its type check) emits for the package in `dir`, by path in dist/. */
function programEmit(dir: string): Record<string, string> {
  const config = readBuildConfig(dir, join(dir, "dist"));
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
  const errors = ts.getPreEmitDiagnostics(program);
  if (errors.length) throw new Error(ts.formatDiagnostics(errors, ts.createCompilerHost({})));
  const files: Record<string, string> = {};
  program.emit(undefined, (file, text) => {
    files[relative(join(dir, "dist"), file)] = text;
  });
  return files;
}

/** Sources with the constructs the packages use: classes (private fields, a well-known symbol method,
 * accessors, static members), overloads, defaults, `as const` tables, enums, unique symbols, generics,
 * type-only imports, re-exports and doc comments. */
const SOURCES = {
  "index.ts": [
    'export { ApiError, type ErrorBody } from "./errors.js";',
    'export * from "./stream.js";',
    'export { limits as LIMITS, describe } from "./nested/limits.js";',
    'export type { Kind } from "./nested/limits.js";',
    "",
  ].join("\n"),
  "errors.ts": [
    "/** The body of an error answer. */",
    "export interface ErrorBody { message: string; code?: string | null }",
    "",
    "/** An error answer. */",
    "export class ApiError extends Error {",
    '  override readonly name: string = "ApiError";',
    "  readonly #body: ErrorBody;",
    "  static readonly statuses: readonly number[] = [400, 500];",
    "  constructor(readonly status: number, body: ErrorBody) {",
    "    super(body.message);",
    "    this.#body = body;",
    "  }",
    "  /** The code, if any. */",
    "  get code(): string | null {",
    "    return this.#body.code ?? null;",
    "  }",
    "}",
    "",
  ].join("\n"),
  "stream.ts": [
    'import type { ErrorBody } from "./errors.js";',
    "",
    'const INTERNAL: unique symbol = Symbol.for("fixture/internal");',
    "",
    "/** Carries its errors under a symbol of this module. */",
    "export interface Tagged { readonly [INTERNAL]: ErrorBody[] }",
    "",
    "/** Events, once. */",
    "export class Events<T> implements AsyncIterable<T> {",
    "  #done = false;",
    "  constructor(private readonly items: T[]) {}",
    "  async *[Symbol.asyncIterator](): AsyncIterator<T> {",
    "    if (this.#done) return;",
    "    this.#done = true;",
    "    yield* this.items;",
    "  }",
    "  *[Symbol.iterator](): Iterator<T> {",
    "    yield* this.items;",
    "  }",
    "}",
    "",
    "export function first<T>(items: T[]): T | undefined;",
    "export function first<T>(items: T[], fallback: T): T;",
    "export function first<T>(items: T[], fallback?: T): T | undefined {",
    "  return items[0] ?? fallback;",
    "}",
    "",
    "export function pause(ms: number = 10, signal?: AbortSignal): Promise<void> {",
    "  return new Promise((resolve) => setTimeout(resolve, signal?.aborted ? 0 : ms));",
    "}",
    "",
  ].join("\n"),
  "nested/limits.ts": [
    'import { ApiError } from "../errors.js";',
    "",
    "export enum Kind { Soft = 1, Hard = 2 }",
    "",
    "/** The limits. */",
    'export const limits = { retries: 2, methods: ["get", "post"], nested: { deep: "yes" } } as const;',
    "export const TEMPLATE: RegExp = /\\{([^}]+)\\}/g;",
    'export const fallback: ApiError = new ApiError(500, { message: "x" });',
    "",
    "export function describe(kind: Kind): string {",
    "  return Kind[kind] ?? String(kind);",
    "}",
    "",
  ].join("\n"),
};

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

  it("returns a file without any relative .js specifier as it is", () => {
    const esm = 'export interface paths {\n    "/v1/models": { get: operations["listModels"] };\n}\n';
    expect(commonJsDeclaration(esm)).toBe(esm);
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
  it("writes, per source module, the .d.ts a program emits and its .d.cts copy", () => {
    const dir = fixture("same", { sources: SOURCES });
    const expected = programEmit(dir);
    const written = emitDeclarations(dir, join(dir, "dist"));
    const paths = Object.keys(expected).sort();
    expect(paths).toEqual(["errors.d.ts", "index.d.ts", "nested/limits.d.ts", "stream.d.ts"]);
    expect(written.map((f) => relative(join(dir, "dist"), f)).sort()).toEqual(
      paths.flatMap((p) => [p.replace(/\.d\.ts$/, ".d.cts"), p]).sort(),
    );
    const read = (file: string) => readFileSync(join(dir, "dist", file), "utf8");
    for (const path of paths) {
      expect(read(path), path).toBe(expected[path]);
      expect(read(path.replace(/\.d\.ts$/, ".d.cts")), path).toBe(commonJsDeclaration(expected[path] ?? ""));
    }
    // A class's well-known symbol method is declared once (transpileDeclaration alone adds a property beside it).
    expect(read("stream.d.ts").match(/\[Symbol\.asyncIterator\]/g)).toHaveLength(1);
    expect(read("index.d.cts")).toContain('export * from "./stream.cjs";');
    expect(existsSync(join(dir, "dist", "index.js"))).toBe(false);
  });

  it("does not type-check: a wrong annotation is for `typecheck` to find", () => {
    const dir = fixture("unchecked", { sources: { "index.ts": 'export const wrong: number = "2";\n' } });
    emitDeclarations(dir, join(dir, "dist"));
    expect(readFileSync(join(dir, "dist", "index.d.ts"), "utf8")).toBe("export declare const wrong: number;\n");
  });

  it("fails on an export whose type is not written out, naming the file and writing nothing", () => {
    const dir = fixture("inferred", {
      sources: {
        "index.ts": 'export { total } from "./sum.js";\n',
        "sum.ts": "export function total(a: number, b: number) {\n  return a + b;\n}\n",
      },
    });
    expect(() => emitDeclarations(dir, join(dir, "dist"))).toThrow(
      /src\/sum\.ts\(1,17\): error TS9007: Function must have an explicit return type annotation with --isolatedDeclarations/,
    );
    expect(existsSync(join(dir, "dist"))).toBe(false);
  });

  it("fails on a syntax error, naming the file", () => {
    const dir = fixture("broken", { sources: { "index.ts": "export const x = ;\n" } });
    expect(() => emitDeclarations(dir, join(dir, "dist"))).toThrow(/src\/index\.ts\(1,18\): error TS1109/);
  });

  it("needs isolatedDeclarations in the package's tsconfig.json", () => {
    const dir = fixture("not-isolated", {
      sources: { "index.ts": "export const x: number = 1;\n" },
      compilerOptions: { isolatedDeclarations: false },
    });
    expect(() => emitDeclarations(dir, join(dir, "dist"))).toThrow(
      /tsconfig\.json: the build needs "isolatedDeclarations": true/,
    );
  });
});
