/**
 * What the benchmark server answers, taken from the spec: the documented chat completion example
 * (`createChatCompletion`, `allinone-basic`) and a long chat stream built from the documented stream
 * example (`allinone-stream`), its content chunk repeated with the documented deltas.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** The documented example the per-call benchmark sends and expects back. */
export const CHAT_EXAMPLE = "allinone-basic";
/** The documented stream the long stream is built from. */
export const STREAM_EXAMPLE = "allinone-stream";

/**
 * Reads the bundled spec (`@allmhub/spec/dist/openapi.json`).
 * @returns {any}
 */
export function loadSpec() {
  return JSON.parse(readFileSync(require.resolve("@allmhub/spec/dist/openapi.json"), "utf8"));
}

/**
 * Resolves an example object (following one `$ref` into `components/examples`) to its value.
 * @param {any} spec
 * @param {any} example
 */
function exampleValue(spec, example) {
  if (example?.$ref) {
    const name = example.$ref.replace("#/components/examples/", "");
    const resolved = spec.components?.examples?.[name];
    if (!resolved) throw new Error(`unresolved example ${example.$ref}`);
    return resolved.value;
  }
  return example?.value;
}

/**
 * The documented request and answer of a chat completion, and the events of the documented stream.
 * @param {any} spec the bundled spec
 * @returns {{ request: any, response: any, streamEvents: any[] }}
 */
export function chatFixtures(spec) {
  const op = spec.paths?.["/v1/chat/completions"]?.post;
  if (!op) throw new Error("the spec has no POST /v1/chat/completions");
  const request = exampleValue(spec, op.requestBody.content["application/json"].examples[CHAT_EXAMPLE]);
  const response = exampleValue(spec, op.responses["200"].content["application/json"].examples[CHAT_EXAMPLE]);
  const events = exampleValue(spec, op.responses["200"].content["text/event-stream"].examples[STREAM_EXAMPLE]);
  if (!request || !response || typeof events !== "string")
    throw new Error(`documented examples ${CHAT_EXAMPLE}/${STREAM_EXAMPLE} are missing`);
  const streamEvents = events
    .split(/\n\n+/)
    .map((block) => block.trim())
    .filter((block) => block.startsWith("data:"))
    .map((block) => block.slice(5).trim())
    .filter((data) => data !== "[DONE]")
    .map((data) => JSON.parse(data));
  return { request, response, streamEvents };
}

/**
 * A long `text/event-stream` body in the shape of the documented stream: the first (role) chunk, then
 * `chunks` content chunks cycling through the documented deltas, then the documented closing chunks
 * (finish reason, usage) and `data: [DONE]`.
 * @param {any[]} streamEvents the documented events (see {@link chatFixtures})
 * @param {number} chunks how many content chunks
 * @returns {{ body: string, contentChunks: number, events: number, text: string }}
 */
export function longChatStream(streamEvents, chunks) {
  if (!Number.isInteger(chunks) || chunks < 1) throw new RangeError("chunks must be a positive integer");
  const isContent = (/** @type {any} */ e) =>
    typeof e.choices?.[0]?.delta?.content === "string" &&
    e.choices[0].delta.content !== "" &&
    !e.choices[0].finish_reason;
  const firstContent = streamEvents.findIndex(isContent);
  const lastContent = streamEvents.findLastIndex(isContent);
  if (firstContent < 0) throw new Error("the documented stream has no content chunk");
  const head = streamEvents.slice(0, firstContent);
  const template = streamEvents[firstContent];
  const deltas = streamEvents.filter(isContent).map((e) => e.choices[0].delta.content);
  const tail = streamEvents.slice(lastContent + 1);
  const lines = [];
  let text = "";
  for (const e of head) lines.push(`data: ${JSON.stringify(e)}\n\n`);
  for (let i = 0; i < chunks; i++) {
    const delta = deltas[i % deltas.length];
    text += delta;
    const chunk = { ...template, choices: [{ ...template.choices[0], delta: { content: delta } }] };
    lines.push(`data: ${JSON.stringify(chunk)}\n\n`);
  }
  for (const e of tail) lines.push(`data: ${JSON.stringify(e)}\n\n`);
  lines.push("data: [DONE]\n\n");
  return { body: lines.join(""), contentChunks: chunks, events: head.length + chunks + tail.length, text };
}
