import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  annotateSpec,
  buildSite,
  bundledSpecPath,
  docPageLink,
  exampleSource,
  listOperations,
  offlineRedocBundle,
  operationExamples,
  operationSectionId,
  operationSourcesMarkdown,
  readJson,
  REDOC_REMOTE_LOGO,
  renderHtml,
} from "../src/index.mjs";
import { CHROMIUM, CHROMIUM_ARGS, installChromiumCommands, launchOptions } from "../src/chromium.mjs";

const page = { site: "allinone", title: "常用请求 > 基本请求", url: "https://allinone.apifox.cn/383837604e0" };

/** A small spec: one documented operation (request, answer and parameter examples), one without pages. */
function smallSpec() {
  return {
    openapi: "3.1.0",
    info: { title: "Small </script> API", version: "1.0.0", description: "Intro." },
    paths: {
      "/v1/things/{id}": {
        post: {
          operationId: "createThing",
          summary: "Create a thing",
          description: "Makes a thing.",
          tags: ["chat"],
          "x-package": "chat",
          "x-doc-pages": [page, { site: "best-aigc", title: "Things [beta]" }],
          parameters: [
            {
              name: "id",
              in: "path",
              required: true,
              schema: { type: "string" },
              examples: { a: { value: "1", "x-doc-page": page } },
            },
          ],
          requestBody: {
            content: {
              "application/json": { examples: { basic: { $ref: "#/components/examples/createThing.basic.request" } } },
            },
          },
          responses: {
            "200": {
              description: "ok",
              content: { "application/json": { examples: { basic: { value: { ok: true }, "x-source": "written" } } } },
            },
          },
        },
        get: {
          operationId: "getThing",
          summary: "Get a thing",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: { "200": { description: "ok" } },
        },
      },
    },
    components: {
      examples: { "createThing.basic.request": { summary: "Basic", value: { name: "x" }, "x-doc-page": page } },
    },
  };
}

describe("listOperations / operationSectionId", () => {
  it("lists every operation with its tag, and names the section Redoc gives it", () => {
    const ops = listOperations(smallSpec());
    expect(ops.map((o: { operationId: string }) => o.operationId)).toEqual(["getThing", "createThing"]);
    expect(operationSectionId(ops[1]!)).toBe("tag/chat/operation/createThing");
    expect(operationSectionId(ops[0]!)).toBe("operation/getThing");
  });

  it("finds the 82 operations of the bundled spec, each with a documentation page", () => {
    const spec = readJson(bundledSpecPath());
    const ops = listOperations(spec);
    expect(ops.length).toBe(new Set(ops.map((o: { operationId: string }) => o.operationId)).size);
    expect(ops.length).toBeGreaterThanOrEqual(82);
    for (const o of ops) expect(spec.paths[o.path][o.method]["x-doc-pages"].length, o.operationId).toBeGreaterThan(0);
  });
});

describe("documentation pages in Markdown", () => {
  it("links a page with its site, escapes Markdown in the title, and says when the address is missing", () => {
    expect(docPageLink(page)).toBe("[常用请求 \\> 基本请求](https://allinone.apifox.cn/383837604e0) (allinone)");
    expect(docPageLink({ site: "best-aigc", title: "Things [beta]" })).toBe(
      "Things \\[beta\\] (best-aigc, address not recorded)",
    );
    expect(docPageLink({ site: "x", title: "t", url: "https://e.com/a (b)" })).toBe(
      "[t](https://e.com/a%20%28b%29) (x)",
    );
  });

  it("names an example's page, or says it was written by the team", () => {
    expect(exampleSource({ value: 1, "x-doc-page": page })).toContain("Documentation page: [常用请求");
    expect(exampleSource({ value: 1, "x-source": "written" })).toMatch(/^Written by the team/);
    expect(exampleSource({ value: 1 })).toBe("Source not recorded.");
  });

  it("collects the examples of an operation from parameters, request body and answers, resolving $refs", () => {
    const spec = smallSpec();
    const found = operationExamples(spec, spec.paths["/v1/things/{id}"].post);
    expect(found.map((e: { name: string; where: string }) => `${e.name}@${e.where}`)).toEqual([
      "a@parameter id",
      "basic@request body, application/json",
      "basic@answer 200, application/json",
    ]);
    expect(found[1]!.example.summary).toBe("Basic");
    const md = operationSourcesMarkdown(spec, spec.paths["/v1/things/{id}"].post);
    expect(md).toContain("**Documentation pages**");
    expect(md).toContain("- Things \\[beta\\] (best-aigc, address not recorded)");
    expect(md).toContain("- `basic` (answer 200, application/json): Written by the team");
  });
});

