// @ts-check
// The last released spec (spec/released/openapi.json): where the repository is, and how to refresh it.
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * The repository root: the nearest folder at or above `from` with a pnpm-workspace.yaml.
 * @param {string} [from]
 * @returns {string}
 */
export function findRoot(from = process.cwd()) {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no pnpm-workspace.yaml at or above ${from}`);
    dir = parent;
  }
}

/** Latest modification time (ms) of the files under the given paths; 0 when none exists. */
function newest(/** @type {string[]} */ paths) {
  let latest = 0;
  for (const p of paths) {
    if (!existsSync(p)) continue;
    const st = statSync(p);
    if (st.isDirectory()) latest = Math.max(latest, newest(readdirSync(p).map((f) => join(p, f))));
    else latest = Math.max(latest, st.mtimeMs);
  }
  return latest;
}

/**
 * The latest modification time of the spec's sources (openapi.yaml, paths/, components/, examples/), or 0.
 * @param {string} specDir
 * @returns {number}
 */
export function newestSourceTime(specDir) {
  return newest(["openapi.yaml", "paths", "components", "examples"].map((p) => join(specDir, p)));
}

/**
 * Makes the bundled spec the released one: copies spec/dist/openapi.json to spec/released/openapi.json.
 * Refuses a bundle older than the spec's sources (run `pnpm generate` first).
 * @param {{ root: string, current?: string, released?: string }} options
 * @returns {{ from: string, to: string }}
 */
export function updateReleased({
  root,
  current = join(root, "spec", "dist", "openapi.json"),
  released = join(root, "spec", "released", "openapi.json"),
}) {
  if (!existsSync(current))
    throw new Error(`${current} is missing: run \`npx pnpm@10.34.9 generate\` (or \`npm start\`) first`);
  if (newestSourceTime(join(root, "spec")) > statSync(current).mtimeMs) {
    throw new Error(`${current} is older than the spec's sources: run \`npx pnpm@10.34.9 generate\` first`);
  }
  mkdirSync(dirname(released), { recursive: true });
  copyFileSync(current, released);
  return { from: current, to: released };
}

/**
 * The current version of each published package (`packages/*` with a `package.json` that is not private), by name.
 * @param {string} root the repository root
 * @returns {Record<string, string>}
 */
export function packageVersions(root) {
  const dir = join(root, "packages");
  /** @type {Record<string, string>} */
  const out = {};
  if (!existsSync(dir)) return out;
  for (const folder of readdirSync(dir)) {
    const file = join(dir, folder, "package.json");
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, "utf8"));
    if (!manifest.private && manifest.name && manifest.version) out[manifest.name] = manifest.version;
  }
  return out;
}
