// @ts-check
import { readFileSync } from "node:fs";
import { checkDeclarations } from "./declarations.mjs";
import { runAttw, runPublint } from "./lint.mjs";
import { checkManifest } from "./manifest.mjs";
import { packPackage, pnpmCommand, publishedPackages } from "./workspace.mjs";
import { packageFiles, readTarball } from "./tar.mjs";

export { ALLOWED_FILES, REQUIRED_FILES, checkManifest } from "./manifest.mjs";
export { checkDeclarations } from "./declarations.mjs";
export { attwBin, runAttw, runPublint } from "./lint.mjs";
export { bundleForBrowser, keptInputs, runInBrowserLikeContext } from "./browser.mjs";
export { DEAD_BASE_URL, PROBES, runProbe, writeProbes } from "./probes.mjs";
export { installScratchProject, scratchEnv, typecheckConsumer } from "./scratch-project.mjs";
export { packPackage, pnpmCommand, publishedPackages, repoRoot } from "./workspace.mjs";
export { packageFiles, readTarball } from "./tar.mjs";

/**
 * A package as users get it: its tarball, the files in it and the manifest pnpm wrote into it.
 * @typedef {{ name: string, version: string, dir: string, tarball: string, bytes: Buffer, files: Map<string, Buffer>, manifest: any }} PackedPackage
 */

/**
 * Packs every published package of the workspace into `destination` (in parallel) and reads each tarball.
 * @param {string} destination folder for the `.tgz` files
 * @param {string} [root] the repository root
 * @returns {Promise<PackedPackage[]>} in dependency order, core first
 * @example
 * const packed = await packAll(mkdtempSync(join(tmpdir(), "packs-")));
 * for (const p of packed) console.log(p.name, checkManifest(p.manifest, p.files.keys()));
 */
export async function packAll(destination, root) {
  const pnpm = pnpmCommand(root);
  const packages = publishedPackages(root);
  return Promise.all(
    packages.map(async (p) => {
      const tarball = await packPackage(p.dir, destination, pnpm);
      const bytes = readFileSync(tarball);
      const files = packageFiles(readTarball(bytes));
      const manifestFile = files.get("package.json");
      if (!manifestFile) throw new Error(`${tarball} has no package.json`);
      return { ...p, tarball, bytes, files, manifest: JSON.parse(manifestFile.toString("utf8")) };
    }),
  );
}

/**
 * Problems of one packed package found without installing it: the project's manifest rules (with those of
 * its declaration files), publint and Are the Types Wrong.
 * @param {PackedPackage} p
 * @returns {Promise<{ manifest: string[], publint: string[], attw: string[] }>}
 */
export async function lintPacked(p) {
  const [publint, attw] = await Promise.all([runPublint(p.bytes), runAttw(p.tarball)]);
  const manifest = [...checkManifest(p.manifest, p.files.keys()), ...checkDeclarations(p.files)];
  return { manifest, publint, attw: attw.problems };
}
