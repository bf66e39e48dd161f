#!/usr/bin/env node
// Serves the mock gateway until interrupted. `allmhub-mock-gateway --help` lists the options.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startMockGateway } from "../src/index.mjs";

const usage = `Usage: npm run mock -- [options] [bundle.json]

Serves the gateway's documented answers on http://127.0.0.1:<port>, checking every request against the spec.

  --port <n>         port to listen on (default 4010; 0 picks a free one)
  --host <address>   address to listen on (default 127.0.0.1)
  --key <key>        accept only this API key (repeatable); without it any non-empty key is accepted
  --access-token <t> accept only this access token for the account APIs (repeatable)
  --task-polls <n>   reads of a task that answer queued, then running, before it is done (default 2; 0: the
                     documented example on every read)
  --quiet            no line per request
  --help             this text

bundle.json defaults to spec/dist/openapi.json, which npm start writes.`;

/**
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  console.error(`allmhub-mock-gateway: ${message}\n\n${usage}`);
  process.exit(2);
}

/** @type {ReturnType<typeof parseArgs>} */
let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      port: { type: "string", default: "4010" },
      host: { type: "string", default: "127.0.0.1" },
      key: { type: "string", multiple: true },
      "access-token": { type: "string", multiple: true },
      "task-polls": { type: "string", default: "2" },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
}
const { values, positionals } = /** @type {any} */ (parsed);
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a port number (got ${values.port})`);
const taskPolls = Number(values["task-polls"]);
if (!Number.isInteger(taskPolls) || taskPolls < 0 || taskPolls > 1000)
  fail(`--task-polls must be an integer from 0 to 1000 (got ${values["task-polls"]})`);
if (positionals.length > 1) fail(`one bundle at most (got ${positionals.join(", ")})`);
const spec = positionals[0] ?? fileURLToPath(new URL("../../../spec/dist/openapi.json", import.meta.url));
if (!existsSync(spec))
  fail(`${spec} does not exist: run npm start (or npx pnpm@10.34.9 --filter @allmhub/spec run bundle) first`);

const gateway = await startMockGateway({
  spec,
  port,
  host: values.host,
  apiKeys: values.key,
  accessTokens: values["access-token"],
  taskPolls,
  log: values.quiet ? undefined : (line) => console.log(line),
});
const keyNote = values.key ? `only the key(s) given with --key` : "any non-empty API key";
console.log(`mock gateway on ${gateway.url}, accepting ${keyNote}; tasks finish on read ${taskPolls + 1}`);
console.log(`spec: ${spec}`);
console.log(`try:  ALLMHUB_BASE_URL=${gateway.url} ALLMHUB_API_KEY=${values.key?.[0] ?? "sk-mock"} node app.mjs`);
console.log("Ctrl-C stops it");
const stop = () => gateway.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
