// @ts-check
// The committed inputs of the fidelity check: the reference extracts, the deliberate exceptions and the
// floors; and the bundled spec they are compared with.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";

const here = dirname(fileURLToPath(import.meta.url));
export const SPEC_DIR = join(here, "..");
export const REFERENCE_DIR = join(SPEC_DIR, "reference");
export const EXCEPTIONS_FILE = join(REFERENCE_DIR, "fidelity-exceptions.yaml");
export const FLOORS_FILE = join(REFERENCE_DIR, "fidelity-floors.json");
export const BUNDLE_FILE = join(SPEC_DIR, "dist", "openapi.json");
export const REPORT_FILE = join(SPEC_DIR, ".reports", "fidelity.json");

const KINDS = ["missing", "type", "struct", "required", "example"];
const SIDES = ["request", "answer", "events"];

/** @param {string} file */
const readJson = (file) => JSON.parse(readFileSync(file, "utf8"));

/** The reference extracts (see reference/README.md). */
export function loadReference(dir = REFERENCE_DIR) {
  return {
    openai: readJson(join(dir, "openai.json")),
    anthropic: readJson(join(dir, "anthropic.json")),
    gemini: readJson(join(dir, "gemini.json")),
    newApi: readJson(join(dir, "new-api.json")),
  };
}

/** The bundled spec (built by the spec package's `bundle` task). */
export function loadBundle(file = BUNDLE_FILE) {
  return readJson(file);
}

/**
 * The deliberate exceptions, checked for shape.
 * @returns {import("./measure.mjs").Exception[]}
 */
export function loadExceptions(file = EXCEPTIONS_FILE) {
  const doc = YAML.parse(readFileSync(file, "utf8")) ?? {};
  const list = doc.exceptions ?? [];
  if (!Array.isArray(list)) throw new Error(`${file}: \`exceptions\` must be a list`);
  list.forEach((e, i) => {
    const where = `${file}: exception ${i + 1}`;
    for (const k of ["operation", "side", "path", "reason"]) {
      if (typeof e?.[k] !== "string" || !e[k].trim()) throw new Error(`${where} lacks \`${k}\``);
    }
    if (!SIDES.includes(e.side)) throw new Error(`${where}: side must be one of ${SIDES.join(", ")}`);
    if (e.kind !== undefined && !KINDS.includes(e.kind))
      throw new Error(`${where}: kind must be one of ${KINDS.join(", ")}`);
  });
  return list;
}

/**
 * @typedef {{ vendor?: number, newApi?: number, requiredViolations?: string[] }} SideFloor
 * `requiredViolations`: the answer fields the spec requires although the vendor does not, known when the
 * floors were written (to be fixed, or made deliberate exceptions of kind `required`).
 * @typedef {{
 *   goal: number,
 *   operations: Record<string, Record<string, SideFloor>>,
 *   vendorExamples: { rejected: string[] },
 *   sdkRequests: { rejected: string[] },
 * }} Floors
 * `vendorExamples.rejected`: OpenAI examples (tools/contract/test/vendor-examples.test.ts) and
 * `sdkRequests.rejected`: official SDK requests (packages/chat/test/sdk-fidelity.test.ts) the spec still
 * rejects: spec bugs being fixed. A new rejection fails those tests; one accepted again is reported.
 */

/** @returns {Floors} */
export function loadFloors(file = FLOORS_FILE) {
  const floors = readJson(file);
  return {
    goal: floors.goal ?? 0.95,
    operations: floors.operations ?? {},
    vendorExamples: { rejected: floors.vendorExamples?.rejected ?? [] },
    sdkRequests: { rejected: floors.sdkRequests?.rejected ?? [] },
  };
}

/**
 * @param {Floors} floors
 * @param {string} [file]
 */
export function writeFloors(floors, file = FLOORS_FILE) {
  const ordered = {
    $comment:
      "Written by `node spec/fidelity/update-floors.mjs`: per operation and side, the coverage the spec may not fall below (the figures when last updated, rounded down) and the answer fields it requires against the vendor's word (known, to be fixed; a new one fails); vendorExamples.rejected and sdkRequests.rejected list the OpenAI examples and official SDK requests the spec still rejects (spec bugs being fixed).",
    goal: floors.goal,
    operations: floors.operations,
    vendorExamples: { rejected: [...floors.vendorExamples.rejected].sort() },
    sdkRequests: { rejected: [...floors.sdkRequests.rejected].sort() },
  };
  writeFileSync(file, `${JSON.stringify(ordered, null, 2)}\n`);
}
