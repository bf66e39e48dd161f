// @ts-check
// The probe programs written into the scratch project: each installed package imported (ESM), required
// (CJS), bundled for a browser and used from TypeScript.
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { scratchEnv } from "./scratch-project.mjs";

const run = promisify(execFile);

/**
 * How each module is exercised once installed: its client factory, a typed method of the client and the
 * arguments that method takes. Core's public entry has no factory (users reach it through a feature package);
 * its runtime entry, `@allmhub/core/internal`, which generated code imports, makes the bare gateway client.
 * @type {Record<string, { factory: string | null, method: string | null, args: unknown[] }>}
 */
export const PROBES = {
  "@allmhub/core": { factory: null, method: null, args: [] },
  "@allmhub/core/internal": { factory: "createGatewayClient", method: null, args: [] },
  "@allmhub/chat": {
    factory: "createChatClient",
    method: "createChatCompletion",
    args: [{ model: "m", messages: [{ role: "user", content: "hi" }] }],
  },
  "@allmhub/media": {
    factory: "createMediaClient",
    method: "createImage",
    args: [{ model: "m", prompt: "a lighthouse" }],
  },
  "@allmhub/tasks": { factory: "createTasksClient", method: "submitMidjourneyImagine", args: [{ prompt: "a cat" }] },
  "@allmhub/admin": { factory: "createAdminClient", method: "listModels", args: [] },
};

/** A base URL where nothing listens: every request fails to connect, quickly and without leaving the machine. */
export const DEAD_BASE_URL = "http://127.0.0.1:9";

/**
 * The probe shared by the ESM, CJS and browser checks: for each package, its export names, a client made by
 * its factory, whether it re-exports core's error classes (one copy of core, not one per package), what
 * the factory does without a key, and (when `network`) what a request to a dead address throws.
 */
const PROBE_SOURCE = `
async function probe(mods, probes, network) {
  const core = mods["@allmhub/core"];
  const report = {};
  for (const [name, mod] of Object.entries(mods)) {
    const spec = probes[name];
    const r = { exports: Object.keys(mod).sort() };
    report[name] = r;
    try {
      r.sharesCoreErrors = mod.APIError === undefined || (mod.APIError === core.APIError && mod.ConfigurationError === core.ConfigurationError);
      if (!spec.factory) continue;
      const client = mod[spec.factory]({ apiKey: "sk-x", baseUrl: ${JSON.stringify(DEAD_BASE_URL)}, maxRetries: 0 });
      r.baseUrl = (client.gateway ?? client).baseUrl;
      r.method = spec.method ? typeof client[spec.method] : null;
      try {
        mod[spec.factory]();
        r.withoutKey = "created";
      } catch (e) {
        r.withoutKey = e instanceof core.ConfigurationError ? "ConfigurationError" : "other: " + String(e);
      }
      if (network) {
        try {
          if (spec.method) await client[spec.method](...spec.args, { maxRetries: 0 });
          else await mod.callOperation(client, { method: "GET", path: "/v1/models" }, {}, { maxRetries: 0 });
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
 * @typedef {{ exports: string[], baseUrl?: string, method?: string | null, sharesCoreErrors: boolean, withoutKey?: string, request?: string, error?: string }} ProbeResult
 */

/** @param {string[]} names */
const namespaceImports = (names) => names.map((n, i) => `import * as m${i} from ${JSON.stringify(n)};`).join("\n");
/** @param {string[]} names @param {(n: string, i: number) => string} value */
const modsObject = (names, value) =>
  `const mods = {\n${names.map((n, i) => `  ${JSON.stringify(n)}: ${value(n, i)},`).join("\n")}\n};`;
/** @param {string[]} names */
const probesObject = (names) =>
  `const probes = ${JSON.stringify(Object.fromEntries(names.map((n) => [n, PROBES[n]])))};`;

/**
 * Writes the probe files into the scratch project: `probe.mjs` (import), `probe.cjs` (require) and
 * `browser-entry.mjs` (bundled for a browser), plus a TypeScript consumer (`consumer.mts`, `consumer.cts`).
 * @param {string} dir the scratch project
 * @param {string[]} packageNames the package names, core first
 */
export function writeProbes(dir, packageNames) {
  // Core's runtime entry is probed next to its public one.
  const names = packageNames.flatMap((n) => (n === "@allmhub/core" ? [n, "@allmhub/core/internal"] : [n]));
  for (const n of names)
    if (!PROBES[n]) throw new Error(`no probe for ${n}: add it to PROBES in tools/package-check/src/probes.mjs`);
  writeFileSync(
    join(dir, "probe.mjs"),
    [
      namespaceImports(names),
      modsObject(names, (_, i) => `m${i}`),
      probesObject(names),
      PROBE_SOURCE,
      "console.log(JSON.stringify(await probe(mods, probes, true)));",
    ].join("\n"),
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
    [
      namespaceImports(names),
      modsObject(names, (_, i) => `m${i}`),
      probesObject(names),
      PROBE_SOURCE,
      "globalThis.__allmhubProbe = probe(mods, probes, false);",
    ].join("\n"),
  );
  // A TypeScript user's code, once as an ES module and once as CommonJS: the declarations must resolve and
  // be real types (each @ts-expect-error fails the check when the types are `any` or missing).
  const consumer = names
    .map((n, i) => {
      const { factory, method, args } = /** @type {(typeof PROBES)[string]} */ (PROBES[n]);
      if (!factory)
        return `export const e${i}: typeof p${i}.APIError = p${i}.APIError;\nexport const s${i}: typeof p${i}.Stream = p${i}.Stream;`;
      const lines = [
        `const c${i} = p${i}.${factory}({ apiKey: "sk-x", baseUrl: ${JSON.stringify(DEAD_BASE_URL)}, maxRetries: 0 });`,
        `// @ts-expect-error the key is a string`,
        `p${i}.${factory}({ apiKey: 42 });`,
      ];
      // The runtime entry has no error classes of its own: users get them from the public entries.
      if (n !== "@allmhub/core/internal") lines.push(`export const e${i}: typeof p${i}.APIError = p${i}.APIError;`);
      if (method) {
        lines.push(
          `export const r${i}: Promise<unknown> = c${i}.${method}(${args.map((a) => JSON.stringify(a)).join(", ")});`,
        );
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
