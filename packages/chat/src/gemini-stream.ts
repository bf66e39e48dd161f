import type { RequestOptions, Stream } from "@allmhub/core";
import type { StreamGenerateContentBody, StreamGenerateContentParams, StreamGenerateContentStreamEvent } from "./generated/operations.js";

/** Anything with the generated `streamGenerateContent` method (a client of `createChatClient`). */
export interface GeminiStreamer {
  streamGenerateContent(params: StreamGenerateContentParams, body: StreamGenerateContentBody, options?: RequestOptions): Promise<Stream<StreamGenerateContentStreamEvent>>;
}

/**
 * Streams a Gemini `streamGenerateContent` call with `alt=sse`, the query parameter that makes Gemini answer
 * with server-sent events (without it Google answers one JSON array, which is not a stream of events).
 * The key is sent as `Authorization: Bearer` (the gateway also takes `x-goog-api-key` and `?key=`).
 *
 * @example
 * const chat = createChatClient();
 * const stream = await streamGeminiContent(chat, "gemini-2.5-flash", {
 *   contents: [{ role: "user", parts: [{ text: "Write a haiku about the sea" }] }],
 * });
 * for await (const chunk of stream) process.stdout.write(chunk.candidates?.[0]?.content?.parts?.[0]?.text ?? "");
 */
export function streamGeminiContent(
  client: GeminiStreamer,
  model: string,
  body: StreamGenerateContentBody,
  options?: RequestOptions,
): Promise<Stream<StreamGenerateContentStreamEvent>> {
  return client.streamGenerateContent({ path: { model }, query: { alt: "sse" } }, body, options);
}

/** The parameters with `alt=sse` added when the caller did not choose an `alt`. */
export function withServerSentEvents(params: StreamGenerateContentParams): StreamGenerateContentParams {
  return params.query?.alt ? params : { ...params, query: { ...params.query, alt: "sse" } };
}
