import { describe, expect, it } from "vitest";
import { interleave, median, pairedRatio, quantile, roundOrder, runNodeTimed, summarize } from "../src/stats.mjs";

describe("stats", () => {
  it("quantile interpolates between ranks and median takes the middle", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(quantile([10, 20, 30, 40, 50], 0.25)).toBe(20);
    expect(quantile([10, 20], 0.25)).toBe(12.5);
    expect(quantile([7], 0.9)).toBe(7);
    expect(() => quantile([], 0.5)).toThrow(RangeError);
    expect(() => quantile([1], 1.5)).toThrow(RangeError);
  });

  it("summarize reports median, quartiles and count", () => {
    expect(summarize([1, 2, 3, 4, 5])).toEqual({ median: 3, p25: 2, p75: 4, n: 5 });
  });

  it("pairedRatio divides round by round, so a slow round slows both sides equally", () => {
    // Contender A is 10% slower than B in every round, while the machine's speed varies fourfold.
    const b = [1, 4, 2, 3, 1];
    const a = b.map((x) => x * 1.1);
    const r = pairedRatio(a, b);
    expect(r.median).toBeCloseTo(1.1, 10);
    expect(r.p25).toBeCloseTo(1.1, 10);
    expect(r.p75).toBeCloseTo(1.1, 10);
    expect(() => pairedRatio([1], [1, 2])).toThrow(RangeError);
  });

  it("roundOrder is balanced: over a cycle each contender goes first, and follows each other one, equally often", () => {
    expect(roundOrder(["a", "b", "c", "d"], 0)).toEqual(["a", "b", "d", "c"]);
    expect(roundOrder(["a", "b", "c", "d"], 1)).toEqual(["b", "c", "a", "d"]);
    expect(roundOrder(["a", "b", "c"], 3)).toEqual(["c", "b", "a"]);
    for (let n = 1; n <= 7; n++) {
      const names = Array.from({ length: n }, (_, i) => `c${i}`);
      const cycle = n % 2 ? 2 * n : n;
      const first = new Map<string, number>();
      const follows = new Map<string, number>();
      for (let round = 0; round < cycle; round++) {
        const order = roundOrder(names, round);
        expect([...order].sort()).toEqual(names);
        first.set(order[0]!, (first.get(order[0]!) ?? 0) + 1);
        for (let i = 1; i < n; i++)
          follows.set(`${order[i - 1]}>${order[i]}`, (follows.get(`${order[i - 1]}>${order[i]}`) ?? 0) + 1);
      }
      expect(first.size).toBe(n);
      expect(new Set(first.values()).size).toBe(1);
      expect(follows.size).toBe(n * (n - 1));
      expect(new Set(follows.values()).size).toBeLessThanOrEqual(1);
      // The next cycle repeats the first.
      expect(roundOrder(names, cycle)).toEqual(roundOrder(names, 0));
    }
  });

  it("interleave runs A/B/A/B, drops the warm-up rounds and keeps the rest in order", async () => {
    const calls: string[] = [];
    const rounds: number[] = [];
    const results = await interleave(["a", "b"], {
      rounds: 3,
      warmup: 2,
      run: async (name: string, round: number) => {
        calls.push(`${name}${round}`);
        return round * 10 + (name === "a" ? 1 : 2);
      },
      onRound: (r: number) => rounds.push(r),
    });
    expect(calls).toEqual(["a0", "b0", "b1", "a1", "a2", "b2", "b3", "a3", "a4", "b4"]);
    expect(results).toEqual({ a: [21, 31, 41], b: [22, 32, 42] });
    expect(rounds).toEqual([0, 1, 2, 3, 4]);
    await expect(interleave(["a"], { rounds: 0, run: async () => 1 })).rejects.toThrow(RangeError);
  });
});

describe("runNodeTimed", () => {
  it("resolves with the wall time and what the script printed on stdout and stderr, in the given cwd and env", async () => {
    const code = 'process.stdout.write(process.cwd() + " " + process.env.X); process.stderr.write(" err")';
    const r = await runNodeTimed("-e", [code], { cwd: "/", env: { ...process.env, X: "y" }, label: "probe" });
    expect(r.out).toBe("/ y err");
    expect(r.wallMs).toBeGreaterThan(0);
  });
  it("rejects with the label, the exit code and the output when the script fails", async () => {
    await expect(runNodeTimed("-e", ['console.error("boom"); process.exit(3)'], { label: "probe" })).rejects.toThrow(
      /probe failed \(3\):\nboom/,
    );
  });
});
