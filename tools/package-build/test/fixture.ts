// Package folders for the build's tests: the repository's compiler options, the given sources, a package.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll } from "vitest";

/** The repository's root folder. */
export const repo: string = fileURLToPath(new URL("../../..", import.meta.url));

const work = mkdtempSync(join(tmpdir(), "allmhub-package-build-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** What a fixture package is made of; each file is relative to the package folder. */
export interface FixtureOptions {
  /** Sources under src/, by path. */
  sources: Record<string, string>;
  /** package.json fields besides name and type (default: the one entry `.`). */
  manifest?: Record<string, unknown>;
  /** compilerOptions besides the repository's (default: as the packages' tsconfig.json has them). */
  compilerOptions?: Record<string, unknown>;
  /** Other files, by path. */
  files?: Record<string, string>;
}

/** The exports of a package with the given entry points, as the packages write them. */
export function exportsOf(...entries: string[]): Record<string, unknown> {
  const subpath = (entry: string) => (entry === "index" ? "." : `./${entry}`);
  return Object.fromEntries(
    entries.map((entry) => [
      subpath(entry),
      {
        import: { types: `./dist/${entry}.d.ts`, default: `./dist/${entry}.js` },
        require: { types: `./dist/${entry}.d.cts`, default: `./dist/${entry}.cjs` },
      },
    ]),
  );
}

/** Writes a package folder named `name` (inside a temporary folder) and returns its path. */
export function fixture(name: string, options: FixtureOptions): string {
  const dir = join(work, name);
  const tsconfig = {
    extends: join(repo, "tsconfig.base.json"),
    compilerOptions: {
      rootDir: "src",
      outDir: "dist",
      types: [],
      isolatedDeclarations: true,
      ...options.compilerOptions,
    },
    include: ["src"],
  };
  const manifest = { name, type: "module", exports: exportsOf("index"), ...options.manifest };
  const files = {
    ...Object.fromEntries(Object.entries(options.sources).map(([file, text]) => [join("src", file), text])),
    "tsconfig.json": JSON.stringify(tsconfig),
    "package.json": JSON.stringify(manifest),
    ...options.files,
  };
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}
