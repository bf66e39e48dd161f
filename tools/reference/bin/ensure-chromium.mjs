#!/usr/bin/env node
// Makes sure Debian's Chromium is at /usr/bin/chromium before the browser test runs: when it is missing and we
// are root (CI, the project's machines), installs it with apt-get; otherwise fails with what to run.
// The browser tests (here and in tools/smoke, as allmhub-ensure-chromium) are never skipped; no browser is ever
// downloaded by playwright.
import { execFileSync } from "node:child_process";
import { CHROMIUM, chromiumVersion, installChromiumCommands } from "../src/chromium.mjs";

const version = chromiumVersion();
if (version) {
  console.log(`chromium: ${version} (${CHROMIUM})`);
  process.exit(0);
}
if (process.getuid?.() !== 0) {
  console.error(
    `${CHROMIUM} is missing; install Debian's Chromium as root:\n  ${installChromiumCommands()
      .map((c) => c.join(" "))
      .join("\n  ")}`,
  );
  process.exit(1);
}
console.log(`${CHROMIUM} is missing: installing Debian's chromium package`);
// One apt-get at a time: this test and the smoke test (tools/smoke) may both install it at once under turbo.
for (const command of installChromiumCommands()) {
  execFileSync("flock", ["/tmp/allmhub-apt.lock", ...command], {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
}
const installed = chromiumVersion();
if (!installed) {
  console.error(`apt-get finished but ${CHROMIUM} does not run`);
  process.exit(1);
}
console.log(`chromium: ${installed} (${CHROMIUM})`);
