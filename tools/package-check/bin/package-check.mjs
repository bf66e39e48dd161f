#!/usr/bin/env node
// Checks the published packages as users get them and prints one line per check:
//   1. pack each package with pnpm; check its manifest and files, run publint and attw on the tarball;
//   2. install all tarballs with npm in a scratch project; import them from ESM, require them from CJS,
//      type-check a TypeScript consumer, bundle them for a browser and run the bundle without Node globals;
//      check that importing a package for its side effects alone bundles to nothing.
// Exit code 1 when any check fails. `--keep` leaves the scratch folder for inspection.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  PROBES,
  bundleForBrowser,
  installScratchProject,
  keptInputs,
  lintPacked,
  packAll,
  runInBrowserLikeContext,
  runProbe,
  typecheckConsumer,
  writeProbes,
} from "../src/index.mjs";

const keep = process.argv.includes("--keep");
const work = mkdtempSync(join(tmpdir(), "allmhub-package-check-"));
let failures = 0;
/** @param {string} label @param {string[]} problems */
function report(label, problems) {
  if (problems.length === 0) console.log(`ok    ${label}`);
  else {
    failures++;
    console.log(`FAIL  ${label}`);
    for (const p of problems) console.log(`        ${p}`);
  }
}

try {
  const started = Date.now();
  const packed = await packAll(join(work, "packs"));
  for (const p of packed) {
    const { manifest, publint, attw } = await lintPacked(p);
    const kb = (p.bytes.length / 1024).toFixed(1);
    report(`${p.name}@${p.version}: manifest and files (${p.files.size} files, ${kb} KiB packed)`, manifest);
    report(`${p.name}: publint --strict`, publint);
    report(`${p.name}: attw (node10, node16 CJS/ESM, bundler)`, attw);
  }

  const scratch = join(work, "scratch");
  const names = packed.map((p) => p.name);
  await installScratchProject(
    scratch,
    packed.map((p) => p.tarball),
  );
  writeProbes(scratch, names);
  // What a user or generated code imports: each package, and core's runtime entry beside its public one. A
  // module without a client factory (core's public entry) is checked for loading and its error classes only.
  const modules = names.flatMap((n) => (n === "@allmhub/core" ? [n, "@allmhub/core/internal"] : [n]));
  const hasFactory = (/** @type {string} */ name) => Boolean(PROBES[name]?.factory);
  for (const file of /** @type {const} */ (["probe.mjs", "probe.cjs"])) {
    const result = await runProbe(scratch, file);
    for (const name of modules) {
      const r = result[name];
      const problems = [];
      if (!r) problems.push("not loaded");
      else if (r.error) problems.push(r.error);
      else {
        if (!r.sharesCoreErrors) problems.push("error classes are not @allmhub/core's");
        if (hasFactory(name)) {
          const method = PROBES[name]?.method ? "function" : null;
          if (r.method !== method) problems.push(`client method is ${r.method}, not ${method}`);
          if (r.withoutKey !== "ConfigurationError") problems.push(`factory without a key: ${r.withoutKey}`);
          if (r.request !== "APIConnectionError") problems.push(`request to a dead address: ${r.request}`);
        }
      }
      report(`${name}: ${file === "probe.mjs" ? "import (ESM)" : "require (CJS)"}`, problems);
    }
  }
  const tsc = await typecheckConsumer(scratch);
  report("TypeScript consumer (nodenext, .mts and .cts, skipLibCheck false)", tsc.ok ? [] : [tsc.output.trim()]);

  const browser = await bundleForBrowser(scratch, "browser-entry.mjs");
  report(`browser bundle (esbuild, platform browser, ${(browser.code.length / 1024).toFixed(1)} KiB)`, [
    ...browser.builtins.map((b) => `pulls in the Node built-in ${b}`),
    ...browser.warnings,
  ]);
  const inBrowser = await runInBrowserLikeContext(browser.code);
  report(
    "browser bundle runs without Node globals",
    modules
      .filter(
        (n) =>
          !inBrowser[n] || inBrowser[n].error || (hasFactory(n) && inBrowser[n].withoutKey !== "ConfigurationError"),
      )
      .map((n) => `${n}: ${JSON.stringify(inBrowser[n])}`),
  );
  for (const name of names) {
    const honoured = await bundleForBrowser(scratch, `import ${JSON.stringify(name)};`, {
      contents: true,
      minify: true,
    });
    const ignored = await bundleForBrowser(scratch, `import ${JSON.stringify(name)};`, {
      contents: true,
      ignoreAnnotations: true,
    });
    report(`${name}: side-effect free (bare import bundles to ${honoured.code.trim().length} bytes)`, [
      ...(honoured.code.trim() ? [`a bare import keeps code: ${honoured.code.trim().slice(0, 200)}`] : []),
      ...keptInputs(ignored.inputs).map((f) => `top-level code kept even without the sideEffects flag: ${f}`),
    ]);
  }
  console.log(
    `\n${failures === 0 ? "all checks passed" : `${failures} check(s) failed`} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
} finally {
  if (keep) console.log(`scratch folder kept: ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
process.exit(failures > 0 ? 1 : 0);
