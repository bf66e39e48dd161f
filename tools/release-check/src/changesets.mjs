// @ts-check
// The pending changesets (.changeset/*.md) and the bumps they declare.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import parseChangeset from "@changesets/parse";

/**
 * @typedef {"major" | "minor" | "patch" | "none"} Bump
 * @typedef {{ file: string, releases: { name: string, type: Bump }[], summary: string }} PendingChangeset
 */

/**
 * Reads the pending changesets of a `.changeset` folder (every `*.md` but its README), with changesets' own parser.
 * @param {string} dir the `.changeset` folder
 * @returns {PendingChangeset[]}
 */
export function readChangesets(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".md") && f.toLowerCase() !== "readme.md")
    .sort()
    .map((f) => {
      const { releases, summary } = parseChangeset(readFileSync(join(dir, f), "utf8"));
      return { file: f, releases: /** @type {PendingChangeset["releases"]} */ (releases), summary };
    });
}

/**
 * The bump that tells users of a package that it breaks them: `major`, or `minor` while the package is below
 * 1.0.0 (semver gives 0.x versions no compatibility promise, and npm's `^0.1.0` range stops before 0.2.0).
 * @param {string | undefined} version the package's current version (unknown: treated as 1.0.0 or later)
 * @returns {Bump[]}
 */
export function breakingBumps(version) {
  return version && /^0\./.test(version) ? ["major", "minor"] : ["major"];
}

/**
 * The changeset files that declare a breaking bump for a package (see {@link breakingBumps}).
 * @param {PendingChangeset[]} changesets
 * @param {string} pkg e.g. `@allmhub/chat`
 * @param {string} [version] the package's current version
 * @returns {string[]}
 */
export function breakingChangesetsFor(changesets, pkg, version) {
  const accepted = breakingBumps(version);
  return changesets
    .filter((c) => c.releases.some((r) => r.name === pkg && accepted.includes(r.type)))
    .map((c) => c.file);
}
