// @ts-check
// Bundling the installed packages for a browser and running the bundle without Node's globals.
import { builtinModules } from "node:module";
import { join } from "node:path";
import vm from "node:vm";
import { build } from "esbuild";

/** Node's built-in modules, with and without the `node:` prefix. */
const BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/**
 * Bundles an entry of the scratch project for a browser (esbuild, `platform: "browser"`, ESM). A Node
 * built-in anywhere in the graph fails the build; the result lists every bundled input and the warnings.
 * @param {string} dir the scratch project
 * @param {string} entry file name, or source code when `contents` is true
 * @param {{ contents?: boolean, ignoreAnnotations?: boolean, minify?: boolean }} [opts]
 * @returns {Promise<{ code: string, inputs: Record<string, number>, warnings: string[], builtins: string[] }>}
 */
export async function bundleForBrowser(dir, entry, opts = {}) {
  const result = await build({
    ...(opts.contents
      ? { stdin: { contents: entry, resolveDir: dir, loader: "js", sourcefile: "entry.mjs" } }
      : { entryPoints: [join(dir, entry)] }),
    absWorkingDir: dir,
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    target: "es2022",
    metafile: true,
    minify: opts.minify ?? false,
    ignoreAnnotations: opts.ignoreAnnotations ?? false,
    logLevel: "silent",
  });
  const output = Object.values(result.metafile.outputs)[0];
  /** @type {Record<string, number>} */
  const inputs = {};
  for (const [file, info] of Object.entries(output?.inputs ?? {})) inputs[file] = info.bytesInOutput;
  const builtins = Object.keys(result.metafile.inputs).filter((f) => BUILTINS.has(f) || f.startsWith("node:"));
  for (const input of Object.values(result.metafile.inputs)) {
    for (const imp of input.imports) if (BUILTINS.has(imp.path)) builtins.push(imp.path);
  }
  return {
    code: result.outputFiles?.[0]?.text ?? "",
    inputs,
    warnings: result.warnings.map((w) => `${w.location?.file ?? ""}:${w.location?.line ?? ""} ${w.text}`),
    builtins: [...new Set(builtins)],
  };
}

/** The web-platform globals a browser has and the probe may use; Node's own (process, require, Buffer, ...) are left out. */
const WEB_GLOBALS = [
  "fetch",
  "Request",
  "Response",
  "Headers",
  "FormData",
  "Blob",
  "File",
  "URL",
  "URLSearchParams",
  "AbortController",
  "AbortSignal",
  "Event",
  "EventTarget",
  "DOMException",
  "TextEncoder",
  "TextDecoder",
  "ReadableStream",
  "WritableStream",
  "TransformStream",
  "TextDecoderStream",
  "TextEncoderStream",
  "setTimeout",
  "clearTimeout",
  "queueMicrotask",
  "structuredClone",
  "atob",
  "btoa",
  "crypto",
  "console",
];

/**
 * Runs a browser bundle of the probe in a fresh V8 context that has the web-platform globals only (no
 * `process`, `require`, `Buffer` or `module`), and returns the report it leaves in `globalThis.__allmhubProbe`.
 * @param {string} code the bundle
 * @returns {Promise<Record<string, import("./probes.mjs").ProbeResult>>}
 */
export async function runInBrowserLikeContext(code) {
  /** @type {Record<string, unknown>} */
  const sandbox = {};
  for (const name of WEB_GLOBALS) sandbox[name] = /** @type {any} */ (globalThis)[name];
  sandbox.window = sandbox;
  sandbox.self = sandbox;
  const context = vm.createContext(sandbox);
  vm.runInContext(code, context, { filename: "bundle.js", timeout: 10_000 });
  const report = await /** @type {any} */ (context).__allmhubProbe;
  return JSON.parse(JSON.stringify(report));
}

/**
 * Inputs of a bundle that come from the given packages and still have code in it after tree shaking.
 * @param {Record<string, number>} inputs `bytesInOutput` by input file, as {@link bundleForBrowser} returns them
 * @param {string} [scope] the npm scope whose files count
 * @returns {string[]}
 */
export function keptInputs(inputs, scope = "@allmhub/") {
  return Object.entries(inputs)
    .filter(([file, bytes]) => bytes > 0 && file.replaceAll("\\", "/").includes(`node_modules/${scope}`))
    .map(([file, bytes]) => `${file} (${bytes} bytes)`);
}
