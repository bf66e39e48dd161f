// @ts-check
// What the build needs from a package's package.json: its entry points and the packages it leaves to `import`.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * @typedef {object} BuildManifest
 * @property {string[]} entries the entry points' names: `index` for `src/index.ts` → `dist/index.js` and
 *   `dist/index.cjs`, one per subpath of `exports`
 * @property {string[]} external the package's dependencies and peer dependencies, which its JavaScript
 *   imports rather than bundles (their subpaths too)
 */

/** A subpath's target in `exports`: `import` gets `./dist/NAME.js`, `require` gets `./dist/NAME.cjs`. */
const TARGET = /^\.\/dist\/([\w-]+)\.(js|cjs)$/;

/**
 * The entry point behind one subpath of `exports`.
 * @param {string} subpath
 * @param {any} target
 * @returns {string} its name
 * @throws {Error} when its `import` and `require` targets are not `./dist/NAME.js` and `./dist/NAME.cjs`
 */
function entryOf(subpath, target) {
  const esm = TARGET.exec(target?.import?.default ?? "");
  const cjs = TARGET.exec(target?.require?.default ?? "");
  if (!esm || !cjs || esm[2] !== "js" || cjs[2] !== "cjs" || esm[1] !== cjs[1])
    throw new Error(
      `package.json exports["${subpath}"]: the build needs import.default "./dist/NAME.js" and require.default "./dist/NAME.cjs"`,
    );
  return /** @type {string} */ (esm[1]);
}

/**
 * Reads the build's view of the package in `dir`: each subpath of `exports` (but `./package.json`) is built
 * from `src/NAME.ts`, whose name its targets give.
 * @param {string} dir the package folder
 * @returns {BuildManifest}
 * @throws {Error} when `exports` is missing, a target does not fit, or an entry's source is missing
 * @example
 * readManifest("packages/core"); // { entries: ["index", "internal"], external: ["openapi-fetch"] }
 */
export function readManifest(dir) {
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const subpaths = Object.entries(manifest.exports ?? {}).filter(([subpath]) => subpath !== "./package.json");
  if (!subpaths.length) throw new Error(`${join(dir, "package.json")}: no exports to build`);
  const entries = subpaths.map(([subpath, target]) => entryOf(subpath, target));
  for (const entry of entries)
    if (!existsSync(join(dir, "src", `${entry}.ts`))) throw new Error(`no src/${entry}.ts in ${dir}`);
  const external = [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})];
  return { entries, external };
}
