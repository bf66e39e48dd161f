// @ts-check
import { execFile, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { builtinModules, createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import vm from "node:vm";
import { build } from "esbuild";

const require = createRequire(import.meta.url);
const run = promisify(execFile);

/**
 * How each published package is exercised once installed: its client factory, a typed method of the client
 * (none for core, whose factory returns the bare gateway client) and the arguments that method takes.
 * @type {Record<string, { factory: string, method: string | null, args: unknown[] }>}
 */
export const PROBES = {
  "@allmhub/core": { factory: "createGatewayClient", method: null, args: [] },
  "@allmhub/chat": { factory: "createChatClient", method: "createChatCompletion", args: [{ model: "m", messages: [{ role: "user", content: "hi" }] }] },
  "@allmhub/media": { factory: "createMediaClient", method: "createImage", args: [{ model: "m", prompt: "a lighthouse" }] },
  "@allmhub/tasks": { factory: "createTasksClient", method: "submitMidjourneyImagine", args: [{ prompt: "a cat" }] },
  "@allmhub/admin": { factory: "createAdminClient", method: "listModels", args: [{}] },
};

/** A base URL where nothing listens: every request fails to connect, quickly and without leaving the machine. */
export const DEAD_BASE_URL = "http://127.0.0.1:9";

/** The repository root (the folder with pnpm-workspace.yaml above this file). */
export function repoRoot() {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error("pnpm-workspace.yaml not found above tools/package-check");
    dir = parent;
  }
}

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
    .map(({ dir, manifest }) => ({ name: String(manifest.name), version: String(manifest.version), dir, deps: Object.keys(manifest.dependencies ?? {}) }));
  const internal = (/** @type {{ deps: string[] }} */ p) => p.deps.filter((d) => found.some((f) => f.name === d)).length;
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

/**
 * The environment for commands run in the scratch project: this one without the variables that npm, pnpm
 * or a script runner set for the workspace (they would point npm at the workspace instead of the scratch
 * folder), and without the SDK's own ALLMHUB_* settings (the probes test the defaults).
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {NodeJS.ProcessEnv}
 */
export function scratchEnv(env = process.env) {
  const keep = new Set(["npm_config_registry", "npm_config_cache", "npm_config_userconfig", "npm_config_globalconfig", "npm_config_cafile", "npm_config_proxy", "npm_config_https_proxy", "npm_config_noproxy"]);
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
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "allmhub-scratch", version: "0.0.0", private: true }, null, 2));
  const args = ["install", "--no-audit", "--no-fund", "--prefer-offline", "--engine-strict", "--loglevel=error", ...tarballs];
  const options = { cwd: dir, env: scratchEnv(), maxBuffer: 16 * 1024 * 1024, shell: process.platform === "win32" };
  try {
    await run("npm", args, options);
  } catch {
    // One more try: the third-party dependencies come from the registry, and a connection can drop.
    await run("npm", args, options);
  }
}

/**
 * The probe shared by the ESM, CJS and browser checks: for each package, its export names, a client made by
 * its factory, whether it re-exports core's error classes (one copy of core, not one per package), what
 * the factory does without a key, and (when `network`) what a request to a dead address throws.
 */
const PROBE_SOURCE = String.raw`
async function probe(mods, probes, network) {
  const core = mods["@allmhub/core"];
  const report = {};
  for (const [name, mod] of Object.entries(mods)) {
    const spec = probes[name];
    const r = { exports: Object.keys(mod).sort() };
    report[name] = r;
    try {
      const client = mod[spec.factory]({ apiKey: "sk-x", baseUrl: ${JSON.stringify(DEAD_BASE_URL)}, maxRetries: 0 });
      r.baseUrl = (client.gateway ?? client).baseUrl;
      r.method = spec.method ? typeof client[spec.method] : null;
      r.sharesCoreErrors = mod.APIError === core.APIError && mod.ConfigurationError === core.ConfigurationError;
      try {
        mod[spec.factory]();
        r.withoutKey = "created";
      } catch (e) {
        r.withoutKey = e instanceof core.ConfigurationError ? "ConfigurationError" : "other: " + String(e);
      }
      if (network) {
        try {
          if (spec.method) await client[spec.method](...spec.args, { maxRetries: 0 });
          else await core.callOperation(client, { method: "get", path: "/v1/models" }, {}, { maxRetries: 0 });
          r.request = "answered";
        } catch (e) {
          r.request = e instanceof core.APIConnectionError ? "APIConnectionError" : "other: " + String(e);
        }
      }
    } catch (e) {
      r.error = String((e && e.stack) || e);
    }
  }
  return report;
}
`;

/**
 * The outcome of {@link PROBE_SOURCE} for one package.
 * @typedef {{ exports: string[], baseUrl: string, method: string | null, sharesCoreErrors: boolean, withoutKey: string, request?: string, error?: string }} ProbeResult
 */

/** @param {string[]} names */
const namespaceImports = (names) => names.map((n, i) => `import * as m${i} from ${JSON.stringify(n)};`).join("\n");
/** @param {string[]} names @param {(n: string, i: number) => string} value */
const modsObject = (names, value) => `const mods = {\n${names.map((n, i) => `  ${JSON.stringify(n)}: ${value(n, i)},`).join("\n")}\n};`;
/** @param {string[]} names */
const probesObject = (names) => `const probes = ${JSON.stringify(Object.fromEntries(names.map((n) => [n, PROBES[n]])))};`;

