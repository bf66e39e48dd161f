/**
 * Turns benchmark results into budget verdicts, a console report and the Markdown block of the README.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The results behind the README's figures, written by `pnpm bench --readme` (committed). */
export const STORED_RESULTS = fileURLToPath(new URL("../results.json", import.meta.url));

/** Markers around the figures in a README. */
export const README_START = "<!-- bench:start -->";
export const README_END = "<!-- bench:end -->";

/** @typedef {{ median: number, p25: number, p75: number, n: number }} Summary */
/** @typedef {{ benchmark: string, budget: string, measured: string, met: boolean }} Verdict */

/**
 * A ratio with its spread: `×1.03 (0.98–1.07)`. Against a budget's `limit`, the median gets a third decimal
 * when two would show the limit itself (1.104 against ≤ ×1.10 reads `×1.104`, not `×1.10`, next to "not met").
 * @param {Summary} r
 * @param {number} [limit]
 */
export function formatRatio(r, limit) {
  const digits = limit !== undefined && r.median !== limit && r.median.toFixed(2) === limit.toFixed(2) ? 3 : 2;
  return `×${r.median.toFixed(digits)} (${r.p25.toFixed(2)}–${r.p75.toFixed(2)})`;
}

/** @param {number} bytes */
export function formatKb(bytes) {
  return `${(bytes / 1000).toFixed(2)} kB`;
}

