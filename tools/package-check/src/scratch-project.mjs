// @ts-check
// A scratch npm project outside the workspace, where the packed tarballs are installed as a user installs them.
import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { promisify } from "node:util";

const require = createRequire(import.meta.url);
const run = promisify(execFile);

/**
 * The environment for commands run in the scratch project: this one without the variables that npm, pnpm
 * or a script runner set for the workspace (they would point npm at the workspace instead of the scratch
 * folder), and without the SDK's own ALLMHUB_* settings (the probes test the defaults).
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {NodeJS.ProcessEnv}
 */
export function scratchEnv(env = process.env) {
  const keep = new Set([
    "npm_config_registry",
    "npm_config_cache",
    "npm_config_userconfig",
    "npm_config_globalconfig",
    "npm_config_cafile",
    "npm_config_proxy",
    "npm_config_https_proxy",
    "npm_config_noproxy",
  ]);
  /** @type {NodeJS.ProcessEnv} */
  const out = {};
  for (const [key, value] of Object.entries(env)) {
    if (/^ALLMHUB_/i.test(key)) continue;
    if (/^(npm|pnpm)_/i.test(key) && !(keep.has(key.toLowerCase()) && value)) continue;
    out[key] = value;
  }
  return out;
}

/**
 * Creates a project in `dir` and installs the tarballs there with npm, as a user would (third-party
 * dependencies come from the registry; `--prefer-offline` uses the npm cache when it can, `--engine-strict`
 * fails when a package's `engines` refuses this Node). A failed install is tried once more.
 * @param {string} dir an empty folder
 * @param {string[]} tarballs paths of the `.tgz` files
 * @returns {Promise<void>}
 */
export async function installScratchProject(dir, tarballs) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({ name: "allmhub-scratch", version: "0.0.0", private: true }, null, 2),
  );
  const args = [
    "install",
    "--no-audit",
    "--no-fund",
    "--prefer-offline",
    "--engine-strict",
    "--loglevel=error",
    ...tarballs,
  ];
  const options = { cwd: dir, env: scratchEnv(), maxBuffer: 16 * 1024 * 1024, shell: process.platform === "win32" };
  try {
    await run("npm", args, options);
  } catch {
    // One more try: the third-party dependencies come from the registry, and a connection can drop.
    await run("npm", args, options);
  }
}

/**
 * Type-checks the TypeScript consumer of the scratch project (`module: nodenext`, `skipLibCheck: false`, so
 * the shipped declarations and those of the dependencies are checked too).
 * @param {string} dir the scratch project
 * @returns {Promise<{ ok: boolean, output: string }>}
 */
export async function typecheckConsumer(dir) {
  const tsc = join(dirname(require.resolve("typescript/package.json")), "bin", "tsc");
  try {
    const { stdout } = await run(process.execPath, [tsc, "-p", "tsconfig.json", "--pretty", "false"], {
      cwd: dir,
      env: scratchEnv(),
      maxBuffer: 16 * 1024 * 1024,
    });
    return { ok: true, output: stdout };
  } catch (error) {
    const e = /** @type {{ stdout?: string, stderr?: string, message: string }} */ (error);
    return { ok: false, output: `${e.stdout ?? ""}${e.stderr ?? ""}` || e.message };
  }
}
