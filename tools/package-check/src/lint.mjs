// @ts-check
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { publint } from "publint";
import { formatMessage } from "publint/utils";

const require = createRequire(import.meta.url);
const run = promisify(execFile);

/**
 * Runs publint on a packed tarball, in strict mode (warnings count as errors), and returns every message it
 * has, suggestions included, as readable lines. Empty means publint found nothing to say.
 * @param {Uint8Array} tarball the `.tgz` file's bytes
 * @returns {Promise<string[]>}
 * @example
 * const messages = await runPublint(readFileSync("allmhub-chat-0.1.0.tgz")); // []
 */
export async function runPublint(tarball) {
  const copy = new Uint8Array(tarball.byteLength);
  copy.set(tarball);
  const { messages, pkg } = await publint({ pack: { tarball: copy.buffer }, strict: true, level: "suggestion" });
  return messages.map((m) => `${m.type}: ${formatMessage(m, pkg, { color: false }) ?? m.code} (${m.code})`);
}

/** Absolute path of the `attw` command of @arethetypeswrong/cli. */
export function attwBin() {
  const manifestPath = require.resolve("@arethetypeswrong/cli/package.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  return join(dirname(manifestPath), manifest.bin.attw);
}

/**
 * Runs the `attw` command (Are the Types Wrong?, profile `strict`: node10, node16 from CJS and from ESM,
 * bundler) on a packed tarball. A package without types passes `attw` silently, so that is reported as a
 * problem here.
 * @param {string} tarballPath path of the `.tgz` file
 * @returns {Promise<{ exitCode: number, typed: boolean, problems: string[] }>}
 * @example
 * const { problems } = await runAttw("/tmp/allmhub-chat-0.1.0.tgz"); // []
 */
export async function runAttw(tarballPath) {
  let stdout = "";
  let exitCode = 0;
  try {
    ({ stdout } = await run(process.execPath, [attwBin(), tarballPath, "--format", "json", "--no-color"], {
      maxBuffer: 64 * 1024 * 1024,
    }));
  } catch (error) {
    const e = /** @type {{ code?: number, stdout?: string, stderr?: string }} */ (error);
    if (typeof e.code !== "number" || !e.stdout) throw error;
    exitCode = e.code;
    stdout = e.stdout;
  }
  const { analysis } = JSON.parse(stdout);
  const typed = Boolean(analysis?.types);
  /** @type {string[]} */
  const problems = (analysis?.problems ?? []).map(
    (/** @type {any} */ p) =>
      `${p.kind}${p.entrypoint ? ` at "${p.entrypoint}"` : ""}${p.resolutionKind ? ` (${p.resolutionKind})` : ""}`,
  );
  if (!typed) problems.push("the package ships no type declarations");
  return { exitCode, typed, problems };
}
