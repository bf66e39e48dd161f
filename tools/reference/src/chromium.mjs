// @ts-check
// Debian's Chromium, driven by playwright-core: the fixed path, the flags, and the install commands.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Where Debian's chromium package puts the browser. */
export const CHROMIUM = "/usr/bin/chromium";

/** Flags for a headless, quiet, offline run (the user data dir is added per launch). */
export const CHROMIUM_ARGS = Object.freeze([
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
]);

/** Debian packages the test needs: the browser, and fonts that show the Chinese page titles. */
export const DEBIAN_PACKAGES = Object.freeze(["chromium", "fonts-wqy-microhei"]);

/**
 * The commands that install the browser (run as root).
 * @returns {string[][]}
 */
/** @returns {Array<[string, ...string[]]>} */
export function installChromiumCommands() {
  return [
    ["apt-get", "update"],
    ["apt-get", "install", "-y", "--no-install-recommends", ...DEBIAN_PACKAGES],
  ];
}

/**
 * The version Chromium reports (`Chromium 150.0...`), or undefined when it is missing or does not run.
 * @param {string} [executable]
 * @returns {string | undefined}
 */
export function chromiumVersion(executable = CHROMIUM) {
  if (!existsSync(executable)) return undefined;
  try {
    return execFileSync(executable, ["--version"], { encoding: "utf8", timeout: 60_000 }).trim();
  } catch {
    return undefined;
  }
}

/**
 * Options for playwright-core's `chromium.launchPersistentContext(userDataDir, options)` with a fresh user data dir
 * (playwright passes it as `--user-data-dir`).
 * @returns {{ userDataDir: string, options: { executablePath: string, headless: true, args: string[] } }}
 */
export function launchOptions() {
  const userDataDir = mkdtempSync(join(tmpdir(), "allmhub-chromium-"));
  return { userDataDir, options: { executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS] } };
}
