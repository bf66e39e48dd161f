import { describe, expect, it } from "vitest";
import {
  README_END,
  README_START,
  formatRatio,
  mergeResults,
  readFigures,
  renderMarkdown,
  replaceFigures,
  verdicts,
} from "../src/report.mjs";
import { parseDiagnostics } from "../src/typecheck.mjs";
import { editedSchema, freshTag, regenSteps } from "../src/regen.mjs";

const at = (median: number) => ({ median, p25: median * 0.9, p75: median * 1.1, n: 5 });
const meta = {
  date: "2025-01-01",
  command: "pnpm bench",
  node: "20.19.0",
  cpus: 2,
  cpuModel: "CPU",
  loadavg: "0.10 0.10 0.10",
};

describe("verdicts", () => {
  it("holds the medians to the issue's budgets, boundaries included", () => {
    const v = verdicts({
      overhead: { ratios: { allmhubVsRaw: at(1.2), allmhubVsRawTimeout: at(1.05), allmhubVsOpenai: at(1.0) } },
      stream: {
        ratios: { totalVsOpenai: at(0.5), totalVsBare: at(1.11), firstVsBare: at(1.0), firstVsOpenai: at(0.9) },
      },
      size: {
        packages: [
          { name: "@allmhub/chat", budget: 6000, sizeLimit: 6000 },
          { name: "@allmhub/tasks", budget: 6500, sizeLimit: 6501 },
        ],
      },
      regen: { seconds: { oneFile: at(10), cold: at(20.5) } },
    });
    expect(v.map((x: { budget: string; met: boolean }) => [x.budget, x.met])).toEqual([
      ["within 5% of fetch with the same timeout signal (≤ ×1.05)", true],
      ["ahead of openai-node (< ×1.00)", false],
      ["within 10% of the bare parser loop (time ≤ ×1.10)", false],
      ["@allmhub/chat ≤ 6.00 kB gzip", true],
      ["@allmhub/tasks ≤ 6.50 kB gzip", false],
      ["one-file spec change, then generate (≤ 10 s)", true],
      ["cold pipeline of npm start (≤ 20 s)", false],
    ]);
  });
});

describe("renderMarkdown and the README block", () => {
  it("names the command and the machine and marks unmet budgets", () => {
    const md = renderMarkdown({
      meta,
      size: {
        packages: [{ name: "@allmhub/chat", budget: 6000, minified: 20000, gzip: 7032, sizeLimit: 7000, inputs: [] }],
        vendors: [{ name: "openai", minified: 150000, gzip: 36032 }],
      },
    });
    expect(md).toContain("`pnpm bench`");
    expect(md).toContain("Node 20.19.0");
    expect(md).toContain("| @allmhub/chat | 20.00 kB | 7.00 kB | 6.00 kB | **over by 1.00 kB** |");
    expect(md).toContain("| openai | 150.00 kB | 36.00 kB | | |");
    expect(md).toContain("| size: @allmhub/chat ≤ 6.00 kB gzip | 7.00 kB | **not met** |");
  });

  it("shows the hand-written calls with a timeout signal next to the bare ones, outside the budgets", () => {
    const results = {
      meta,
      overhead: {
        rounds: 3,
        callsPerRound: 10,
        perCallMs: { raw: at(1), rawTimeout: at(1.06), allmhub: at(1.1), openai: at(1.5) },
        ratios: { allmhubVsRaw: at(1.1), allmhubVsRawTimeout: at(1.04), allmhubVsOpenai: at(0.73) },
      },
    };
    const md = renderMarkdown(results);
    expect(md).toContain("| the same with a timeout signal (`AbortSignal.timeout`) | 1.06 ms | ×1.04 (0.94–1.14) |");
    expect(verdicts(results).map((v: { budget: string }) => v.budget)).toEqual([
      "within 5% of fetch with the same timeout signal (≤ ×1.05)",
      "ahead of openai-node (< ×1.00)",
    ]);
  });

  it("formats ratios with their spread", () => {
    expect(formatRatio({ median: 1.234, p25: 1.1, p75: 1.4, n: 3 })).toBe("×1.23 (1.10–1.40)");
  });

  it("gives a budget's ratio a third decimal only when two would read as the budget itself", () => {
    expect(formatRatio({ median: 1.1041, p25: 1.06, p75: 1.12, n: 3 }, 1.1)).toBe("×1.104 (1.06–1.12)");
    expect(formatRatio({ median: 0.9968, p25: 0.9, p75: 1.1, n: 3 }, 1)).toBe("×0.997 (0.90–1.10)");
    expect(formatRatio({ median: 1.1, p25: 1, p75: 1.2, n: 3 }, 1.1)).toBe("×1.10 (1.00–1.20)");
    expect(formatRatio({ median: 1.12, p25: 1, p75: 1.2, n: 3 }, 1.1)).toBe("×1.12 (1.00–1.20)");
    const [row] = verdicts({
      stream: { ratios: { totalVsOpenai: at(1), totalVsBare: at(1.1041), firstVsBare: at(1), firstVsOpenai: at(1) } },
    });
    expect(row).toMatchObject({ measured: expect.stringMatching(/^×1\.104 /), met: false });
  });

  it("replaces only what is between the markers", () => {
    const readme = `# x\n\n${README_START}\nold\n${README_END}\n\nafter\n`;
    expect(replaceFigures(readme, "new")).toBe(`# x\n\n${README_START}\nnew\n${README_END}\n\nafter\n`);
    expect(() => replaceFigures("# no block", "new")).toThrow(/no/);
  });
});

