// @ts-check
// How deep nimma's zoned walk of the resolved document can go for a ruleset.

/**
 * The segments of a JSONPath expression after `$` (`.name`, `[...]`, `..` marking a deep scan), as far as a
 * depth count needs them: brackets may hold quotes, filters and nested brackets.
 * @param {string} path
 * @returns {{ segments: number, deep: boolean }}
 */
export function pathShape(path) {
  let segments = 0;
  let deep = false;
  let i = path.startsWith("$") ? 1 : 0;
  while (i < path.length) {
    if (path.startsWith("..", i)) {
      deep = true;
      i += 2;
      if (path[i] === "[") continue;
    } else if (path[i] === ".") i += 1;
    if (path[i] === "[") {
      let level = 0;
      /** @type {string | null} */
      let quote = null;
      for (; i < path.length; i++) {
        const c = path[i];
        if (quote) {
          if (c === quote) quote = null;
        } else if (c === "'" || c === '"') quote = c;
        else if (c === "[" || c === "(") level++;
        else if ((c === "]" || c === ")") && --level === 0 && c === "]") break;
      }
      i++;
    } else {
      while (i < path.length && path[i] !== "." && path[i] !== "[") i++;
    }
    segments++;
  }
  return { segments, deep };
}

/**
 * The deepest level nimma's zones can reach in the resolved document when a ruleset lints a document: the most
 * segments of a given of a rule Spectral runs on the resolved document (enabled, for one of the document's
 * formats, told as Spectral tells them); 0 when one of them scans deep (`..`), because then nimma walks the
 * whole document anyway. An estimate that is off only costs time: see unshareTop.
 * @param {import("@stoplight/spectral-core").Ruleset} ruleset
 * @param {{ data: unknown, source: string | null }} document
 */
export function zoneDepth(ruleset, document) {
  const formats = new Set([...ruleset.formats].filter((format) => format(document.data, document.source)));
  let depth = 0;
  for (const rule of Object.values(ruleset.rules)) {
    if (!rule.enabled || !rule.resolved || !rule.matchesFormat(formats)) continue;
    for (const given of rule.getGivenForFormats(formats)) {
      const shape = pathShape(given);
      if (shape.deep) return 0;
      depth = Math.max(depth, shape.segments);
    }
  }
  return depth;
}