/**
 * Writes the probe files into the scratch project: `probe.mjs` (import), `probe.cjs` (require) and
 * `browser-entry.mjs` (bundled for a browser), plus a TypeScript consumer (`consumer.mts`, `consumer.cts`).
 * @param {string} dir the scratch project
 * @param {string[]} names the package names, core first
 */
export function writeProbes(dir, names) {
  for (const n of names) if (!PROBES[n]) throw new Error(`no probe for ${n}: add it to PROBES in tools/package-check/src/scratch.mjs`);
  writeFileSync(
    join(dir, "probe.mjs"),
    [namespaceImports(names), modsObject(names, (_, i) => `m${i}`), probesObject(names), PROBE_SOURCE, "console.log(JSON.stringify(await probe(mods, probes, true)));"].join("\n"),
  );
  writeFileSync(
    join(dir, "probe.cjs"),
    [
      modsObject(names, (n) => `require(${JSON.stringify(n)})`),
      probesObject(names),
      PROBE_SOURCE,
      "probe(mods, probes, true).then((r) => console.log(JSON.stringify(r)), (e) => { console.error(e); process.exitCode = 1; });",
    ].join("\n"),
  );
  writeFileSync(
    join(dir, "browser-entry.mjs"),
    [namespaceImports(names), modsObject(names, (_, i) => `m${i}`), probesObject(names), PROBE_SOURCE, "globalThis.__allmhubProbe = probe(mods, probes, false);"].join("\n"),
  );
  // A TypeScript user's code, once as an ES module and once as CommonJS: the declarations must resolve and
  // be real types (each @ts-expect-error fails the check when the types are `any` or missing).
  const consumer = names
    .map((n, i) => {
      const { factory, method, args } = PROBES[n];
      const lines = [
        `const c${i} = p${i}.${factory}({ apiKey: "sk-x", baseUrl: ${JSON.stringify(DEAD_BASE_URL)}, maxRetries: 0 });`,
        `// @ts-expect-error the key is a string`,
        `p${i}.${factory}({ apiKey: 42 });`,
        `export const e${i}: typeof p${i}.APIError = p${i}.APIError;`,
      ];
      if (method) {
        lines.push(`export const r${i}: Promise<unknown> = c${i}.${method}(${args.map((a) => JSON.stringify(a)).join(", ")});`);
        lines.push(`// @ts-expect-error a number is not a request`, `c${i}.${method}(42);`);
      } else {
        lines.push(`export const b${i}: string = c${i}.baseUrl;`);
      }
      return lines.join("\n");
    })
    .join("\n");
  const imports = names.map((n, i) => `import * as p${i} from ${JSON.stringify(n)};`).join("\n");
  writeFileSync(join(dir, "consumer.mts"), `${imports}\n${consumer}\n`);
  writeFileSync(join(dir, "consumer.cts"), `${imports}\n${consumer}\n`);
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify(
      {
        compilerOptions: {
          module: "nodenext",
          moduleResolution: "nodenext",
          target: "es2022",
          lib: ["es2022", "dom", "dom.iterable"],
          types: [],
          strict: true,
          noEmit: true,
          skipLibCheck: false,
        },
        files: ["consumer.mts", "consumer.cts"],
      },
      null,
      2,
    ),
  );
}

/**
 * Runs a probe file of the scratch project with Node and returns its report.
 * @param {string} dir the scratch project
 * @param {"probe.mjs" | "probe.cjs"} file
 * @returns {Promise<Record<string, ProbeResult>>}
 */
export async function runProbe(dir, file) {
  const { stdout } = await run(process.execPath, [file], { cwd: dir, env: scratchEnv(), maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout);
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
    const { stdout } = await run(process.execPath, [tsc, "-p", "tsconfig.json", "--pretty", "false"], { cwd: dir, env: scratchEnv(), maxBuffer: 16 * 1024 * 1024 });
    return { ok: true, output: stdout };
  } catch (error) {
    const e = /** @type {{ stdout?: string, stderr?: string, message: string }} */ (error);
    return { ok: false, output: `${e.stdout ?? ""}${e.stderr ?? ""}` || e.message };
  }
}

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
    ...(opts.contents ? { stdin: { contents: entry, resolveDir: dir, loader: "js", sourcefile: "entry.mjs" } } : { entryPoints: [join(dir, entry)] }),
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
  "fetch", "Request", "Response", "Headers", "FormData", "Blob", "File", "URL", "URLSearchParams",
  "AbortController", "AbortSignal", "Event", "EventTarget", "DOMException", "TextEncoder", "TextDecoder",
  "ReadableStream", "WritableStream", "TransformStream", "TextDecoderStream", "TextEncoderStream",
  "setTimeout", "clearTimeout", "queueMicrotask", "structuredClone", "atob", "btoa", "crypto", "console",
];

/**
 * Runs a browser bundle of the probe in a fresh V8 context that has the web-platform globals only (no
 * `process`, `require`, `Buffer` or `module`), and returns the report it leaves in `globalThis.__allmhubProbe`.
 * @param {string} code the bundle
 * @returns {Promise<Record<string, ProbeResult>>}
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
