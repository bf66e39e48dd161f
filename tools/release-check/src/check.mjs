// @ts-check
// The release check: breaking spec changes since the last release need a pending changeset with a breaking bump
// (major, or minor below 1.0.0) for each package they touch.
import { affectedPackages, findBreakingChanges, formatChanges, operationsById } from "./breaking.mjs";
import { breakingBumps, breakingChangesetsFor } from "./changesets.mjs";

/**
 * @typedef {import("./breaking.mjs").BreakingChange} BreakingChange
 * @typedef {import("./changesets.mjs").PendingChangeset} PendingChangeset
 * @typedef {{
 *   ok: boolean,
 *   changes: BreakingChange[],
 *   packages: { name: string, version: string | undefined, declared: string[] }[],
 *   missing: string[],
 * }} ReleaseCheck
 */

/**
 * Compares the bundled spec with the released one and matches the breaking changes with the pending changesets.
 * @param {{ released: any, current: any, changesets: PendingChangeset[], versions?: Record<string, string> }} input
 *   `versions`: each published package's current version by name (a package below 1.0.0 breaks with a minor bump)
 * @returns {ReleaseCheck}
 */
export function checkRelease({ released, current, changesets, versions = {} }) {
  const changes = findBreakingChanges(released, current);
  const packages = affectedPackages(changes).map((name) => ({
    name,
    version: versions[name],
    declared: breakingChangesetsFor(changesets, name, versions[name]),
  }));
  const missing = packages.filter((p) => p.declared.length === 0).map((p) => p.name);
  return { ok: missing.length === 0, changes, packages, missing };
}

/**
 * The report printed by the check, one line each.
 * @param {ReleaseCheck} result
 * @param {{ released: any, current: any, releasedName: string, currentName: string, verbose?: boolean }} context
 *   `verbose` lists the changes of a passing check too
 * @returns {string[]}
 */
export function formatReport(result, { released, current, releasedName, currentName, verbose = false }) {
  const head = `${currentName} (${operationsById(current).size} operations) against ${releasedName} (${operationsById(released).size} operations, version ${released?.info?.version ?? "?"})`;
  if (result.changes.length === 0) return [`release check: no breaking change in ${head}`];
  if (result.ok && !verbose) {
    // A pass: the breaking changes are all declared; --verbose lists them.
    return [
      `release check: ok, ${head}: every package whose clients the spec changes declares it in a pending changeset (${result.packages.map((p) => p.name).join(", ")}; --verbose lists the ${result.changes.length} changes)`,
    ];
  }
  const lines = [`release check: ${result.changes.length} breaking change(s) in ${head}:`];
  for (const line of formatChanges(result.changes)) lines.push(`  ${line}`);
  for (const p of result.packages) {
    const bump = breakingBumps(p.version).join(" or ");
    lines.push(
      p.declared.length
        ? `  ${p.name}: breaking bump (${bump}) declared in .changeset/${p.declared.join(", .changeset/")}`
        : `  ${p.name}: NO pending changeset declares a breaking bump (${bump}${p.version ? ` from ${p.version}` : ""})`,
    );
  }
  if (!result.ok) {
    lines.push(
      `release check failed: these changes break clients of ${result.missing.join(", ")}. Either undo them, or run`,
      `\`npx pnpm@10.34.9 changeset\`, choose ${result.packages
        .filter((p) => result.missing.includes(p.name))
        .map((p) => `${breakingBumps(p.version).at(-1)} for ${p.name}`)
        .join(", ")}, describe the break, and commit the file.`,
    );
  }
  return lines;
}
