#!/usr/bin/env node
// Publishes the built packages to a local registry and serves it until Ctrl-C:
//   allmhub-local-registry [--port N] [--once]
// `npx pnpm@10.34.9 local-registry` builds the packages first. --once stops after publishing (for tests).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_PORT, installCommand, publishStaged, stageWorkspace, startRegistry } from "../src/index.mjs";

const { values } = parseArgs({ options: { port: { type: "string" }, once: { type: "boolean" } } });
const work = mkdtempSync(join(tmpdir(), "allmhub-local-registry-"));
const remove = () => rmSync(work, { recursive: true, force: true });
let registry;
try {
  registry = await startRegistry({ dir: join(work, "registry"), port: Number(values.port ?? DEFAULT_PORT) });
  const staged = join(work, "workspace");
  await stageWorkspace(staged);
  const published = await publishStaged(staged, registry);
  console.log(`Local registry on ${registry.url} (storage: ${work}), with:`);
  for (const p of published) console.log(`  ${p.name}@${p.version}`);
  console.log(`\nInstall by name in another project:\n\n  ${installCommand(registry.url)}\n`);
} catch (error) {
  await registry?.close();
  remove();
  throw error;
}
const stop = () => registry.close().then(() => remove());
if (values.once) await stop();
else {
  console.log("Ctrl-C stops the registry and deletes its storage.");
  process.once("SIGINT", () => stop().then(() => process.exit(0)));
  process.once("SIGTERM", () => stop().then(() => process.exit(0)));
}
