/**
 * The benchmark server: plain node:http on 127.0.0.1 that answers `POST /v1/chat/completions` with the
 * documented example (JSON) or, when the body asks for `stream: true`, with a long chat stream built from
 * the documented stream. Answers are prepared once, so the server does the same small amount of work for
 * every contender. `spawnBenchServer` runs it in a child process, so its work does not share the event
 * loop of the client being measured.
 */
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { chatFixtures, loadSpec, longChatStream } from "./fixtures.mjs";

/** Content chunks of the long stream unless told otherwise. */
export const DEFAULT_STREAM_CHUNKS = 5000;

/**
 * Creates the server (not yet listening).
 * @param {{ spec?: any, streamChunks?: number }} [options]
 * @returns {import("node:http").Server}
 */
export function createBenchServer({ spec = loadSpec(), streamChunks = DEFAULT_STREAM_CHUNKS } = {}) {
  const { response, streamEvents } = chatFixtures(spec);
  const json = Buffer.from(JSON.stringify(response));
  const stream = Buffer.from(longChatStream(streamEvents, streamChunks).body);
  const firstEventEnd = stream.indexOf("\n\n") + 2;
  const firstEvent = stream.subarray(0, firstEventEnd);
  const rest = stream.subarray(firstEventEnd);
  return createServer((req, res) => {
    /** @type {Buffer[]} */
    const parts = [];
    req.on("data", (c) => parts.push(c));
    req.on("end", () => {
      if (req.method !== "POST" || req.url?.split("?")[0] !== "/v1/chat/completions") {
        res
          .writeHead(404, { "content-type": "application/json" })
          .end(
            JSON.stringify({ error: { message: `no route ${req.method} ${req.url}`, type: "invalid_request_error" } }),
          );
        return;
      }
      let body;
      try {
        body = JSON.parse(Buffer.concat(parts).toString("utf8"));
      } catch {
        res
          .writeHead(400, { "content-type": "application/json" })
          .end(JSON.stringify({ error: { message: "body is not JSON", type: "invalid_request_error" } }));
        return;
      }
      if (body?.stream === true) {
        res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
        // The first event goes out on its own (time to first event), the rest as fast as the socket takes it.
        res.write(firstEvent);
        res.end(rest);
        return;
      }
      res
        .writeHead(200, { "content-type": "application/json", "content-length": json.length, "x-request-id": "bench" })
        .end(json);
    });
  });
}

/**
 * Starts the server in this process on an ephemeral port of 127.0.0.1.
 * @param {{ spec?: any, streamChunks?: number }} [options]
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function startBenchServer(options) {
  const server = createBenchServer(options);
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve(undefined));
  });
  const address = /** @type {import("node:net").AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const SERVER_BIN = fileURLToPath(new URL("../bin/server.mjs", import.meta.url));

/**
 * Starts the server in a child process (`bin/server.mjs`) and resolves once it listens.
 * @param {{ streamChunks?: number }} [options]
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export function spawnBenchServer({ streamChunks = DEFAULT_STREAM_CHUNKS } = {}) {
  const child = spawn(process.execPath, [SERVER_BIN, "--chunks", String(streamChunks)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    const onExit = (/** @type {number | null} */ code) =>
      reject(new Error(`benchmark server exited with code ${code} before listening`));
    child.once("exit", onExit);
    child.once("error", reject);
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (/** @type {string} */ chunk) => {
      out += chunk;
      const line = out.split("\n")[0] ?? "";
      if (!out.includes("\n")) return;
      child.off("exit", onExit);
      const { url } = JSON.parse(line);
      resolve({
        url,
        close: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once("exit", () => done());
            child.kill("SIGTERM");
          }),
      });
    });
  });
}
