// Unit tests of the checks themselves: each rule passes a good package and fails a bad one.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import {
  PROBES,
  bundleForBrowser,
  checkDeclarations,
  checkManifest,
  keptInputs,
  packageFiles,
  publishedPackages,
  readTarball,
  runInBrowserLikeContext,
  scratchEnv,
} from "../src/index.mjs";

const goodFiles = [
  "package.json",
  "LICENSE",
  "README.md",
  "dist/index.js",
  "dist/index.cjs",
  "dist/index.d.ts",
  "dist/index.d.cts",
  "dist/index.js.map",
  "dist/index.cjs.map",
];

function goodManifest(): Record<string, any> {
  return {
    name: "@allmhub/chat",
    version: "1.2.3",
    description: "Chat calls of the ALLMHUB gateway, typed from its spec.",
    keywords: ["allmhub"],
    homepage: "https://github.com/allmhub/allmhub-sdk/tree/main/packages/chat#readme",
    bugs: { url: "https://github.com/allmhub/allmhub-sdk/issues" },
    repository: { type: "git", url: "git+https://github.com/allmhub/allmhub-sdk.git", directory: "packages/chat" },
    license: "MIT",
    type: "module",
    sideEffects: false,
    main: "./dist/index.cjs",
    module: "./dist/index.js",
    types: "./dist/index.d.ts",
    exports: {
      ".": {
        import: { types: "./dist/index.d.ts", default: "./dist/index.js" },
        require: { types: "./dist/index.d.cts", default: "./dist/index.cjs" },
      },
      "./package.json": "./package.json",
    },
    files: ["dist", "README.md", "LICENSE"],
    engines: { node: ">=20" },
    publishConfig: { access: "public" },
    dependencies: { "@allmhub/core": "^1.2.3" },
  };
}

describe("checkManifest", () => {
  it("accepts a package with ESM, CJS, their types, metadata and nothing else", () => {
    expect(checkManifest(goodManifest(), goodFiles)).toEqual([]);
  });

  it.each([
    ["sideEffects", (m: any) => (m.sideEffects = true), /sideEffects must be false/],
    [
      "CJS types",
      (m: any) => (m.exports["."].require.types = "./dist/index.d.ts"),
      /exports\.\.\.require\.types must be \.\/dist\/index\.d\.cts/,
    ],
    [
      "types order",
      (m: any) => (m.exports["."].import = { default: "./dist/index.js", types: "./dist/index.d.ts" }),
      /must list "types" first/,
    ],
    ["engines", (m: any) => delete m.engines, /engines\.node/],
    ["public access", (m: any) => delete m.publishConfig, /publishConfig\.access must be public/],
    ["repository", (m: any) => (m.repository = "allmhub/allmhub-sdk"), /repository\.url/],
    [
      "repository directory",
      (m: any) => (m.repository.directory = "packages/core"),
      /repository\.directory must be packages\/chat/,
    ],
    ["keywords", (m: any) => (m.keywords = []), /keywords/],
    ["license", (m: any) => (m.license = "ISC"), /license must be MIT/],
    ["private", (m: any) => (m.private = true), /cannot be private/],
    [
      "workspace protocol",
      (m: any) => (m.dependencies["@allmhub/core"] = "workspace:^"),
      /dependencies\.@allmhub\/core is "workspace:\^"/,
    ],
    [
      "subpath export",
      (m: any) => (m.exports["./extra"] = "./dist/extra.js"),
      /entry points the checks do not cover: \.\/extra/,
    ],
    ["main", (m: any) => (m.main = "./dist/index.js"), /main must be \.\/dist\/index\.cjs/],
  ])("rejects a manifest with a wrong %s", (_, spoil, message) => {
    const manifest = goodManifest();
    spoil(manifest);
    const problems = checkManifest(manifest, goodFiles);
    expect(
      problems.some((p) => message.test(p)),
      problems.join("\n"),
    ).toBe(true);
  });

  it("rejects files users do not need and entry points that are not shipped", () => {
    const files = [
      ...goodFiles.filter((f) => f !== "dist/index.d.cts" && f !== "LICENSE"),
      "src/index.ts",
      "test/client.test.ts",
      "tsconfig.json",
    ];
    const problems = checkManifest(goodManifest(), files);
    expect(problems).toEqual(
      expect.arrayContaining([
        "src/index.ts is in the tarball but users do not need it",
        "test/client.test.ts is in the tarball but users do not need it",
        "tsconfig.json is in the tarball but users do not need it",
        "exports...require.types points to ./dist/index.d.cts, which is not in the tarball",
        "LICENSE is missing from the tarball",
      ]),
    );
  });

  it("accepts core's runtime entry, built like its main one, and refuses it elsewhere", () => {
    const internal = {
      import: { types: "./dist/internal.d.ts", default: "./dist/internal.js" },
      require: { types: "./dist/internal.d.cts", default: "./dist/internal.cjs" },
    };
    const core: Record<string, any> = {
      ...goodManifest(),
      name: "@allmhub/core",
      repository: { ...goodManifest().repository, directory: "packages/core" },
      typesVersions: { "*": { internal: ["./dist/internal.d.ts"] } },
    };
    core.exports = { ...core.exports, "./internal": internal };
    const files = [
      ...goodFiles,
      "dist/internal.js",
      "dist/internal.cjs",
      "dist/internal.d.ts",
      "dist/internal.d.cts",
      "dist/chunk-MOHW4NDU.js",
      "dist/chunk-MOHW4NDU.js.map",
      "dist/chunk-C7UVZDFJ.cjs",
      "dist/poll.d.ts",
      "dist/poll.d.cts",
      "dist/generated/openapi.d.ts",
      "dist/generated/openapi.d.cts",
    ];
    expect(checkManifest(core, files)).toEqual([]);
    expect(checkManifest({ ...core, typesVersions: undefined }, files)).toEqual([
      'typesVersions["*"].internal must be ["./dist/internal.d.ts"] (node10 resolution)',
    ]);
    expect(checkManifest(core, [...files.filter((f) => f !== "dist/internal.d.cts"), "dist/extra.js"])).toEqual([
      "exports../internal.require.types points to ./dist/internal.d.cts, which is not in the tarball",
      "dist/extra.js is in the tarball but users do not need it",
    ]);
    expect(
      checkManifest(core, [...files, "src/poll.ts", "dist/poll.d.ts.map", "dist/poll-f3fez24u.js", "dist/Poll.d.ts"]),
    ).toEqual([
      "src/poll.ts is in the tarball but users do not need it",
      "dist/poll.d.ts.map is in the tarball but users do not need it",
      "dist/poll-f3fez24u.js is in the tarball but users do not need it",
      "dist/Poll.d.ts is in the tarball but users do not need it",
    ]);
    const chat = goodManifest();
    chat.exports = { ...chat.exports, "./internal": internal };
    expect(checkManifest(chat, goodFiles)).toContain("exports has entry points the checks do not cover: ./internal");
  });
});

