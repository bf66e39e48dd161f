import { createPackageClient } from "@allmhub/core/internal";
import type { ClientOptions, PackageClient } from "@allmhub/core";
import type { paths } from "./generated/openapi.js";
import { bindChatOperations, type ChatOperations } from "./generated/operations.js";

/**
 * A client of the gateway's chat APIs (OpenAI chat, completions and Responses, Claude Messages, Gemini
 * generateContent, embeddings, rerank, moderations): one typed method per operation of the spec.
 */
export type ChatClient = PackageClient<paths, ChatOperations>;

/**
 * Creates a client of the gateway's chat APIs (OpenAI chat, completions and Responses, Claude Messages,
 * Gemini generateContent, embeddings, rerank, moderations).
 *
 * The key comes from `options.apiKey` or `ALLMHUB_API_KEY`, the base URL from `options.baseUrl`,
 * `ALLMHUB_BASE_URL` or https://api.allmhub.com. A missing key or a malformed URL throws a
 * `ConfigurationError` here, before any request. Each dialect sends the key the way its route expects:
 * `Authorization: Bearer` for the OpenAI routes and Gemini, `x-api-key` (with `anthropic-version`) for
 * Claude Messages. `streamGenerateContent` sends `alt=sse` unless the call's `query` chooses another `alt`.
 *
 * @example
 * const chat = createChatClient({ apiKey: process.env.ALLMHUB_API_KEY });
 * const completion = await chat.createChatCompletion({
 *   model: "gpt-4.1-mini",
 *   messages: [{ role: "user", content: "Hello!" }],
 * });
 * console.log(completion.choices[0]?.message.content);
 */
export function createChatClient(options?: ClientOptions): ChatClient {
  return createPackageClient<paths, ChatOperations>(bindChatOperations, options);
}

export { accumulateChatCompletion } from "./accumulate.js";
export { accumulateClaudeMessage } from "./accumulate-claude.js";
export { accumulateCompletion } from "./accumulate-completion.js";
export { accumulateGeminiResponse } from "./accumulate-gemini.js";
export { accumulateResponse } from "./accumulate-response.js";
export * from "./generated/operations.js";
export type { components, operations, paths } from "./generated/openapi.js";
export * from "@allmhub/core";
