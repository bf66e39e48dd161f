#!/usr/bin/env node
// Serves the mock gateway until interrupted: allmhub-mock-gateway [bundle.json] [--port N]
import { startMockGateway } from "../src/index.mjs";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);
const portIndex = args.indexOf("--port");
const port = portIndex >= 0 ? Number(args[portIndex + 1]) : 4010;
const spec =
  args.find((a, i) => !a.startsWith("--") && i !== portIndex + 1) ??
  fileURLToPath(new URL("../../../spec/dist/openapi.json", import.meta.url));
const gateway = await startMockGateway({ spec, port });
console.log(`mock gateway on ${gateway.url} (spec: ${spec}); Ctrl-C stops it`);
process.on("SIGINT", () => gateway.close().then(() => process.exit(0)));
