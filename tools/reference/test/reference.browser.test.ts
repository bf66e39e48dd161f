// The reference site in a real browser: Debian's Chromium (installed by bin/ensure-chromium.mjs before vitest
// starts), driven by playwright-core. Never skipped: without the browser the test fails.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  bundledSpecPath,
  codeSamples,
  listOperations,
  operationExamples,
  operationSectionId,
  readJson,
} from "../src/index.mjs";
import { CHROMIUM, launchOptions } from "../src/chromium.mjs";

type Op = { method: string; path: string; operationId: string; summary: string; tag: string };

const here = dirname(fileURLToPath(import.meta.url));
const reports = join(here, "..", ".reports");
const siteDir = join(reports, "site");
const spec = readJson(bundledSpecPath());
const operations: Op[] = listOperations(spec);

let context: BrowserContext;
let page: Page;
let userDataDir: string;
const external: string[] = [];
const consoleErrors: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  rmSync(siteDir, { recursive: true, force: true });
  mkdirSync(reports, { recursive: true });
  const out = execFileSync(process.execPath, [join(here, "..", "bin", "build-reference.mjs"), "--out", siteDir], {
    encoding: "utf8",
  });
  expect(out).toContain(`(${operations.length} operations,`);
  expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: run node tools/reference/bin/ensure-chromium.mjs as root`).toBe(
    true,
  );
  const launch = launchOptions();
  userDataDir = launch.userDataDir;
  context = await chromium.launchPersistentContext(userDataDir, {
    ...launch.options,
    viewport: { width: 1400, height: 900 },
  });
  // Offline: the page may load only its own files (and the blob: worker Redoc makes for its search).
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (/^(file|blob|data):/.test(url)) return route.continue();
    external.push(url);
    return route.abort();
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.goto(pathToFileURL(join(siteDir, "index.html")).href);
  await page.waitForSelector('[data-section-id*="operation/"]', { timeout: 180_000 });
}, 240_000);

afterAll(async () => {
  await context?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

describe("API reference site in Chromium", () => {
  it(`shows every operation of the bundled spec (${operations.length}), in the content and in the menu`, async () => {
    // Redoc gives each operation a section `tag/<tag>/operation/<id>` (plus an empty alias `operation/<id>` for
    // old links, not counted) and a menu item of the same id.
    const found = await page.evaluate(() => {
      const isOperation = (id: string) => /^tag\/[^/]+\/operation\/[^/]+$/.test(id);
      return {
        sections: [...document.querySelectorAll("[data-section-id]")]
          .map((e) => e.getAttribute("data-section-id") ?? "")
          .filter(isOperation),
        menu: [...document.querySelectorAll("[data-item-id]")]
          .map((e) => e.getAttribute("data-item-id") ?? "")
          .filter(isOperation),
      };
    });
    const expected = operations.map(operationSectionId).sort();
    expect(operations.length).toBeGreaterThan(0);
    expect(new Set(found.sections).size).toBe(operations.length);
    expect([...new Set(found.sections)].sort()).toEqual(expected);
    expect([...new Set(found.menu)].sort()).toEqual(expected);
  });

  it("shows each operation's documentation pages, and the page of each of its examples", async () => {
    const missing = await page.evaluate(
      (ops) => {
        const problems: string[] = [];
        for (const op of ops) {
          const section = document.querySelector(`[data-section-id="${op.id}"]`);
          if (!section) {
            problems.push(`${op.id}: no section`);
            continue;
          }
          const text = section.textContent ?? "";
          if (!text.includes("Documentation pages")) problems.push(`${op.id}: no "Documentation pages"`);
          if (op.examples > 0 && !text.includes("Examples and the pages they came from"))
            problems.push(`${op.id}: no examples list`);
          const hrefs = new Set([...section.querySelectorAll("a[href]")].map((a) => (a as HTMLAnchorElement).href));
          for (const url of op.urls) if (!hrefs.has(url)) problems.push(`${op.id}: no link to ${url}`);
        }
        return problems;
      },
      operations.map((o) => {
        const op = spec.paths[o.path][o.method];
        return {
          id: operationSectionId(o),
          urls: [
            ...new Set<string>(
              (op["x-doc-pages"] ?? [])
                .filter((p: { url?: string }) => p.url)
                .map((p: { url: string }) => new URL(p.url).href),
            ),
          ],
          examples: operationExamples(spec, op).length,
        };
      }),
    );
    expect(missing).toEqual([]);
    // The right panel names the page of the example it shows.
    const first = operations[0]!;
    const samples = await page.locator(`[data-section-id="${operationSectionId(first)}"]`).textContent();
    expect(samples).toMatch(/Documentation page: |Written by the team/);
  });

  it("shows the @allmhub call of an operation's request example next to its payload", async () => {
    // An operation with a request body and one SDK call: its tabs are the payload and "@allmhub/<package>".
    const samples: Array<{ operationId: string; label: string; source: string; skipped: string | null }> =
      codeSamples(spec);
    const target = operations.find((o) => {
      const calls = samples.filter((s) => s.operationId === o.operationId);
      return calls.length === 1 && !calls[0]!.skipped && spec.paths[o.path][o.method].requestBody;
    })!;
    const sample = samples.find((s) => s.operationId === target.operationId)!;
    const section = page.locator(`[data-section-id="${operationSectionId(target)}"]`);
    await section.scrollIntoViewIfNeeded();
    const tab = section.locator('[role="tab"]', { hasText: sample.label });
    // The request samples' tabs come first (the answers' status tabs after them).
    await expect
      .poll(async () => (await section.locator('[role="tab"]').allTextContents()).slice(0, 2))
      .toEqual(["Payload", sample.label]);
    await tab.click();
    const panel = section.locator('[role="tabpanel"]', {
      hasText: `await ${sample.source.match(/await (\w+\.\w+)\(/)![1]}(`,
    });
    await panel.waitFor({ timeout: 30_000 });
    const shown = (await panel.textContent()) ?? "";
    // Every line of the module is on the page (Redoc highlights the code, the text stays the same).
    for (const line of sample.source.split("\n").filter((l) => l.trim())) expect(shown).toContain(line.trim());
    await panel.screenshot({ path: join(reports, "reference-sample.png") });
  });

  it("finds an operation with the site's search and jumps to it; screenshots in .reports/", async () => {
    const target = operations.find((o) => o.operationId === "createImageEdit") ?? operations[0]!;
    const search = page.locator("input.search-input");
    await search.click();
    await search.pressSequentially(target.summary, { delay: 20 });
    const results = page.locator('[data-role="search:results"] li[data-item-id]');
    await results.first().waitFor({ timeout: 60_000 });
    const ids = await results.evaluateAll((els) => els.map((e) => e.getAttribute("data-item-id")));
    expect(ids[0]).toBe(operationSectionId(target));
    await page.screenshot({ path: join(reports, "reference-search.png") });

    await results.first().click();
    await page.waitForFunction((id) => decodeURIComponent(location.hash) === `#${id}`, operationSectionId(target), {
      timeout: 30_000,
    });
    const section = page.locator(`[data-section-id="${operationSectionId(target)}"]`);
    await expect.poll(async () => (await section.boundingBox())?.y ?? -1e9, { timeout: 30_000 }).toBeLessThan(200);
    expect((await section.boundingBox())!.y).toBeGreaterThan(-200);
    // Redoc writes a space after the summary, before the badge of a deprecated operation.
    expect((await section.locator("h2").first().textContent())?.trim()).toBe(target.summary);

    const shot = join(reports, "reference.png");
    await page.screenshot({ path: shot });
    expect(statSync(shot).size).toBeGreaterThan(20_000);
  }, 120_000);

  it("works offline: no request leaves the page's own files, no error in the console", () => {
    expect(external).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
