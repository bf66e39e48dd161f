// @ts-check
// TypeScript's compiler, loaded through V8's code cache: compiling its 9 MB file costs about 0.3 s of each
// build, and the functions a build compiles on first use cost more. The first build writes the cache (the
// code compiled during the build included); later builds start from it. V8 checks that a cache fits the
// source, its own version and its flags, and one that does not is ignored and written again.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Script } from "node:vm";

const require = createRequire(import.meta.url);

/**
 * @typedef {object} LoadedTypeScript
 * @property {typeof import("typescript")} ts the compiler's API
 * @property {boolean} fromCache whether it was compiled from a cache that fitted
 * @property {() => void} saveCodeCache writes the cache, with all the code compiled so far, when there was
 *   none that fit; call it once the work is done
 */

/**
 * The cache file of this TypeScript for this V8: in this package's node_modules/.cache/, which a fresh
 * install removes.
 * @param {string} version TypeScript's version
 * @returns {string}
 */
export function codeCachePath(version) {
  const folder = join(dirname(require.resolve("../package.json")), "node_modules", ".cache");
  return join(folder, `typescript-${version}-v8-${process.versions.v8}-${process.arch}.bin`);
}

/**
 * Loads TypeScript (this package's dependency) as `require` would, but compiled with the code cache at
 * `cachePath` when it holds one that fits.
 * @param {string} [cachePath] default: {@link codeCachePath} of the installed version
 * @returns {LoadedTypeScript}
 */
export function loadTypeScript(cachePath) {
  const file = require.resolve("typescript");
  const { version } = require("typescript/package.json");
  const cacheFile = cachePath ?? codeCachePath(version);
  /** @type {Buffer | undefined} */
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined; // none yet
  }
  const script = new Script(Module.wrap(readFileSync(file, "utf8")), { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  const fits = cachedData !== undefined && !script.cachedDataRejected;
  const saveCodeCache = () => {
    if (fits) return;
    mkdirSync(dirname(cacheFile), { recursive: true });
    const part = `${cacheFile}.${process.pid}`; // builds running side by side each write whole files
    writeFileSync(part, script.createCachedData());
    renameSync(part, cacheFile);
  };
  return { ts: /** @type {typeof import("typescript")} */ (module.exports), fromCache: fits, saveCodeCache };
}