/** @param {number} ms */
function formatMs(ms) {
  return ms >= 100 ? `${ms.toFixed(0)} ms` : ms >= 10 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(2)} ms`;
}

/**
 * The budgets of the issue, checked against the medians of one run.
 * @param {any} results what bin/bench.mjs measured (any subset of overhead, stream, size)
 * @returns {Verdict[]}
 */
export function verdicts(results) {
  /** @type {Verdict[]} */
  const out = [];
  /** @param {string} benchmark @param {string} budget @param {Summary} r @param {number} limit @param {boolean} [strict] */
  const ratio = (benchmark, budget, r, limit, strict = false) =>
    out.push({
      benchmark,
      budget,
      measured: formatRatio(r, limit),
      met: strict ? r.median < limit : r.median <= limit,
    });
  const o = results.overhead;
  if (o) {
    ratio("per-call", "within 5% of fetch with the same timeout signal (≤ ×1.05)", o.ratios.allmhubVsRawTimeout, 1.05);
    ratio("per-call", "ahead of openai-node (< ×1.00)", o.ratios.allmhubVsOpenai, 1, true);
  }
  const s = results.stream;
  if (s) ratio("stream", "within 10% of the bare parser loop (time ≤ ×1.10)", s.ratios.totalVsBare, 1.1);
  const z = results.size;
  if (z) {
    for (const p of z.packages)
      out.push({
        benchmark: "size",
        budget: `${p.name} ≤ ${formatKb(p.budget)} gzip`,
        measured: formatKb(p.sizeLimit),
        met: p.sizeLimit <= p.budget,
      });
  }
  const g = results.regen;
  if (g) {
    const seconds = (/** @type {string} */ budget, /** @type {Summary} */ r, /** @type {number} */ limit) =>
      out.push({ benchmark: "spec loop", budget, measured: `${r.median.toFixed(1)} s`, met: r.median <= limit });
    seconds("one-file spec change, then generate (≤ 10 s)", g.seconds.oneFile, 10);
    seconds("cold pipeline of npm start (≤ 20 s)", g.seconds.cold, 20);
  }
  return out;
}

/**
 * The figures as Markdown tables (README and console).
 * @param {any} results
 * @returns {string}
 */
export function renderMarkdown(results) {
  const m = results.meta;
  const lines = [];
  /** ` (measured <date> with <command>)` when a section comes from another run than the header's. */
  const from = (/** @type {any} */ section) =>
    section?.meta && (section.meta.date !== m.date || section.meta.command !== m.command)
      ? ` Measured ${section.meta.date} with \`${section.meta.command}\` (load average ${section.meta.loadavg}).`
      : "";
  lines.push(
    `Measured ${m.date} with \`${m.command}\` on Node ${m.node}, ${m.cpus} × ${m.cpuModel} (load average ${m.loadavg} at the start).`,
  );
  lines.push(
    "Ratios are medians of ratios paired within interleaved rounds, with their 25th–75th percentiles; below ×1.00 means @allmhub is faster or smaller.",
  );
  lines.push("");
  const o = results.overhead;
  if (o) {
    lines.push(
      `**Per-call overhead** — documented chat completion, loopback server in a child process, ${o.rounds} rounds × ${o.callsPerRound} sequential calls per contender:${from(o)}`,
    );
    lines.push("");
    lines.push("| contender | median time per call | @allmhub/chat vs it |");
    lines.push("|---|---|---|");
    lines.push(
      `| raw \`fetch\` + \`JSON.parse\` | ${formatMs(o.perCallMs.raw.median)} | ${formatRatio(o.ratios.allmhubVsRaw)} |`,
    );
    if (o.ratios.allmhubVsRawTimeout)
      lines.push(
        `| the same with a timeout signal (\`AbortSignal.timeout\`) | ${formatMs(o.perCallMs.rawTimeout.median)} | ${formatRatio(o.ratios.allmhubVsRawTimeout)} |`,
      );
    lines.push(
      `| openai-node \`chat.completions.create\` | ${formatMs(o.perCallMs.openai.median)} | ${formatRatio(o.ratios.allmhubVsOpenai)} |`,
    );
    lines.push(`| @allmhub/chat \`createChatCompletion\` | ${formatMs(o.perCallMs.allmhub.median)} | |`);
    lines.push("");
  }
  const s = results.stream;
  if (s) {
    lines.push(`**Stream decoding** — one chat stream of ${s.chunks} chunks per read, ${s.rounds} rounds:${from(s)}`);
    lines.push("");
    lines.push("| reader | median read | chunks/s | first chunk | @allmhub time vs it | @allmhub first chunk vs it |");
    lines.push("|---|---|---|---|---|---|");
    lines.push(
      `| bare eventsource-parser loop | ${formatMs(s.totalMs.bare.median)} | ${Math.round(s.chunksPerSecond.bare.median)} | ${formatMs(s.firstMs.bare.median)} | ${formatRatio(s.ratios.totalVsBare)} | ${formatRatio(s.ratios.firstVsBare)} |`,
    );
    if (s.ratios.totalVsBareTimeout) {
      lines.push(
        `| the same with a timeout signal (\`AbortSignal.timeout\`) | ${formatMs(s.totalMs.bareTimeout.median)} | ${Math.round(s.chunksPerSecond.bareTimeout.median)} | ${formatMs(s.firstMs.bareTimeout.median)} | ${formatRatio(s.ratios.totalVsBareTimeout)} | ${formatRatio(s.ratios.firstVsBareTimeout)} |`,
      );
    }
    lines.push(
      `| openai-node stream | ${formatMs(s.totalMs.openai.median)} | ${Math.round(s.chunksPerSecond.openai.median)} | ${formatMs(s.firstMs.openai.median)} | ${formatRatio(s.ratios.totalVsOpenai)} | ${formatRatio(s.ratios.firstVsOpenai)} |`,
    );
    lines.push(
      `| @allmhub/chat \`createChatCompletionStream\` | ${formatMs(s.totalMs.allmhub.median)} | ${Math.round(s.chunksPerSecond.allmhub.median)} | ${formatMs(s.firstMs.allmhub.median)} | | |`,
    );
    lines.push("");
  }
  const z = results.size;
  if (z) {
    lines.push(
      `**Bundle size** — a program that imports the package and makes one call (streamed where the package streams), esbuild (bundle, minify, ESM, browser) and gzip -9; the budget column is the size-limit check CI runs, and CI compares the gzip column with it:${from(z)}`,
    );
    lines.push("");
    lines.push("| package | minified | gzip (size-limit) | budget | |");
    lines.push("|---|---|---|---|---|");
    for (const p of z.packages)
      lines.push(
        `| ${p.name} | ${formatKb(p.minified)} | ${formatKb(p.sizeLimit)} | ${formatKb(p.budget)} | ${p.sizeLimit <= p.budget ? "met" : `**over by ${formatKb(p.sizeLimit - p.budget)}**`} |`,
      );
    for (const v of z.vendors) lines.push(`| ${v.name} | ${formatKb(v.minified)} | ${formatKb(v.gzip - 32)} | | |`);
    lines.push("");
  }
  const t = results.typecheck;
  if (t) {
    lines.push(
      `**Type-check cost** — \`tsc --noEmit\` (skipLibCheck, Node types) of one file using the four packages against the same uses with openai, @anthropic-ai/sdk and @google/genai, ${t.rounds} rounds:${from(t)}`,
    );
    lines.push("");
    lines.push("| file | files loaded | tsc total time | memory used |");
    lines.push("|---|---|---|---|");
    const row = (/** @type {string} */ label, /** @type {any} */ x) =>
      lines.push(
        `| ${label} | ${x.files} | ${x.totalSeconds.median.toFixed(2)} s | ${x.memoryMb.median.toFixed(0)} MB |`,
      );
    row("no SDK (baseline)", t.subjects.baseline);
    row("@allmhub/chat, media, tasks, admin", t.subjects.allmhub);
    row("openai, @anthropic-ai/sdk, @google/genai", t.subjects.vendors);
    lines.push("");
    lines.push(
      `@allmhub vs the vendor SDKs: time ${formatRatio(t.ratios.timeVsVendors)}, memory ${formatRatio(t.ratios.memoryVsVendors)}.`,
    );
    lines.push("");
  }
  const r = results.regen;
  if (r) {
    lines.push(
      `**Spec loop** — ${r.rounds} rounds: a one-file spec change (a chat schema's description) then \`generate\` (${r.commands.oneFile.map((/** @type {string} */ c) => `\`${c}\``).join(" then ")}): ${r.seconds.oneFile.median.toFixed(1)} s, ${r.cachedOnOneFile} of ${r.tasks.oneFile} tasks from the cache; the cold pipeline of \`npm start\` (${r.commands.cold.map((/** @type {string} */ c) => `\`${c}\``).join(" then ")}, generator stamps removed): ${r.seconds.cold.median.toFixed(1)} s.${from(r)}`,
    );
    lines.push("");
  }

  const v = verdicts(results);
  if (v.length) {
    lines.push("| budget | measured | |");
    lines.push("|---|---|---|");
    for (const x of v) lines.push(`| ${x.benchmark}: ${x.budget} | ${x.measured} | ${x.met ? "met" : "**not met**"} |`);
  }
  return lines.join("\n").trimEnd();
}

/** The benchmarks' sections of a results object, in the order the README shows them. */
export const SECTIONS = /** @type {const} */ (["overhead", "stream", "size", "typecheck", "regen"]);

/**
 * The results the README shows after a run: each section this run measured replaces the stored one and
 * keeps the run's `meta` (date, command, machine); the others stay as they were measured. The header's
 * `meta` is this run's when it measured every section, else the stored one's.
 * @param {any} stored the results behind the README so far (`{}` when none)
 * @param {any} fresh this run's results
 * @returns {any}
 */
export function mergeResults(stored, fresh) {
  /** @type {any} */
  const merged = { meta: stored.meta ?? fresh.meta };
  for (const key of SECTIONS) {
    if (fresh[key]) merged[key] = { ...fresh[key], meta: fresh.meta };
    else if (stored[key]) merged[key] = stored[key];
  }
  if (SECTIONS.every((key) => fresh[key])) merged.meta = fresh.meta;
  return merged;
}

/**
 * The figures between {@link README_START} and {@link README_END} of a README.
 * @param {string} text the README
 * @returns {string}
 */
export function readFigures(text) {
  const start = text.indexOf(README_START);
  const end = text.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`the README has no ${README_START} … ${README_END} block`);
  return text.slice(start + README_START.length, end).trim();
}

/**
 * Replaces the figures between {@link README_START} and {@link README_END} in a README.
 * @param {string} text the README
 * @param {string} markdown the new figures
 * @returns {string}
 */
export function replaceFigures(text, markdown) {
  const start = text.indexOf(README_START);
  const end = text.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`the README has no ${README_START} … ${README_END} block`);
  return `${text.slice(0, start + README_START.length)}\n${markdown}\n${text.slice(end)}`;
}

/**
 * The stored results behind the README (`{}` before the first `--readme` run).
 * @returns {any}
 */
export function readStoredResults() {
  return existsSync(STORED_RESULTS) ? JSON.parse(readFileSync(STORED_RESULTS, "utf8")) : {};
}

/**
 * Writes the figures into a README file.
 * @param {string} path
 * @param {string} markdown
 */
export function writeFigures(path, markdown) {
  writeFileSync(path, replaceFigures(readFileSync(path, "utf8"), markdown));
}
