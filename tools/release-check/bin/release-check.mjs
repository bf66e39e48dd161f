#!/usr/bin/env node
// Fails when the bundled spec breaks clients of a package (compared with the last released spec) and no pending
// changeset declares a breaking bump for that package (major, or minor while the package is below 1.0.0). With --update-released, makes the bundled spec the released
// one instead (run at release time by `pnpm version-packages`).
// Usage: allmhub-release-check [--root .] [--current spec/dist/openapi.json] [--released spec/released/openapi.json]
//                              [--changesets .changeset] [--update-released]
import { existsSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  checkRelease,
  findRoot,
  formatReport,
  packageVersions,
  readChangesets,
  updateReleased,
} from "../src/index.mjs";

const { values } = parseArgs({
  options: {
    root: { type: "string" },
    current: { type: "string" },
    released: { type: "string" },
    changesets: { type: "string" },
    "update-released": { type: "boolean", default: false },
    verbose: { type: "boolean", default: false },
  },
});
const root = values.root ? resolve(values.root) : findRoot();
const current = values.current ? resolve(values.current) : join(root, "spec", "dist", "openapi.json");
const released = values.released ? resolve(values.released) : join(root, "spec", "released", "openapi.json");
const changesetDir = values.changesets ? resolve(values.changesets) : join(root, ".changeset");
const name = (/** @type {string} */ f) => relative(root, f) || f;

try {
  if (values["update-released"]) {
    const { from, to } = updateReleased({ root, current, released });
    console.log(`release check: ${name(to)} is now the released spec (copied from ${name(from)})`);
    process.exit(0);
  }
  /** @type {Array<[string, string]>} */
  const required = [
    [current, "run `npm start` or `npx pnpm@10.34.9 generate` to bundle the spec"],
    [released, "it holds the spec of the last release; see Releases in the README"],
  ];
  for (const [file, hint] of required) {
    if (!existsSync(file)) throw new Error(`${name(file)} is missing: ${hint}`);
  }
  const releasedSpec = JSON.parse(readFileSync(released, "utf8"));
  const currentSpec = JSON.parse(readFileSync(current, "utf8"));
  const result = checkRelease({
    released: releasedSpec,
    current: currentSpec,
    changesets: readChangesets(changesetDir),
    versions: packageVersions(root),
  });
  const lines = formatReport(result, {
    released: releasedSpec,
    current: currentSpec,
    releasedName: name(released),
    currentName: name(current),
    verbose: values.verbose,
  });
  (result.ok ? console.log : console.error)(lines.join("\n"));
  process.exit(result.ok ? 0 : 1);
} catch (err) {
  console.error(`release check: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
