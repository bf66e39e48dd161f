// @ts-check
// Judging a fidelity report against the floors, and printing it.

/**
 * @typedef {import("./measure.mjs").FidelityReport} FidelityReport
 * @typedef {import("./files.mjs").Floors} Floors
 * @typedef {import("./files.mjs").SideFloor} SideFloor
 */

/** A coverage rounded down to two decimals (0.5699999 stays 0.56, 0.57 stays 0.57). */
export const roundDown = (/** @type {number} */ v) => Math.floor(v * 100 + 1e-9) / 100;

/**
 * The floors the report meets exactly: current figures rounded down.
 * @param {FidelityReport} report
 * @param {Floors} [previous] keeps its goal and the lists of rejected examples and SDK requests
 * @returns {Floors}
 */
export function floorsOf(report, previous) {
  /** @type {Floors["operations"]} */
  const operations = {};
  for (const op of report.operations) {
    /** @type {Record<string, SideFloor>} */
    const sides = {};
    for (const s of op.sides) {
      /** @type {SideFloor} */
      const f = {};
      if (s.vendor.coverage !== null) f.vendor = roundDown(s.vendor.coverage);
      if (s.newApi?.coverage != null) f.newApi = roundDown(s.newApi.coverage);
      if (s.required) f.requiredViolations = s.required.violations.map((v) => v.path).sort();
      sides[s.side] = f;
    }
    operations[op.key] = sides;
  }
  return {
    goal: previous?.goal ?? 0.95,
    operations,
    vendorExamples: previous?.vendorExamples ?? { rejected: [] },
    sdkRequests: previous?.sdkRequests ?? { rejected: [] },
  };
}

/**
 * What fails the check: a coverage below its floor, an answer field required against the vendor's word that
 * the floors do not list yet, a side without a floor, and stale exceptions. Also what is below the goal
 * (reported, not failing).
 * @param {FidelityReport} report
 * @param {Floors} floors
 */
export function judge(report, floors) {
  /** @type {string[]} */
  const failures = [];
  /** @type {string[]} */
  const belowGoal = [];
  for (const op of report.operations) {
    for (const s of op.sides) {
      const where = `${op.key} ${s.side}`;
      const floor = floors.operations[op.key]?.[s.side];
      if (!floor) {
        failures.push(`${where}: no floor recorded (run node spec/fidelity/update-floors.mjs)`);
        continue;
      }
      const cov = s.vendor.coverage;
      if (cov !== null && floor.vendor !== undefined && roundDown(cov) < floor.vendor) {
        failures.push(`${where}: vendor coverage ${pct(cov)} fell below its floor ${pct(floor.vendor)}`);
      }
      const nac = s.newApi?.coverage ?? null;
      if (nac !== null && floor.newApi !== undefined && roundDown(nac) < floor.newApi) {
        failures.push(`${where}: new-api struct coverage ${pct(nac)} fell below its floor ${pct(floor.newApi)}`);
      }
      const knownViolations = new Set(floor.requiredViolations ?? []);
      const newViolations = (s.required?.violations ?? []).filter((v) => !knownViolations.has(v.path));
      if (newViolations.length) {
        failures.push(
          `${where}: answer fields required against the vendor's word: ${newViolations.map((v) => `${v.path} (${v.why})`).join(", ")}`,
        );
      }
      if (cov !== null && cov < floors.goal) belowGoal.push(`${where}: vendor ${pct(cov)}`);
      // The goal for new-api's structs is about answers (issue #19: answer fields the structs define).
      if (s.side !== "request" && nac !== null && nac < floors.goal) belowGoal.push(`${where}: new-api ${pct(nac)}`);
    }
  }
  for (const e of report.exceptions.stale) {
    failures.push(`stale exception (${e.kind}) ${e.operation} ${e.side} ${e.path}: ${e.why}`);
  }
  return { failures, belowGoal };
}

/** @param {number} v */
const pct = (v) => `${(v * 100).toFixed(1)}%`;

/**
 * A plain-text table of the figures, one line per operation and side.
 * @param {FidelityReport} report
 * @param {Floors} [floors]
 */
export function formatTable(report, floors) {
  const rows = [
    [
      "operation",
      "side",
      "operationId",
      "vendor typed/present/total",
      "vendor",
      "floor",
      "new-api present/total",
      "new-api",
      "req!",
    ],
  ];
  for (const op of report.operations) {
    for (const s of op.sides) {
      const floor = floors?.operations[op.key]?.[s.side];
      rows.push([
        op.key,
        s.side,
        op.operationId ?? "(not in spec)",
        `${s.vendor.typed}+${s.vendor.excepted}/${s.vendor.present}/${s.vendor.total}`,
        s.vendor.coverage === null ? "-" : pct(s.vendor.coverage),
        floor?.vendor === undefined ? "-" : pct(floor.vendor),
        s.newApi ? `${s.newApi.present}+${s.newApi.excepted}/${s.newApi.total}` : "-",
        s.newApi?.coverage == null ? "-" : pct(s.newApi.coverage),
        s.required ? String(s.required.violations.length) : "",
      ]);
    }
  }
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  const line = (/** @type {string[]} */ r) =>
    r.map((c, i) => (i >= 3 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join("  ");
  return [
    line(rows[0] ?? []),
    ...rows.slice(1).map(line),
    "",
    "vendor typed+excepted/present/total: vendor fields in the spec with a type accepting the vendor's, plus deliberate exceptions / fields present / fields the vendor defines;",
    "vendor = (typed + excepted) / total. new-api present+excepted/total: fields of new-api's structs at the same places. req!: answer fields the spec requires and the vendor does not.",
  ].join("\n");
}