describe("checkDeclarations", () => {
  const files = (entries: Record<string, string>) =>
    new Map(Object.entries(entries).map(([name, text]) => [name, Buffer.from(text)]));
  const good = {
    "dist/index.d.ts":
      '/** @example import { x } from "./nowhere.js"; */\nexport * from "./errors.js";\nexport { paths } from "./generated/openapi.js";\nexport { Stream } from "@allmhub/core";\n',
    "dist/index.d.cts":
      'export * from "./errors.cjs";\nexport { paths } from "./generated/openapi.cjs";\nexport { Stream } from "@allmhub/core";\n',
    "dist/errors.d.ts": "export declare class APIError extends Error {}\n",
    "dist/errors.d.cts": "export declare class APIError extends Error {}\n",
    "dist/generated/openapi.d.ts":
      'export declare const e: import("../errors.js").APIError;\nexport interface paths {}\n',
    "dist/generated/openapi.d.cts":
      'export declare const e: import("../errors.cjs").APIError;\nexport interface paths {}\n',
    "dist/index.js": 'export * from "./chunk.js";\n',
  };

  it("accepts ESM declarations with CommonJS twins whose relative imports resolve in the tarball", () => {
    expect(checkDeclarations(files(good))).toEqual([]);
  });

  it("rejects a declaration without its twin, a CommonJS one importing ESM, and an import of a missing file", () => {
    const { "dist/errors.d.cts": _, ...withoutTwin } = good;
    expect(checkDeclarations(files(withoutTwin))).toEqual([
      'dist/index.d.cts imports "./errors.cjs", but dist/errors.d.cts is not in the tarball',
      "dist/errors.d.ts has no CommonJS twin dist/errors.d.cts",
      'dist/generated/openapi.d.cts imports "../errors.cjs", but dist/errors.d.cts is not in the tarball',
    ]);
    expect(checkDeclarations(files({ ...good, "dist/index.d.cts": 'export * from "./errors.js";\n' }))).toEqual([
      'dist/index.d.cts imports "./errors.js": relative imports of .d.cts files must end in .cjs',
    ]);
    expect(checkDeclarations(files({ ...good, "dist/index.d.ts": 'export * from "./error.js";\n' }))).toEqual([
      'dist/index.d.ts imports "./error.js", but dist/error.d.ts is not in the tarball',
    ]);
  });
});

