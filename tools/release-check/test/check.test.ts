import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import {
  breakingChangesetsFor,
  checkRelease,
  findRoot,
  formatReport,
  newestSourceTime,
  packageVersions,
  readChangesets,
  updateReleased,
} from "../src/index.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, "..", "bin", "release-check.mjs");
const root = findRoot(here);
const temps: string[] = [];
const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), "allmhub-release-check-"));
  temps.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

const op = (operationId: string, pkg: string) => ({
  operationId,
  "x-package": pkg,
  responses: { "200": { description: "ok" } },
});
const released = {
  openapi: "3.1.0",
  info: { title: "t", version: "0.1.0" },
  paths: { "/a": { get: op("getA", "chat") }, "/b": { get: op("getB", "media") } },
};
const current = { ...released, paths: { "/a": { get: op("getA", "chat") } } };

function changesetDir(files: Record<string, string>) {
  const dir = temp();
  writeFileSync(join(dir, "README.md"), "# Changesets\n");
  writeFileSync(join(dir, "config.json"), "{}\n");
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
const changeset = (bumps: Record<string, string>, summary = "A change.") =>
  `---\n${Object.entries(bumps)
    .map(([p, b]) => `"${p}": ${b}`)
    .join("\n")}\n---\n\n${summary}\n`;

describe("readChangesets / breakingChangesetsFor", () => {
  it("reads every pending changeset but the README, with its bumps and summary", () => {
    const dir = changesetDir({
      "b-one.md": changeset({ "@allmhub/media": "major", "@allmhub/core": "patch" }, "Drop getB."),
      "a-two.md": changeset({ "@allmhub/chat": "minor" }),
    });
    const sets = readChangesets(dir);
    expect(sets).toEqual([
      { file: "a-two.md", releases: [{ name: "@allmhub/chat", type: "minor" as const }], summary: "A change." },
      {
        file: "b-one.md",
        releases: [
          { name: "@allmhub/media", type: "major" },
          { name: "@allmhub/core", type: "patch" as const },
        ],
        summary: "Drop getB.",
      },
    ]);
    expect(breakingChangesetsFor(sets, "@allmhub/media")).toEqual(["b-one.md"]);
    expect(breakingChangesetsFor(sets, "@allmhub/chat")).toEqual([]);
    // Below 1.0.0 a minor bump is the breaking one; a patch never is.
    expect(breakingChangesetsFor(sets, "@allmhub/chat", "0.4.2")).toEqual(["a-two.md"]);
    expect(breakingChangesetsFor(sets, "@allmhub/chat", "1.0.0")).toEqual([]);
    expect(breakingChangesetsFor(sets, "@allmhub/core", "0.1.0")).toEqual([]);
    expect(readChangesets(join(dir, "missing"))).toEqual([]);
  });

  it("rejects a changeset with an unknown bump, as changesets does", () => {
    expect(() => readChangesets(changesetDir({ "x.md": changeset({ "@allmhub/chat": "huge" }) }))).toThrow(
      /invalid version type/,
    );
  });
});

describe("checkRelease", () => {
  it("passes when nothing breaks, with or without changesets", () => {
    expect(checkRelease({ released, current: released, changesets: [] })).toEqual({
      ok: true,
      changes: [],
      packages: [],
      missing: [],
    });
  });

  it("demands a major changeset for each package a breaking change touches", () => {
    const none = checkRelease({ released, current, changesets: [] });
    expect(none.ok).toBe(false);
    expect(none.missing).toEqual(["@allmhub/media"]);
    expect(none.changes.map((c: { kind: string; operationId: string }) => `${c.kind} ${c.operationId}`)).toEqual([
      "removed-operation getB",
    ]);
    const lines = formatReport(none, { released, current, releasedName: "released.json", currentName: "current.json" });
    expect(lines[0]).toBe(
      "release check: 1 breaking change(s) in current.json (1 operations) against released.json (2 operations, version 0.1.0):",
    );
    expect(lines).toContain("  @allmhub/media: NO pending changeset declares a breaking bump (major)");

    const minor = [{ file: "m.md", releases: [{ name: "@allmhub/media", type: "minor" as const }], summary: "" }];
    expect(checkRelease({ released, current, changesets: minor }).missing).toEqual(["@allmhub/media"]);
    const otherMajor = [{ file: "c.md", releases: [{ name: "@allmhub/chat", type: "major" as const }], summary: "" }];
    expect(checkRelease({ released, current, changesets: otherMajor }).ok).toBe(false);
    const major = [{ file: "b.md", releases: [{ name: "@allmhub/media", type: "major" as const }], summary: "" }];
    const ok = checkRelease({ released, current, changesets: major });
    expect(ok).toMatchObject({ ok: true, missing: [], packages: [{ name: "@allmhub/media", declared: ["b.md"] }] });
    expect(formatReport(ok, { released, current, releasedName: "r", currentName: "c", verbose: true })).toContain(
      "  @allmhub/media: breaking bump (major) declared in .changeset/b.md",
    );
    // A pass says so in one calm line unless asked for the list.
    expect(formatReport(ok, { released, current, releasedName: "r", currentName: "c" })).toEqual([
      "release check: ok, c (1 operations) against r (2 operations, version 0.1.0): every package whose clients the spec changes declares it in a pending changeset (@allmhub/media; --verbose lists the 1 changes)",
    ]);
  });

  it("takes a minor bump as the breaking one for a package below 1.0.0, never a patch", () => {
    const versions = { "@allmhub/media": "0.3.1" };
    const minor = [{ file: "m.md", releases: [{ name: "@allmhub/media", type: "minor" as const }], summary: "" }];
    const ok = checkRelease({ released, current, changesets: minor, versions });
    expect(ok).toMatchObject({
      ok: true,
      packages: [{ name: "@allmhub/media", version: "0.3.1", declared: ["m.md"] }],
    });
    expect(formatReport(ok, { released, current, releasedName: "r", currentName: "c", verbose: true })).toContain(
      "  @allmhub/media: breaking bump (major or minor) declared in .changeset/m.md",
    );
    const patch = [{ file: "p.md", releases: [{ name: "@allmhub/media", type: "patch" as const }], summary: "" }];
    const refused = checkRelease({ released, current, changesets: patch, versions });
    expect(refused.missing).toEqual(["@allmhub/media"]);
    const report = formatReport(refused, { released, current, releasedName: "r", currentName: "c" });
    expect(report).toContain(
      "  @allmhub/media: NO pending changeset declares a breaking bump (major or minor from 0.3.1)",
    );
    expect(report.at(-1)).toContain("choose minor for @allmhub/media");
  });

  it("reads the versions of the published packages of a repository", () => {
    const dir = temp();
    for (const [folder, manifest] of Object.entries({
      a: { name: "@x/a", version: "0.2.0" },
      b: { name: "@x/b", version: "1.1.0", private: true },
      c: {},
    })) {
      mkdirSync(join(dir, "packages", folder), { recursive: true });
      writeFileSync(join(dir, "packages", folder, "package.json"), JSON.stringify(manifest));
    }
    expect(packageVersions(dir)).toEqual({ "@x/a": "0.2.0" });
    expect(packageVersions(join(dir, "nowhere"))).toEqual({});
    expect(packageVersions(root)["@allmhub/chat"]).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe("allmhub-release-check (the command `npm test` runs)", () => {
  const run = (args: string[], cwd = root) => spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8" });

  /** A repository-shaped folder: spec/dist, spec/released and .changeset. */
  function repo(changesets: Record<string, string> = {}) {
    const dir = temp();
    writeFileSync(join(dir, "pnpm-workspace.yaml"), "packages: []\n");
    mkdirSync(join(dir, "spec", "dist"), { recursive: true });
    mkdirSync(join(dir, "spec", "released"), { recursive: true });
    writeFileSync(join(dir, "spec", "released", "openapi.json"), JSON.stringify(released));
    writeFileSync(join(dir, "spec", "dist", "openapi.json"), JSON.stringify(current));
    cpSync(changesetDir(changesets), join(dir, ".changeset"), { recursive: true });
    return dir;
  }

  it("passes on this repository: the bundled spec breaks nothing that no changeset declares", () => {
    const res = run([]);
    expect(res.stderr).toBe("");
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(
      /^release check: (no breaking change in|ok,) spec\/dist\/openapi\.json \(\d+ operations\) against spec\/released\/openapi\.json/,
    );
  });

  it("fails on a removed operation without a major changeset, names it and says what to do; passes with one", () => {
    const dir = repo({ "minor.md": changeset({ "@allmhub/media": "minor" }) });
    const fail = run([], dir);
    expect(fail.status).toBe(1);
    expect(fail.stderr).toContain("@allmhub/media getB removed-operation: GET /b (operation removed)");
    expect(fail.stderr).toContain("release check failed: these changes break clients of @allmhub/media.");
    writeFileSync(join(dir, ".changeset", "major.md"), changeset({ "@allmhub/media": "major" }, "getB is gone."));
    const pass = run([], dir);
    expect(pass.status).toBe(0);
    expect(pass.stdout).toContain("release check: ok,");
    expect(run(["--verbose"], dir).stdout).toContain(
      "@allmhub/media: breaking bump (major) declared in .changeset/major.md",
    );
  });

  it("fails when the released spec is missing", () => {
    const dir = repo();
    rmSync(join(dir, "spec", "released"), { recursive: true });
    const res = run([], dir);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain("spec/released/openapi.json is missing");
  });

  it("--update-released makes the bundled spec the released one, and refuses a bundle older than the sources", () => {
    const dir = repo();
    mkdirSync(join(dir, "spec", "paths"));
    writeFileSync(join(dir, "spec", "paths", "a.yaml"), "get: {}\n");
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(dir, "spec", "dist", "openapi.json"), old, old);
    expect(newestSourceTime(join(dir, "spec"))).toBeGreaterThan(old.getTime());
    const stale = run(["--update-released"], dir);
    expect(stale.status).toBe(1);
    expect(stale.stderr).toContain("is older than the spec's sources");
    expect(JSON.parse(readFileSync(join(dir, "spec", "released", "openapi.json"), "utf8"))).toEqual(released);

    const now = new Date();
    utimesSync(join(dir, "spec", "dist", "openapi.json"), now, now);
    const res = run(["--update-released"], dir);
    expect(res.status).toBe(0);
    expect(res.stdout).toContain("spec/released/openapi.json is now the released spec");
    expect(readFileSync(join(dir, "spec", "released", "openapi.json"), "utf8")).toBe(JSON.stringify(current));
    expect(run([], dir).status).toBe(0);
    expect(() => updateReleased({ root: temp() })).toThrow(/is missing/);
  });
});
