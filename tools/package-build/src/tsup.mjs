// @ts-check
// tsup as the package has it (its devDependency, its tsup.config.ts), run in a child process.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * Path of the `tsup` command of the package in `dir`.
 * @param {string} dir
 * @returns {string}
 */
export function tsupBin(dir) {
  const manifestPath = createRequire(join(dir, "package.json")).resolve("tsup/package.json");
  const { bin } = JSON.parse(readFileSync(manifestPath, "utf8"));
  return join(dirname(manifestPath), typeof bin === "string" ? bin : bin.tsup);
}

/**
 * Starts tsup in `dir`, its output passed through.
 * @param {string} dir
 * @returns {Promise<number>} its exit code (1 when a signal ended it)
 */
export function runTsup(dir) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsupBin(dir)], { cwd: dir, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code) => resolve(code ?? 1));
  });
}