describe("annotateSpec", () => {
  it("appends the pages to every operation and example description, and leaves the input alone", () => {
    const spec = smallSpec();
    const before = JSON.stringify(spec);
    const out = annotateSpec(spec);
    expect(JSON.stringify(spec)).toBe(before);
    const post = out.paths["/v1/things/{id}"].post;
    expect(post.description).toMatch(/^Makes a thing\.\n\n\*\*Documentation pages\*\*\n\n- \[常用请求/);
    expect(post.description).toContain("**Examples and the pages they came from**");
    expect(out.paths["/v1/things/{id}"].get.description).toContain("- none recorded");
    expect(out.components.examples["createThing.basic.request"].description).toContain("Documentation page: [常用请求");
    expect(post.parameters[0].examples.a.description).toContain("Documentation page:");
    expect(post.responses["200"].content["application/json"].examples.basic.description).toMatch(
      /^Written by the team/,
    );
    expect(out.info.description).toMatch(/^Intro\.\n\nThis reference is built from the bundled spec/);
  });

  it("adds the SDK call of each request example as x-codeSamples, to the operations of a package", () => {
    const out = annotateSpec(smallSpec());
    const samples = out.paths["/v1/things/{id}"].post["x-codeSamples"];
    expect(samples.map((s: { lang: string; label: string }) => `${s.lang} ${s.label}`)).toEqual([
      "TypeScript @allmhub/chat: basic",
      "TypeScript @allmhub/chat: a",
    ]);
    expect(samples[0].source).toContain('await chat.createThing(id, { name: "x" });');
    expect(samples[1].source).toContain('const id = "1";\nconst answer = await chat.createThing(id);');
    expect(out.paths["/v1/things/{id}"].get["x-codeSamples"]).toBeUndefined();
  });

  it("does not repeat 'written by the team' on an example whose description says so", () => {
    const spec = smallSpec();
    spec.components.examples["createThing.basic.request"] = {
      summary: "W",
      value: {},
      "x-source": "written",
      description: "Written by the team: why.",
    } as never;
    expect(annotateSpec(spec).components.examples["createThing.basic.request"].description).toBe(
      "Written by the team: why.",
    );
  });
});

describe("renderHtml / offlineRedocBundle / buildSite", () => {
  const out = mkdtempSync(join(tmpdir(), "allmhub-reference-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("embeds the spec so that no string in it can close the script element", () => {
    const html = renderHtml(smallSpec());
    expect(html).toContain("<title>Small &#60;/script&#62; API</title>");
    expect(html.match(/<\/script>/g)?.length).toBe(3);
    const json = html.slice(html.indexOf('type="application/json">') + 24, html.indexOf("</script>"));
    expect(JSON.parse(json).info.title).toBe("Small </script> API");
    expect(html).toContain('<script src="redoc.standalone.js"></script>');
    expect(html).toContain("connect-src 'none'");
  });

  it("serves Redoc without its remote logo", () => {
    const bundle = offlineRedocBundle();
    expect(bundle.length).toBeGreaterThan(500_000);
    expect(bundle).not.toContain(REDOC_REMOTE_LOGO);
    expect(bundle).not.toMatch(/cdn\.redoc\.ly|unpkg\.com|jsdelivr/);
  });

  it("writes index.html, Redoc with its license, and the annotated spec", () => {
    const site = buildSite({ spec: smallSpec(), outDir: out });
    expect(site).toMatchObject({ operations: 2, examples: 3, samples: 2, index: join(out, "index.html") });
    for (const f of ["index.html", "redoc.standalone.js", "redoc.standalone.js.LICENSE.txt", "openapi.json"])
      expect(existsSync(join(out, f)), f).toBe(true);
    expect(readJson(join(out, "openapi.json")).paths["/v1/things/{id}"].post.description).toContain(
      "**Documentation pages**",
    );
    expect(readFileSync(join(out, "index.html"), "utf8")).toContain("Redoc.init(");
  });
});

describe("chromium launch settings", () => {
  it("uses Debian's Chromium with headless, offline flags and a fresh user data dir each time", () => {
    const a = launchOptions();
    const b = launchOptions();
    try {
      expect(a.options.executablePath).toBe(CHROMIUM);
      expect(CHROMIUM).toBe("/usr/bin/chromium");
      expect(a.options.args).toEqual([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ]);
      expect(a.options.args).toEqual([...CHROMIUM_ARGS]);
      expect(a.userDataDir).not.toBe(b.userDataDir);
      expect(existsSync(a.userDataDir)).toBe(true);
    } finally {
      rmSync(a.userDataDir, { recursive: true, force: true });
      rmSync(b.userDataDir, { recursive: true, force: true });
    }
  });

  it("installs with apt-get (update first), never with playwright", () => {
    const cmds = installChromiumCommands();
    expect(cmds[0]).toEqual(["apt-get", "update"]);
    expect(cmds[1]!.slice(0, 3)).toEqual(["apt-get", "install", "-y"]);
    expect(cmds[1]).toContain("chromium");
    expect(cmds.flat().join(" ")).not.toContain("playwright");
  });
});
