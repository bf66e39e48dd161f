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
 * The changeset files that declare a major bump for a package.
 * @param {PendingChangeset[]} changesets
 * @param {string} pkg e.g. `@allmhub/chat`
 * @returns {string[]}
 */
export function majorsFor(changesets, pkg) {
  return changesets.filter((c) => c.releases.some((r) => r.name === pkg && r.type === "major")).map((c) => c.file);
}
