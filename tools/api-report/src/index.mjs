// @ts-check
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { apiReport } from "./report.mjs";

export { apiReport };

/**
 * The report of every published package of a repository (`packages/*` that are not private).
 * @param {string} root
 * @returns {Array<{ name: string, dir: string, report: string }>}
 */
export function apiReports(root) {
  const dir = join(root, "packages");
  return readdirSync(dir)
    .map((folder) => join(dir, folder))
    .filter(
      (p) => existsSync(join(p, "package.json")) && !JSON.parse(readFileSync(join(p, "package.json"), "utf8")).private,
    )
    .map((p) => ({
      name: JSON.parse(readFileSync(join(p, "package.json"), "utf8")).name,
      dir: p,
      report: apiReport(p),
    }));
}