/** A minimal ustar archive of the given files, gzipped, as npm writes them. */
function tgz(files: Record<string, string>): Buffer {
  const blocks: Buffer[] = [];
  for (const [name, text] of Object.entries(files)) {
    const body = Buffer.from(text);
    const header = Buffer.alloc(512);
    header.write(name, 0, 100);
    header.write("0000644\0", 100);
    header.write(`${body.length.toString(8).padStart(11, "0")}\0`, 124);
    header.write("0", 156);
    header.write("ustar\0", 257);
    blocks.push(header, body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

describe("readTarball", () => {
  it("reads every file of a gzipped tarball, and packageFiles drops the package/ prefix", () => {
    const entries = readTarball(
      tgz({ "package/package.json": '{"name":"x"}', "package/dist/index.js": "export {};\n".repeat(100) }),
    );
    expect([...entries.keys()]).toEqual(["package/package.json", "package/dist/index.js"]);
    const files = packageFiles(entries);
    expect(JSON.parse(files.get("package.json")!.toString())).toEqual({ name: "x" });
    expect(files.get("dist/index.js")!.toString()).toBe("export {};\n".repeat(100));
  });
});

describe("publishedPackages", () => {
  it("finds the five published packages, core first, and each has a probe", () => {
    const names = publishedPackages().map((p) => p.name);
    expect(names[0]).toBe("@allmhub/core");
    expect([...names].sort()).toEqual([
      "@allmhub/admin",
      "@allmhub/chat",
      "@allmhub/core",
      "@allmhub/media",
      "@allmhub/tasks",
    ]);
    for (const n of names) expect(PROBES[n], n).toBeDefined();
  });
});

describe("scratchEnv", () => {
  it("drops the workspace's npm/pnpm variables and ALLMHUB_* settings, keeps the registry and the rest", () => {
    const env = scratchEnv({
      PATH: "/usr/bin",
      npm_config_local_prefix: "/work/repo",
      npm_package_name: "@allmhub/package-check",
      npm_config_registry: "https://registry.example/",
      npm_config_cache: "",
      pnpm_config_verify_deps_before_run: "false",
      ALLMHUB_API_KEY: "sk-live",
    });
    expect(env).toEqual({ PATH: "/usr/bin", npm_config_registry: "https://registry.example/" });
  });
});

describe("browser bundle checks", () => {
  const dir = mkdtempSync(join(tmpdir(), "allmhub-bundle-rules-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  /** Writes a package into dir/node_modules. */
  function fakePackage(name: string, manifest: object, code: string) {
    const pkgDir = join(dir, "node_modules", name);
    mkdirSync(pkgDir, { recursive: true });
    writeFileSync(
      join(pkgDir, "package.json"),
      JSON.stringify({ name, version: "1.0.0", type: "module", main: "index.js", ...manifest }),
    );
    writeFileSync(join(pkgDir, "index.js"), code);
  }

  it("keptInputs finds top-level code that a package claiming sideEffects: false still has", async () => {
    fakePackage("@allmhub/fixture-dirty", { sideEffects: false }, "globalThis.touched = true;\nexport const x = 1;\n");
    fakePackage(
      "@allmhub/fixture-clean",
      { sideEffects: false },
      "export const DEFAULT = 600_000;\nexport function f() { globalThis.touched = true; }\n",
    );
    const trusting = await bundleForBrowser(dir, 'import "@allmhub/fixture-dirty";', { contents: true });
    expect(trusting.code.trim()).toBe(""); // the flag alone hides the side effect ...
    const dirty = await bundleForBrowser(dir, 'import "@allmhub/fixture-dirty";', {
      contents: true,
      ignoreAnnotations: true,
    });
    expect(keptInputs(dirty.inputs)).toEqual([expect.stringContaining("node_modules/@allmhub/fixture-dirty/index.js")]); // ... this finds it
    const clean = await bundleForBrowser(dir, 'import "@allmhub/fixture-clean";', {
      contents: true,
      ignoreAnnotations: true,
    });
    expect(keptInputs(clean.inputs)).toEqual([]);
  });

  it("fails on a Node built-in and runs a bundle without Node's globals", async () => {
    fakePackage(
      "@allmhub/fixture-node",
      {},
      'import { readFileSync } from "node:fs";\nexport const read = readFileSync;\n',
    );
    await expect(
      bundleForBrowser(dir, 'import { read } from "@allmhub/fixture-node"; console.log(read);', { contents: true }),
    ).rejects.toThrow(/node:fs/);
    const probe = await bundleForBrowser(
      dir,
      "globalThis.__allmhubProbe = Promise.resolve({ env: { process: typeof globalThis.process, require: typeof globalThis.require, Buffer: typeof globalThis.Buffer, fetch: typeof fetch, URL: typeof URL } });",
      { contents: true },
    );
    expect(await runInBrowserLikeContext(probe.code)).toEqual({
      env: { process: "undefined", require: "undefined", Buffer: "undefined", fetch: "function", URL: "function" },
    });
  });
});
