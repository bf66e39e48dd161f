// @ts-check
// The workspace's published packages and how to pack them as `pnpm publish` would.
import { execFile, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "@allmhub/spec-model";

const run = promisify(execFile);

export { repoRoot };

/**
 * The packages of `packages/*` that are published (not private), in dependency order (core first).
 * @param {string} [root]
 * @returns {{ name: string, version: string, dir: string }[]}
 */
export function publishedPackages(root = repoRoot()) {
  const dirs = readdirSync(join(root, "packages"), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, "packages", d.name, "package.json")))
    .map((d) => join(root, "packages", d.name));
  const found = dirs
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) }))
    .filter(({ manifest }) => !manifest.private)
    .map(({ dir, manifest }) => ({
      name: String(manifest.name),
      version: String(manifest.version),
      dir,
      deps: Object.keys(manifest.dependencies ?? {}),
    }));
  const internal = (/** @type {{ deps: string[] }} */ p) =>
    p.deps.filter((d) => found.some((f) => f.name === d)).length;
  found.sort((a, b) => internal(a) - internal(b) || a.name.localeCompare(b.name));
  return found.map(({ name, version, dir }) => ({ name, version, dir }));
}

/**
 * How to run the project's pnpm: `pnpm` when the one on PATH is the version of `packageManager`, else
 * `npx --yes pnpm@<version>`.
 * @param {string} [root]
 * @returns {{ command: string, args: string[] }}
 */
export function pnpmCommand(root = repoRoot()) {
  const { packageManager } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const version = /^pnpm@([^+]+)/.exec(String(packageManager))?.[1];
  if (!version) throw new Error(`package.json#packageManager is not pnpm: ${packageManager}`);
  const probe = spawnSync("pnpm", ["--version"], { encoding: "utf8", shell: process.platform === "win32" });
  if (probe.status === 0 && probe.stdout.trim() === version) return { command: "pnpm", args: [] };
  return { command: "npx", args: ["--yes", `pnpm@${version}`] };
}

/**
 * Packs one package with pnpm, as `pnpm publish` would (`workspace:` ranges become versions).
 * @param {string} dir the package folder
 * @param {string} destination folder for the `.tgz`
 * @param {{ command: string, args: string[] }} [pnpm]
 * @returns {Promise<string>} the path of the tarball
 */
export async function packPackage(dir, destination, pnpm = pnpmCommand()) {
  const { stdout } = await run(pnpm.command, [...pnpm.args, "pack", "--json", "--pack-destination", destination], {
    cwd: dir,
    maxBuffer: 16 * 1024 * 1024,
    shell: process.platform === "win32",
  });
  const start = stdout.indexOf("{");
  const { filename } = JSON.parse(stdout.slice(start));
  return resolve(destination, filename);
}