describe("tsc diagnostics and the regeneration command", () => {
  it("reads files, total time, check time and memory from --extendedDiagnostics", () => {
    const out =
      "Files:                         167\nMemory used:               110714K\nCheck time:                  0.26s\nTotal time:                  5.88s\n";
    expect(parseDiagnostics(out)).toEqual({ files: 167, totalSeconds: 5.88, checkSeconds: 0.26, memoryKb: 110714 });
    expect(() => parseDiagnostics("Files: 3\n")).toThrow(/Total time|Check time|Memory used/);
  });

  it("times generate after a one-file change (cache on), and npm start's pipeline cold (--force)", () => {
    expect(regenSteps("one-file").map((a) => a.slice(0, 4))).toEqual([
      ["run", "generate", "lint", "--output-logs=errors-only"],
      ["run", "build", "--output-logs=errors-only", "--log-prefix=none"],
    ]);
    // Cold: both invocations share one empty cache folder, as a fresh clone's two invocations share its cache.
    expect(
      regenSteps("cold", "/tmp/c1").every((a) => a.includes("--cache-dir=/tmp/c1") && !a.includes("--force")),
    ).toBe(true);
    expect(regenSteps("cold").map((a) => a[1])).toEqual(["generate", "contract"]);
    expect(editedSchema("A:\n  description: Rerank.\n  type: object\n", "t1")).toBe(
      "A:\n  description: Rerank. (bench t1)\n  type: object\n",
    );
    expect(() => editedSchema("A: {}", "t1")).toThrow(/no description/);
    // Every run edits the file into text turbo's cache has not seen.
    expect(freshTag()).not.toBe(freshTag());
  });
});

describe("mergeResults", () => {
  const size = (sizeLimit: number) => ({
    packages: [{ name: "@allmhub/chat", budget: 6000, minified: 20000, gzip: sizeLimit + 32, sizeLimit, inputs: [] }],
    vendors: [],
  });
  const regen = {
    rounds: 1,
    commands: { oneFile: ["a"], cold: ["b"] },
    tasks: { oneFile: 3 },
    cachedOnOneFile: 2,
    seconds: { oneFile: at(5), cold: at(15) },
  };

  it("replaces the sections a partial run measured and keeps the others with the run that measured them", () => {
    const full = { ...meta, date: "2025-01-01" };
    const later = { ...meta, date: "2025-02-01", command: "pnpm bench --only size" };
    const stored = mergeResults({}, { meta: full, size: size(7000), regen });
    const merged = mergeResults(stored, { meta: later, size: size(6900) });
    expect(merged.meta).toEqual(full);
    expect(merged.size.packages[0].sizeLimit).toBe(6900);
    expect(merged.size.meta).toEqual(later);
    expect(merged.regen.meta).toEqual(full);
    const md = renderMarkdown(merged);
    expect(md).toMatch(/^Measured 2025-01-01 with `pnpm bench`/);
    expect(md).toContain("Measured 2025-02-01 with `pnpm bench --only size` (load average 0.10 0.10 0.10).");
    expect(md).toContain("| @allmhub/chat | 20.00 kB | 6.90 kB | 6.00 kB | **over by 0.90 kB** |");
    // A full run starts the figures over, under its own header.
    const sections = Object.fromEntries(["overhead", "stream", "size", "typecheck", "regen"].map((k) => [k, {}]));
    const again = mergeResults(merged, { meta: later, ...sections });
    expect(again.meta).toEqual(later);
  });

  it("reads back the block replaceFigures wrote", () => {
    const text = replaceFigures(`# x\n${README_START}\nold\n${README_END}\n`, "new figures");
    expect(readFigures(text)).toBe("new figures");
  });
});
