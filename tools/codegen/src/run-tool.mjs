// @ts-check
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

/**
 * Absolute path of a package's command-line entry point.
 * @param {string} pkg package name
 * @param {string} bin name of the bin entry
 */
export function binPath(pkg, bin) {
  const manifestPath = require.resolve(`${pkg}/package.json`);
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  const rel = typeof manifest.bin === "string" ? manifest.bin : manifest.bin?.[bin];
  if (!rel) throw new Error(`${pkg} has no bin named ${bin}`);
  return join(dirname(manifestPath), rel);
}

/** What keeps the tools quiet: no telemetry. */
const TOOL_ENV = { SCARF_ANALYTICS: "false", DO_NOT_TRACK: "1" };

/**
 * Runs a Node command-line tool and returns its exit status and output.
 * @param {string} pkg
 * @param {string} bin
 * @param {string[]} args
 * @param {{ cwd?: string, inherit?: boolean }} [opts]
 */
export function runTool(pkg, bin, args, opts = {}) {
  const res = spawnSync(process.execPath, [binPath(pkg, bin), ...args], {
    cwd: opts.cwd,
    encoding: "utf8",
    stdio: opts.inherit ? "inherit" : "pipe",
    env: { ...process.env, ...TOOL_ENV },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (res.error) throw res.error;
  return { status: res.status ?? 1, stdout: res.stdout ?? "", stderr: res.stderr ?? "" };
}
