#!/usr/bin/env node
// The benchmark server on 127.0.0.1 (see src/server.mjs). Prints {"url": …} on its first line, stops on SIGTERM.
import { startBenchServer, DEFAULT_STREAM_CHUNKS } from "../src/server.mjs";

const at = process.argv.indexOf("--chunks");
const streamChunks = at > 0 ? Number(process.argv[at + 1]) : DEFAULT_STREAM_CHUNKS;
const { url, close } = await startBenchServer({ streamChunks });
process.stdout.write(`${JSON.stringify({ url, streamChunks })}\n`);
process.on("SIGTERM", () => close().then(() => process.exit(0)));
