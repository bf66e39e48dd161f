// @ts-check

/**
 * The files a published package may contain: the manifest, the readme, the licence, the changelog, the ESM
 * and CJS builds of its entry points with their source maps, the chunks esbuild splits out of them when a
 * package has two entry points (core: `.` and `./internal`), and the type declarations, one per source module
 * (`errors.d.ts` for `src/errors.ts`, `generated/openapi.d.ts` for `src/generated/openapi.ts`), each with its
 * CommonJS copy (`.d.cts`; `checkDeclarations` checks the pairs and their imports). Anything else
 * (sources, tests, configs, generated fixtures) is not for users.
 */
export const ALLOWED_FILES = [
  /^package\.json$/,
  /^README\.md$/,
  /^LICENSE$/,
  /^CHANGELOG\.md$/,
  /^dist\/(index|internal)\.(js|cjs)$/,
  /^dist\/(index|internal)\.(js|cjs)\.map$/,
  /^dist\/chunk-[A-Z0-9]{8}\.(js|cjs)(\.map)?$/,
  /^dist\/([a-z0-9-]+\/)*[a-z0-9-]+\.d\.c?ts$/,
];

/**
 * Entry points besides `.` that a package may export, each built like `.` (ESM and CJS, each with its own
 * declarations): core's runtime entry, which the generated code of the feature packages imports.
 */
export const EXTRA_ENTRY_POINTS = { "@allmhub/core": ["./internal"] };

/** Files every published package must contain. */
export const REQUIRED_FILES = [
  "package.json",
  "LICENSE",
  "dist/index.js",
  "dist/index.cjs",
  "dist/index.d.ts",
  "dist/index.d.cts",
];

/** What each condition of `exports["."]` must point to, and the top-level fields older resolvers read. */
const ENTRY_POINTS = /** @type {const} */ ([
  [["exports", ".", "import", "types"], "./dist/index.d.ts"],
  [["exports", ".", "import", "default"], "./dist/index.js"],
  [["exports", ".", "require", "types"], "./dist/index.d.cts"],
  [["exports", ".", "require", "default"], "./dist/index.cjs"],
  [["exports", "./package.json"], "./package.json"],
  [["main"], "./dist/index.cjs"],
  [["module"], "./dist/index.js"],
  [["types"], "./dist/index.d.ts"],
]);

/**
 * @param {any} value
 * @param {readonly string[]} path
 */
function at(value, path) {
  return path.reduce((v, key) => (v !== null && typeof v === "object" ? v[key] : undefined), value);
}

/**
 * Checks the manifest of a packed package against the project's publishing rules: ESM and CJS entry points
 * with their own type declarations, conditions in the order resolvers need (`types` first), `sideEffects:
 * false`, an `engines` range, licence and repository metadata, public access, no workspace or file
 * protocols left in the dependencies, and no file users do not need.
 *
 * @param {any} manifest the `package.json` inside the tarball
 * @param {Iterable<string>} files paths inside the tarball, relative to the package root
 * @returns {string[]} one line per problem; empty when the package is fit to publish
 * @example
 * checkManifest({ name: "@allmhub/chat", sideEffects: true }, ["package.json"]); // ["sideEffects must be false", ...]
 */
