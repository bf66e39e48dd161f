// @ts-check
// A local npm registry (Verdaccio on 127.0.0.1, storage in a temporary folder) with the workspace's packages
// published to it through the release path: `changeset version --snapshot local`, then `changeset publish`,
// both run on a copy of the workspace so that the versions and changelogs of the working tree stay as they are.
import { execFile, execFileSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { promisify } from "node:util";
import { pnpmCommand, publishedPackages, repoRoot } from "@allmhub/package-check";
import { runServer } from "verdaccio";

const run = promisify(execFile);

/** Verdaccio's usual port, used by the command unless told otherwise. */
export const DEFAULT_PORT = 4873;
/** The package a user installs first. */
export const FIRST_PACKAGE = "@allmhub/chat";

/**
 * @typedef {{ url: string, token: string, close(): Promise<void> }} LocalRegistry
 * @typedef {{ name: string, version: string }} Published
 * @typedef {{ url: string, ca?: string }} Upstream the registry other packages come from, and the certificate
 *   authorities to trust for it (PEM)
 */

/**
 * Starts Verdaccio on 127.0.0.1 with everything it keeps in `dir`, and creates its one user. `@allmhub/*`
 * packages come only from what is published to it; every other package is fetched from the upstream registry.
 * @param {{ dir: string, port?: number, upstream?: Upstream }} options `port` 0 picks a free port;
 *   `upstream` defaults to the registry npm is set to use, with the certificate authorities npm trusts
 * @returns {Promise<LocalRegistry>}
 */
export async function startRegistry({ dir, port = DEFAULT_PORT, upstream = npmUpstream() }) {
  mkdirSync(dir, { recursive: true });
  const server = await runServer({
    self_path: join(dir, "config.yaml"),
    storage: join(dir, "storage"),
    auth: { htpasswd: { file: join(dir, "htpasswd"), max_users: 1 } },
    // A slow or dropped connection upstream (a busy machine) is retried soon, not taken as "offline" for 5 minutes.
    uplinks: { upstream: { ...upstream, timeout: "60s", fail_timeout: "5s" } },
    packages: {
      "@allmhub/*": { access: "$all", publish: "$authenticated" },
      "**": { access: "$all", proxy: "upstream" },
    },
    log: { type: "stdout", format: "pretty", level: "error" },
    web: { enable: false },
  });
  /** @type {import("node:http").Server} */
  const http = server;
  await new Promise((resolve, reject) => {
    http.once("error", reject);
    http.listen(port, "127.0.0.1", () => resolve(undefined));
  });
  const address = http.address();
  if (!address || typeof address === "string") throw new Error("Verdaccio did not get a TCP port");
  const url = `http://127.0.0.1:${address.port}`;
  const close = () =>
    new Promise((resolve) => {
      http.closeAllConnections();
      http.close(() => resolve(undefined));
    });
  try {
    return { url, token: await addUser(url), close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * The registry npm uses here and the certificate authorities it trusts (its `cafile`), asked from outside the
 * workspace: a mirror or a TLS-inspecting proxy set up for npm works for the upstream too, whatever the
 * environment (turbo hands tests no NODE_EXTRA_CA_CERTS).
 * @returns {Upstream}
 */
function npmUpstream() {
  const options = { cwd: tmpdir(), encoding: /** @type {const} */ ("utf8"), stdio: /** @type {const} */ ("pipe") };
  const lines = execFileSync("npm", ["config", "get", "registry", "cafile"], options).trim().split("\n");
  const settings = Object.fromEntries(
    lines.map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
  const cafile = settings.cafile;
  return {
    url: String(settings.registry),
    ...(cafile && existsSync(cafile) ? { ca: readFileSync(cafile, "utf8") } : {}),
  };
}

/**
 * Creates the registry's user, as `npm adduser` does, and returns its token.
 * @param {string} url
 * @returns {Promise<string>}
 */
async function addUser(url) {
  const response = await fetch(`${url}/-/user/org.couchdb.user:allmhub`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "allmhub", password: "local-registry" }),
  });
  const body = /** @type {{ token?: string }} */ (await response.json());
  if (!response.ok || !body.token)
    throw new Error(`Verdaccio refused the user: ${response.status} ${JSON.stringify(body)}`);
  return body.token;
}

/**
 * The environment that points npm, pnpm and changesets at the registry, with its token in a user config file
 * written to `dir` (the token's setting has no valid variable name: a shell between would drop it).
 * @param {LocalRegistry} registry
 * @param {string} dir
 * @returns {Record<string, string>}
 */
function registryEnv(registry, dir) {
  const userconfig = join(dir, "npmrc");
  const { host } = new URL(registry.url);
  writeFileSync(userconfig, `registry=${registry.url}/\n//${host}/:_authToken=${registry.token}\n`);
  return { npm_config_registry: `${registry.url}/`, npm_config_userconfig: userconfig };
}

/**
 * Copies what changesets needs into `dir`: the root manifest, `.npmrc`, `pnpm-workspace.yaml` and `.changeset/`,
 * every workspace project's manifest, and the published packages whole (built), each with links in its
 * `node_modules` to the projects it depends on (pnpm turns a `workspace:` range, dev ones included, into the
 * version it finds there); changesets' own files come from the workspace's `node_modules`.
 * @param {string} dir an empty folder
 * @param {string} [root]
 */
export async function stageWorkspace(dir, root = repoRoot()) {
  mkdirSync(dir, { recursive: true });
  for (const file of ["package.json", ".npmrc", "pnpm-workspace.yaml"]) cpSync(join(root, file), join(dir, file));
  cpSync(join(root, ".changeset"), join(dir, ".changeset"), { recursive: true });
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
  const projects = await workspaceProjects(root);
  const staged = (/** @type {string} */ projectDir) => join(dir, relative(root, projectDir));
  for (const project of projects) {
    mkdirSync(staged(project.path), { recursive: true });
    cpSync(join(project.path, "package.json"), join(staged(project.path), "package.json"));
  }
  for (const p of publishedPackages(root)) {
    if (!existsSync(join(p.dir, "dist"))) throw new Error(`${p.name} is not built: run npx pnpm@10.34.9 build first`);
    cpSync(p.dir, staged(p.dir), {
      recursive: true,
      filter: (src) => !/[\\/](node_modules|\.turbo|\.reports)$/.test(src),
    });
    const manifest = JSON.parse(readFileSync(join(p.dir, "package.json"), "utf8"));
    const ranges = { ...manifest.devDependencies, ...manifest.optionalDependencies, ...manifest.dependencies };
    for (const [name, range] of Object.entries(ranges)) {
      const target = projects.find((q) => q.name === name);
      if (!String(range).startsWith("workspace:") || !target) continue;
      const link = join(staged(p.dir), "node_modules", name);
      mkdirSync(dirname(link), { recursive: true });
      symlinkSync(relative(dirname(link), staged(target.path)), link, "dir");
    }
  }
}

/**
 * The workspace's projects (but its root), as pnpm lists them.
 * @param {string} root
 * @returns {Promise<{ name: string, path: string }[]>}
 */
async function workspaceProjects(root) {
  const pnpm = pnpmCommand(root);
  const { stdout } = await run(pnpm.command, [...pnpm.args, "ls", "-r", "--depth", "-1", "--json"], {
    cwd: root,
    maxBuffer: 16 * 1024 * 1024,
  });
  return /** @type {{ name: string, path: string }[]} */ (JSON.parse(stdout)).filter((p) => p.path !== root);
}

/**
 * Versions the staged copy as a snapshot (`0.0.0-local-<date and time>`) and publishes every package with
 * changesets, to the registry's `latest` tag so that a plain `npm install <name>` finds it.
 * @param {string} dir the staged copy ({@link stageWorkspace})
 * @param {LocalRegistry} registry
 * @param {(line: string) => void} [log] changesets' output
 * @returns {Promise<Published[]>}
 */
export async function publishStaged(dir, registry, log = () => {}) {
  const changeset = createRequire(join(dir, "package.json")).resolve("@changesets/cli/bin.js");
  const env = { ...process.env, ...registryEnv(registry, dir), PATH: pnpmOnPath(dir) };
  for (const args of [
    ["version", "--snapshot", "local"],
    ["publish", "--no-git-tag"],
  ]) {
    try {
      const { stdout, stderr } = await run(process.execPath, [changeset, ...args], {
        cwd: dir,
        env,
        maxBuffer: 16 * 1024 * 1024,
      });
      log(`${stdout}${stderr}`);
    } catch (error) {
      const e = /** @type {{ stdout?: string, stderr?: string, message: string }} */ (error);
      throw new Error(`changeset ${args.join(" ")} failed: ${e.message}\n${e.stdout ?? ""}${e.stderr ?? ""}`);
    }
  }
  return publishedPackages(dir).map(({ name, version }) => ({ name, version }));
}

/**
 * The PATH for changesets, which runs `pnpm publish`: this one, with a `pnpm` that runs the project's version
 * (through npx) first when the `pnpm` here is another version or missing.
 * @param {string} dir a folder for the shim
 * @returns {string}
 */
function pnpmOnPath(dir) {
  const pnpm = pnpmCommand(dir);
  const path = process.env.PATH ?? "";
  if (pnpm.command === "pnpm") return path;
  const bin = join(dir, ".bin");
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, "pnpm"), `#!/bin/sh\nexec ${[pnpm.command, ...pnpm.args].join(" ")} "$@"\n`);
  chmodSync(join(bin, "pnpm"), 0o755);
  return `${bin}:${path}`;
}

/**
 * The line a user runs to install a package from the registry.
 * @param {string} url
 * @param {string} [name]
 */
export const installCommand = (url, name = FIRST_PACKAGE) => `npm install --registry ${url} ${name}`;
