/**
 * Benchmark 3: bundle size. Each consumer program (consumers/*.mjs: import one package, make one call) is
 * bundled with esbuild (bundle, minify, tree-shake, ESM, browser) and gzipped at level 9, as size-limit's
 * esbuild and file plugins do (size-limit then subtracts the 32 bytes an empty esbuild project gzips to).
 */
import { build } from "esbuild";
import { resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { BENCH_DIR, SIZE_BUDGETS, VENDOR_CONSUMERS, sizeEsbuildOptions } from "./budgets.mjs";

/** What an empty esbuild project gzips to; size-limit subtracts it from every gzip size. */
export const EMPTY_ESBUILD_GZIP = 32;

/**
 * Bundles one program and measures it.
 * @param {string} entry path of the program (absolute, or relative to tools/bench)
 * @returns {Promise<{ minified: number, gzip: number, inputs: { path: string, bytes: number }[] }>}
 *   `inputs`: the modules in the bundle and their minified bytes, largest first
 */
export async function bundleSize(entry) {
  const options = sizeEsbuildOptions({
    entryPoints: [resolve(BENCH_DIR, entry)],
    write: false,
    metafile: true,
    logLevel: "error",
    outdir: "/size-limit-bench",
  });
  const result = await build(
    /** @type {import("esbuild").BuildOptions & { write: false, metafile: true }} */ (/** @type {unknown} */ (options)),
  );
  const code = result.outputFiles.find((f) => f.path.endsWith(".js"));
  if (!code) throw new Error(`esbuild wrote no JavaScript for ${entry}`);
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint);
  const inputs = Object.entries(output?.inputs ?? {})
    .map(([path, v]) => ({ path: shortPath(path), bytes: v.bytesInOutput }))
    .filter((i) => i.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
  return { minified: code.contents.length, gzip: gzipSync(code.contents, { level: 9 }).length, inputs };
}

/**
 * Where a bundled module comes from, short: `openapi-fetch/dist/index.mjs`, `packages/core/dist/index.js`.
 * @param {string} path
 */
function shortPath(path) {
  const nm = path.lastIndexOf("node_modules/");
  if (nm >= 0) return path.slice(nm + "node_modules/".length).replace(/^\.pnpm\/[^/]+\/node_modules\//, "");
  return path.replace(/^(\.\.\/)+/, "");
}

/**
 * Measures the five packages' programs (with their budgets) and the vendor SDKs' programs.
 * @returns {Promise<{ packages: Array<{ name: string, budget: number, minified: number, gzip: number, sizeLimit: number, inputs: { path: string, bytes: number }[] }>, vendors: Array<{ name: string, minified: number, gzip: number }> }>}
 */
export async function runSize() {
  const packages = [];
  for (const b of SIZE_BUDGETS) {
    const m = await bundleSize(b.consumer);
    packages.push({
      name: b.name,
      budget: b.budget,
      minified: m.minified,
      gzip: m.gzip,
      sizeLimit: m.gzip - EMPTY_ESBUILD_GZIP,
      inputs: m.inputs,
    });
  }
  const vendors = [];
  for (const v of VENDOR_CONSUMERS) {
    const m = await bundleSize(v.consumer);
    vendors.push({ name: v.name, minified: m.minified, gzip: m.gzip });
  }
  return { packages, vendors };
}
