import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..", "..");
const readmes = [
  join(root, "README.md"),
  ...readdirSync(join(root, "packages")).map((p) => join(root, "packages", p, "README.md")),
].filter((f) => existsSync(f));

/** Every ```ts block of a Markdown file. */
function tsBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");
}

describe("README examples", () => {
  it("type-check against the built packages, each block on its own", () => {
    const dir = join(here, "..", ".readme-check");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const files: string[] = [];
    for (const readme of readmes) {
      const name = readme
        .slice(root.length + 1)
        .replace(/[/\\]/g, "_")
        .replace(/\.md$/, "");
      tsBlocks(readFileSync(readme, "utf8")).forEach((code, i) => {
        const file = join(dir, `${name}_${i + 1}.ts`);
        // Each block is a module of its own (top-level await allowed).
        writeFileSync(file, `${code}\nexport {};\n`);
        files.push(file);
      });
    }
    expect(files.length).toBeGreaterThan(15);
    const program = ts.createProgram(files, {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
      types: ["node"],
      skipLibCheck: true,
    });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file && files.includes(d.file.fileName))
      .map(
        (d) =>
          `${d.file!.fileName.slice(dir.length + 1)}:${d.file!.getLineAndCharacterOfPosition(d.start ?? 0).line + 1} ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`,
      );
    expect(problems).toEqual([]);
  }, 120_000);
});
