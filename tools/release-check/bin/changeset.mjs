#!/usr/bin/env node
// `npx pnpm@10.34.9 changeset`: changesets' own prompt, which needs a terminal. Without one (a script, CI, an
// agent) `changeset` exits 0 having written nothing, so this refuses with how to write the file by hand.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

if (!process.stdin.isTTY || !process.stdout.isTTY) {
  console.error(
    [
      "changeset: this command asks its questions in a terminal, and there is none here.",
      "Write the file by hand instead, e.g. .changeset/drop-blend.md:",
      "",
      "---",
      '"@allmhub/tasks": minor',
      "---",
      "",
      "Remove submitMidjourneyBlend: the gateway no longer serves /mj/submit/blend.",
      "",
      "(one line per package: major, minor or patch; below 1.0.0 a breaking change is a minor bump)",
    ].join("\n"),
  );
  process.exit(1);
}
const require = createRequire(import.meta.url);
const cli = join(dirname(require.resolve("@changesets/cli/package.json")), "bin.js");
const res = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(res.status ?? 1);
