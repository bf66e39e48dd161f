// @ts-check
// The smoke program: what a user does first with the SDK (a call, a stream, a multipart upload, a binary
// answer, an abort), written once with web-platform APIs only, and run unchanged in every runtime.
import { APIUserAbortError, accumulateChatCompletion, createChatClient } from "@allmhub/chat";
import { createMediaClient } from "@allmhub/media";

/** The API key the mock gateway is started with. */
export const SMOKE_KEY = "sk-smoke";
/** Header that tells the gateway's request log which runtime sent a request. */
export const RUNTIME_HEADER = "x-smoke-runtime";

/**
 * @typedef {{
 *   runtime: string,
 *   call: string | null | undefined,
 *   stream: { chunks: number, text: string | null | undefined },
 *   upload: string,
 *   binary: { type: string, bytes: string },
 *   abort: string,
 * }} SmokeReport
 */

/**
 * Runs the five steps against a gateway and reports what each one got.
 * @param {string} baseUrl the gateway
 * @param {string} label sent in {@link RUNTIME_HEADER}
 * @returns {Promise<SmokeReport>}
 */
export async function smoke(baseUrl, label) {
  const options = { apiKey: SMOKE_KEY, baseUrl, maxRetries: 0, headers: { [RUNTIME_HEADER]: label } };
  const chat = createChatClient(options);
  const media = createMediaClient(options);
  const request = { model: "gpt-4.1-mini", messages: [{ role: /** @type {const} */ ("user"), content: "Hello" }] };

  const completion = await chat.createChatCompletion(request);

  let chunks = 0;
  const streamed = await accumulateChatCompletion(await chat.createChatCompletionStream(request), () => void chunks++);

  const audio = new File([new Uint8Array([0x49, 0x44, 0x33, 3, 0])], "hello.mp3", { type: "audio/mpeg" });
  const transcription = await media.createTranscription({ model: "whisper-1", file: audio });

  const speech = await media.createSpeech({ model: "tts-1", input: "Hello", voice: "alloy" });
  const bytes = [...new Uint8Array(await speech.arrayBuffer())].map((b) => b.toString(16).padStart(2, "0"));

  // The abort comes once the runtime's fetch has started, so the runtime has to cancel a request in flight.
  const controller = new AbortController();
  const aborting = createChatClient({
    ...options,
    fetch: (input, init) => {
      const pending = fetch(input, init);
      controller.abort();
      return pending;
    },
  });
  const abort = await aborting.createChatCompletion(request, { signal: controller.signal }).then(
    () => "answered",
    (error) => (error instanceof APIUserAbortError ? error.name : `${error?.name}: ${error?.message}`),
  );

  return {
    runtime: runtimeName(),
    call: completion.choices[0]?.message.content,
    stream: { chunks, text: streamed.choices[0]?.message.content },
    upload: typeof transcription === "string" ? transcription : transcription.text,
    binary: { type: speech.type, bytes: bytes.join("") },
    abort,
  };
}

/**
 * The runtime this runs in: `bun 1.4.5`, `deno 2.9.6`, `node 22.23.5`, or the user agent of the others (workerd
 * and browsers; workerd has a Node-like `process` too).
 */
function runtimeName() {
  const g = /** @type {any} */ (globalThis);
  if (g.Bun) return `bun ${g.Bun.version}`;
  if (g.Deno) return `deno ${g.Deno.version.deno}`;
  const agent = g.navigator?.userAgent;
  return agent && !agent.startsWith("Node.js") ? String(agent) : `node ${g.process.versions.node}`;
}
