import type { ChatCompletionResponse, ChatCompletionStreamResponse, ToolCall, Usage } from "./generated/operations.js";

/**
 * Builds the final chat completion from a stream of OpenAI chunks: text and reasoning concatenated,
 * tool calls assembled from their deltas (by index, or by position when a converted stream omits it),
 * the finish reason and the usage of the last chunk that had one. `onChunk` sees every chunk as it arrives.
 *
 * @example
 * const stream = await chat.createChatCompletionStream({ model, messages });
 * const completion = await accumulateChatCompletion(stream, (c) => process.stdout.write(c.choices[0]?.delta.content ?? ""));
 */
export async function accumulateChatCompletion(
  stream: AsyncIterable<ChatCompletionStreamResponse>,
  onChunk?: (chunk: ChatCompletionStreamResponse) => void,
): Promise<ChatCompletionResponse> {
  const result: ChatCompletionResponse = { id: "", object: "chat.completion", created: 0, model: "", choices: [] };
  const byIndex = new Map<
    number,
    {
      content: string;
      reasoning: string;
      refusal: string;
      role: string;
      finish: string | null;
      tools: Map<number, ToolCall>;
    }
  >();
  let usage: Usage | undefined;
  for await (const chunk of stream) {
    onChunk?.(chunk);
    copyCompletionHeader(result, chunk);
    if (chunk.usage) usage = chunk.usage;
    for (const choice of chunk.choices ?? []) {
      let acc = byIndex.get(choice.index);
      if (!acc) {
        acc = { content: "", reasoning: "", refusal: "", role: "assistant", finish: null, tools: new Map() };
        byIndex.set(choice.index, acc);
      }
      const delta = choice.delta ?? {};
      if (typeof delta.role === "string") acc.role = delta.role;
      if (typeof delta.content === "string") acc.content += delta.content;
      if (typeof delta.reasoning_content === "string") acc.reasoning += delta.reasoning_content;
      if (typeof delta.refusal === "string") acc.refusal += delta.refusal;
      // new-api's converted streams may leave out a tool call's `index`: its position in the delta stands in.
      (delta.tool_calls ?? []).forEach((t, position) => {
        const index = t.index ?? position;
        const call = acc.tools.get(index) ?? {
          id: "",
          type: "function" as const,
          function: { name: "", arguments: "" },
        };
        if (t.id) call.id = t.id;
        if (t.function?.name) call.function.name += t.function.name;
        if (t.function?.arguments) call.function.arguments += t.function.arguments;
        acc.tools.set(index, call);
      });
      if (choice.finish_reason) acc.finish = choice.finish_reason;
    }
  }
  result.choices = [...byIndex.entries()]
    .sort(([a], [b]) => a - b)
    .map(([index, acc]) => ({
      index,
      finish_reason: acc.finish,
      message: {
        role: "assistant" as const,
        content: acc.content || (acc.tools.size ? null : ""),
        ...(acc.reasoning ? { reasoning_content: acc.reasoning } : {}),
        ...(acc.refusal ? { refusal: acc.refusal } : {}),
        ...(acc.tools.size ? { tool_calls: [...acc.tools.entries()].sort(([a], [b]) => a - b).map(([, c]) => c) } : {}),
      },
    }));
  if (usage) result.usage = usage;
  return result;
}

/** What identifies an OpenAI chat or text completion, carried by each of its chunks. */
interface CompletionHeader {
  id?: string | undefined;
  model?: string | undefined;
  created?: number | undefined;
  system_fingerprint?: string | null | undefined;
}

/** Copies the id, model, creation time and system fingerprint of a chunk that has them onto the result. */
export function copyCompletionHeader(result: CompletionHeader, chunk: CompletionHeader): void {
  if (chunk.id) result.id = chunk.id;
  if (chunk.model) result.model = chunk.model;
  if (chunk.created) result.created = chunk.created;
  if (chunk.system_fingerprint) result.system_fingerprint = chunk.system_fingerprint;
}
