// @ts-check

/**
 * A plain-text table of contract results, one row per documented example, and a closing count line.
 * @param {import("./run.mjs").ContractResult[]} results
 * @returns {string}
 */
export function formatTable(results) {
  const rows = results.map((r) => [r.package, r.operationId, r.example, r.outcome.toUpperCase(), r.detail]);
  const header = ["package", "operation", "example", "result", "detail"];
  const widths = header.map((h, i) =>
    Math.min(i === 4 ? 90 : 48, Math.max(h.length, ...rows.map((row) => String(row[i]).length))),
  );
  const line = (/** @type {string[]} */ cells) =>
    cells
      .map((c, i) => (c.length > (widths[i] ?? 0) ? `${c.slice(0, (widths[i] ?? 1) - 1)}…` : c.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  const out = [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)];
  out.push("", summaryLine(results));
  return out.join("\n");
}

/**
 * `N passed, N failed, N skipped`: the closing line test reports understand.
 * @param {import("./run.mjs").ContractResult[]} results
 */
export function summaryLine(results) {
  const count = (/** @type {string} */ o) => results.filter((r) => r.outcome === o).length;
  return `${count("pass")} passed, ${count("fail")} failed, ${count("skip")} skipped`;
}
