// The README's release section, end to end, in a temporary git repository that has this repository's
// workspace (every package.json), its .changeset folder and root scripts, and its bundled and released specs:
// a breaking spec change is refused without a major changeset, accepted with one, and
// `pnpm version-packages` bumps the versions, writes the changelogs and refreshes spec/released.
import { execFileSync, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findRoot, operationsById } from "../src/index.mjs";

const root = findRoot(dirname(fileURLToPath(import.meta.url)));
const PUBLISHED = ["core", "chat", "media", "tasks", "admin"];
let dir: string;

const git = (...args: string[]) =>
  execFileSync(
    "git",
    [
      "-c",
      "user.name=release test",
      "-c",
      "user.email=release-test@allmhub-sdk.invalid",
      "-c",
      "commit.gpgsign=false",
      ...args,
    ],
    { cwd: dir, encoding: "utf8" },
  );
const readJson = (file: string) => JSON.parse(readFileSync(join(dir, file), "utf8"));
const releaseCheck = () =>
  spawnSync(process.execPath, ["tools/release-check/bin/release-check.mjs"], { cwd: dir, encoding: "utf8" });
/** The workspace packages' folders (relative), from pnpm-workspace.yaml's globs `spec`, `packages/*`, `tools/*`. */
const workspaceFolders = () => [
  "spec",
  ...["packages", "tools"].flatMap((d) =>
    readdirSync(join(root, d))
      .map((p) => `${d}/${p}`)
      .filter((p) => existsSync(join(root, p, "package.json"))),
  ),
];
/** An operation of the media package, removed from the bundled spec to make a breaking change. */
let removed: { operationId: string; method: string; path: string };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "allmhub-release-flow-"));
  for (const f of [
    "package.json",
    "pnpm-workspace.yaml",
    ".npmrc",
    ".changeset/config.json",
    ".changeset/README.md",
    "spec/released/openapi.json",
  ]) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    cpSync(join(root, f), join(dir, f));
  }
  for (const folder of workspaceFolders()) {
    mkdirSync(join(dir, folder), { recursive: true });
    cpSync(join(root, folder, "package.json"), join(dir, folder, "package.json"));
  }
  cpSync(join(root, "tools/release-check/src"), join(dir, "tools/release-check/src"), { recursive: true });
  cpSync(join(root, "tools/release-check/bin"), join(dir, "tools/release-check/bin"), { recursive: true });
  symlinkSync(join(root, "tools/release-check/node_modules"), join(dir, "tools/release-check/node_modules"), "dir");
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
  writeFileSync(join(dir, ".gitignore"), "node_modules\n");

  // The bundled spec: the released one less one media operation.
  const spec = JSON.parse(readFileSync(join(root, "spec/released/openapi.json"), "utf8"));
  const [operationId, where] = [...operationsById(spec)].find(([, o]) => o.op["x-package"] === "media")!;
  removed = { operationId, method: where.method, path: where.path };
  delete spec.paths[where.path][where.method];
  mkdirSync(join(dir, "spec/dist"), { recursive: true });
  writeFileSync(join(dir, "spec/dist/openapi.json"), `${JSON.stringify(spec, null, 2)}\n`);

  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-q", "-m", "baseline");
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("release flow (README: Releases)", () => {
  it("the copied workspace starts at the versions of this repository", () => {
    for (const p of PUBLISHED)
      expect(readJson(`packages/${p}/package.json`).version).toBe(
        JSON.parse(readFileSync(join(root, `packages/${p}/package.json`), "utf8")).version,
      );
  });

  it("refuses the breaking spec change without a breaking (minor, below 1.0.0) changeset for @allmhub/media", () => {
    writeFileSync(
      join(dir, ".changeset/small-fix.md"),
      `---\n"@allmhub/media": patch\n"@allmhub/core": patch\n---\n\nRetry on 503 answers too.\n`,
    );
    const res = releaseCheck();
    expect(res.status).toBe(1);
    expect(res.stderr).toContain(
      `@allmhub/media ${removed.operationId} removed-operation: ${removed.method.toUpperCase()} ${removed.path}`,
    );
    expect(res.stderr).toContain(
      "@allmhub/media: NO pending changeset declares a breaking bump (major or minor from 0.1.0)",
    );
  });

  it("accepts it with a minor changeset, the breaking bump of a package below 1.0.0", () => {
    rmSync(join(dir, ".changeset/small-fix.md"));
    writeFileSync(
      join(dir, ".changeset/drop-operation.md"),
      `---\n"@allmhub/media": minor\n"@allmhub/core": minor\n---\n\nRemove ${removed.operationId}: the gateway no longer serves it.\n`,
    );
    const res = releaseCheck();
    expect(res.stderr).toBe("");
    expect(res.status).toBe(0);
    expect(res.stdout).toContain("release check: ok,");
    expect(res.stdout).toContain("(@allmhub/media;");
    git("add", "-A");
    git("commit", "-q", "-m", "Drop an operation");
  });

  it("`pnpm version-packages` bumps versions, writes CHANGELOG.md and makes the bundled spec the released one", () => {
    const res = spawnSync("npx", ["--yes", "pnpm@10.34.9", "run", "version-packages"], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, CI: "true" },
    });
    expect(res.status, `${res.stdout}\n${res.stderr}`).toBe(0);
    expect(res.stdout).toContain("spec/released/openapi.json is now the released spec");

    const versions = Object.fromEntries(PUBLISHED.map((p) => [p, readJson(`packages/${p}/package.json`).version]));
    // media and core: minor (core 0.2.0 leaves the ^0.1 range of its dependents, so each of the others gets a patch).
    expect(versions).toEqual({ core: "0.2.0", chat: "0.1.1", media: "0.2.0", tasks: "0.1.1", admin: "0.1.1" });
    expect(readJson("packages/chat/package.json").dependencies["@allmhub/core"]).toBe("workspace:^");

    const media = readFileSync(join(dir, "packages/media/CHANGELOG.md"), "utf8");
    expect(media).toMatch(/^# @allmhub\/media\n\n## 0\.2\.0\n\n### Minor Changes\n\n- [0-9a-f]{7}: Remove /);
    expect(media).toContain(`Remove ${removed.operationId}: the gateway no longer serves it.`);
    expect(media).toMatch(/### Patch Changes\n\n- Updated dependencies \[[0-9a-f]{7}\]\n {2}- @allmhub\/core@0\.2\.0/);
    const core = readFileSync(join(dir, "packages/core/CHANGELOG.md"), "utf8");
    expect(core).toMatch(/^# @allmhub\/core\n\n## 0\.2\.0\n\n### Minor Changes\n\n- [0-9a-f]{7}: Remove /);
    expect(readFileSync(join(dir, "packages/tasks/CHANGELOG.md"), "utf8")).toMatch(
      /## 0\.1\.1\n\n### Patch Changes\n\n- Updated dependencies \[[0-9a-f]{7}\]\n {2}- @allmhub\/core@0\.2\.0\n/,
    );

    // Private packages are not versioned; the consumed changeset is gone; spec/released is the bundle.
    for (const folder of workspaceFolders().filter((f) => !f.startsWith("packages/"))) {
      expect(readJson(`${folder}/package.json`).version, folder).toBe(
        JSON.parse(readFileSync(join(root, folder, "package.json"), "utf8")).version,
      );
      expect(existsSync(join(dir, folder, "CHANGELOG.md")), folder).toBe(false);
    }
    expect(readdirSync(join(dir, ".changeset")).sort()).toEqual(["README.md", "config.json"]);
    expect(readFileSync(join(dir, "spec/released/openapi.json"), "utf8")).toBe(
      readFileSync(join(dir, "spec/dist/openapi.json"), "utf8"),
    );

    const changed = git("status", "--porcelain")
      .trimEnd()
      .split("\n")
      .map((l) => l.slice(3))
      .sort();
    expect(changed).toEqual(
      [
        ".changeset/drop-operation.md",
        ...PUBLISHED.flatMap((p) => [`packages/${p}/CHANGELOG.md`, `packages/${p}/package.json`]),
        "spec/released/openapi.json",
      ].sort(),
    );
  }, 180_000);

  it("after the release, the check passes with no pending changeset", () => {
    const res = releaseCheck();
    expect(res.status).toBe(0);
    expect(res.stdout).toContain("release check: no breaking change in spec/dist/openapi.json");
  });
});
