// TypeScript loaded through V8's code cache: written once, then used, and a cache that does not fit ignored.
// Each load runs in a process of its own, as builds do (within one process V8 reuses what it compiled).
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { codeCachePath } from "../src/index.mjs";

const work = mkdtempSync(join(tmpdir(), "allmhub-code-cache-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const loader = new URL("../src/load-typescript.mjs", import.meta.url).href;

/** Loads TypeScript with the cache at `cache` in a new process, saves the cache, and says what happened. */
function loadInChild(cache: string): { fromCache: boolean; declared: string } {
  const script = [
    `const { loadTypeScript } = await import(${JSON.stringify(loader)});`,
    `const { ts, fromCache, saveCodeCache } = loadTypeScript(${JSON.stringify(cache)});`,
    `const declared = ts.transpileDeclaration("export const x: number = 1;", {}).outputText;`,
    "saveCodeCache();",
    "console.log(JSON.stringify({ fromCache, declared }));",
  ].join("\n");
  return JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" }));
}

describe("loadTypeScript", () => {
  it("writes the code cache when it has none, and compiles from it next time", () => {
    const cache = join(work, "fresh.bin");
    expect(loadInChild(cache)).toEqual({ fromCache: false, declared: "export declare const x: number;\n" });
    expect(existsSync(cache)).toBe(true);
    expect(loadInChild(cache)).toEqual({ fromCache: true, declared: "export declare const x: number;\n" });
  });

  it("ignores a cache that does not fit and writes it again", () => {
    const cache = join(work, "garbage.bin");
    writeFileSync(cache, "not a code cache");
    expect(loadInChild(cache).fromCache).toBe(false);
    expect(readFileSync(cache).length).toBeGreaterThan(100_000);
    expect(loadInChild(cache).fromCache).toBe(true);
  });

  it("keeps one cache per TypeScript, V8 and architecture", () => {
    const v8 = process.versions.v8.replace(/\./g, "\\.");
    expect(codeCachePath("5.9.3")).toMatch(
      new RegExp(`node_modules/\\.cache/typescript-5\\.9\\.3-v8-${v8}-${process.arch}\\.bin$`),
    );
  });
});