export function checkManifest(manifest, files) {
  /** @type {string[]} */
  const problems = [];
  const fileSet = new Set(files);
  const name = typeof manifest?.name === "string" ? manifest.name : "";
  if (!/^@allmhub\/[a-z0-9-]+$/.test(name))
    problems.push(`name must be @allmhub/<name>, not ${JSON.stringify(manifest?.name)}`);
  if (manifest?.private) problems.push("a published package cannot be private");
  if (typeof manifest?.version !== "string" || !/^\d+\.\d+\.\d+/.test(manifest.version))
    problems.push("version must be a semver version");
  if (typeof manifest?.description !== "string" || manifest.description.length < 20)
    problems.push("description must say what the package does");
  if (!Array.isArray(manifest?.keywords) || manifest.keywords.length === 0) problems.push("keywords must not be empty");
  if (manifest?.license !== "MIT") problems.push("license must be MIT");
  if (manifest?.type !== "module") problems.push('type must be "module" (dist/index.js is ESM, dist/index.cjs is CJS)');
  if (manifest?.sideEffects !== false) problems.push("sideEffects must be false");
  if (typeof manifest?.engines?.node !== "string") problems.push("engines.node must give the supported Node versions");
  if (manifest?.publishConfig?.access !== "public")
    problems.push("publishConfig.access must be public (scoped packages are private by default)");
  if (typeof manifest?.homepage !== "string" || !manifest.homepage.startsWith("https://"))
    problems.push("homepage must be an https URL");
  if (typeof manifest?.bugs?.url !== "string") problems.push("bugs.url must be set");
  const repo = manifest?.repository;
  if (typeof repo?.url !== "string" || !repo.url.startsWith("git+https://") || !repo.url.endsWith(".git")) {
    problems.push("repository.url must be a git+https://….git URL");
  }
  const short = name.replace(/^@allmhub\//, "");
  if (repo?.directory !== `packages/${short}`) problems.push(`repository.directory must be packages/${short}`);

  for (const [path, want] of ENTRY_POINTS) {
    const got = at(manifest, path);
    if (got !== want) problems.push(`${path.join(".")} must be ${want}, not ${JSON.stringify(got)}`);
    else if (!fileSet.has(want.slice(2)))
      problems.push(`${path.join(".")} points to ${want}, which is not in the tarball`);
  }
  for (const condition of ["import", "require"]) {
    const keys = Object.keys(at(manifest, ["exports", ".", condition]) ?? {});
    if (keys[0] !== "types")
      problems.push(`exports["."].${condition} must list "types" first (got ${keys.join(", ") || "nothing"})`);
  }
  const allowedEntries = /** @type {Record<string, string[]>} */ (EXTRA_ENTRY_POINTS)[name] ?? [];
  const extraEntries = Object.keys(manifest?.exports ?? {}).filter(
    (k) => k !== "." && k !== "./package.json" && !allowedEntries.includes(k),
  );
  if (extraEntries.length)
    problems.push(`exports has entry points the checks do not cover: ${extraEntries.join(", ")}`);
  for (const entry of allowedEntries) {
    const base = entry.replace(/^\.\//, "");
    for (const [path, want] of /** @type {const} */ ([
      [["exports", entry, "import", "types"], `./dist/${base}.d.ts`],
      [["exports", entry, "import", "default"], `./dist/${base}.js`],
      [["exports", entry, "require", "types"], `./dist/${base}.d.cts`],
      [["exports", entry, "require", "default"], `./dist/${base}.cjs`],
    ])) {
      const got = at(manifest, path);
      if (got !== want) problems.push(`${path.join(".")} must be ${want}, not ${JSON.stringify(got)}`);
      else if (!fileSet.has(want.slice(2)))
        problems.push(`${path.join(".")} points to ${want}, which is not in the tarball`);
    }
    // TypeScript's node10 resolution ignores `exports`: typesVersions leads it to the entry's declarations.
    if (JSON.stringify(at(manifest, ["typesVersions", "*", base])) !== JSON.stringify([`./dist/${base}.d.ts`]))
      problems.push(`typesVersions["*"].${base} must be ["./dist/${base}.d.ts"] (node10 resolution)`);
  }

  for (const field of ["dependencies", "peerDependencies", "optionalDependencies"]) {
    for (const [dep, spec] of Object.entries(manifest?.[field] ?? {})) {
      if (typeof spec !== "string" || /^(workspace|file|link|portal|catalog):/.test(spec)) {
        problems.push(`${field}.${dep} is ${JSON.stringify(spec)}: pack with pnpm so that it becomes a version range`);
      }
    }
  }
  for (const file of REQUIRED_FILES) if (!fileSet.has(file)) problems.push(`${file} is missing from the tarball`);
  for (const file of fileSet) {
    if (!ALLOWED_FILES.some((re) => re.test(file))) problems.push(`${file} is in the tarball but users do not need it`);
  }
  return problems;
}
