import { StreamError } from "@allmhub/core";
import { assignDefined } from "./assign-defined.js";
import type { ClaudeResponse, ClaudeResponseContentBlock, ClaudeStreamEvent } from "./generated/operations.js";

/**
 * Builds the final Claude message from a stream of Anthropic's named events: `message_start` gives the
 * message, `content_block_start` / `content_block_delta` / `content_block_stop` build each content block
 * (`text_delta` text, `thinking_delta` thinking with its `signature_delta`, `input_json_delta` pieces parsed
 * into the `input` of `tool_use` and `server_tool_use` blocks, `citations_delta` citations), and
 * `message_delta` sets `stop_reason`, `stop_sequence` and the usage it reports. `ping` is ignored.
 *
 * An `error` event already ends the stream with a {@link StreamError} in `@allmhub/core`; tool input that is
 * not valid JSON also throws one. Deltas of kinds this version does not know are left out of the message. `onEvent` sees every event as it arrives.
 *
 * @example
 * const stream = await chat.createClaudeMessageStream({}, {
 *   model: "claude-sonnet-4-20250514",
 *   max_tokens: 1024,
 *   messages: [{ role: "user", content: "Hello!" }],
 * });
 * const message = await accumulateClaudeMessage(stream, (e) => {
 *   if (e.type === "content_block_delta" && e.delta.type === "text_delta") process.stdout.write(e.delta.text);
 * });
 * console.log(message.stop_reason, message.usage?.output_tokens);
 */
export async function accumulateClaudeMessage(
  stream: AsyncIterable<ClaudeStreamEvent>,
  onEvent?: (event: ClaudeStreamEvent) => void,
): Promise<ClaudeResponse> {
  let message: ClaudeResponse = {
    id: "",
    type: "message",
    role: "assistant",
    model: "",
    content: [],
    stop_reason: null,
    stop_sequence: null,
  };
  const blocks = new Map<number, ClaudeResponseContentBlock>();
  const inputJson = new Map<number, string>();

  const finishInput = (index: number) => {
    const json = inputJson.get(index);
    const block = blocks.get(index) as (ClaudeResponseContentBlock & { input?: unknown }) | undefined;
    inputJson.delete(index);
    if (json === undefined || !block) return;
    try {
      block.input = json.trim() === "" ? {} : (JSON.parse(json) as Record<string, unknown>);
    } catch {
      throw new StreamError(
        `The input of content block ${index} (${block.type}) is not valid JSON: ${json.slice(0, 120)}`,
        { index, partial_json: json },
      );
    }
  };

  for await (const event of stream) {
    onEvent?.(event);
    switch (event.type) {
      case "message_start":
        message = structuredClone(event.message);
        blocks.clear();
        for (const [index, block] of (message.content ?? []).entries()) blocks.set(index, block);
        break;
      case "content_block_start":
        blocks.set(event.index, structuredClone(event.content_block));
        break;
      case "content_block_delta": {
        const delta = event.delta;
        let block = blocks.get(event.index);
        if (!block) {
          // A relay that dropped content_block_start: the delta says what the block is.
          block = blockFor(delta.type);
          blocks.set(event.index, block);
        }
        if (delta.type === "text_delta" && block.type === "text") block.text += delta.text;
        else if (delta.type === "thinking_delta" && block.type === "thinking") block.thinking += delta.thinking;
        else if (delta.type === "signature_delta" && block.type === "thinking") block.signature = delta.signature;
        else if (delta.type === "input_json_delta")
          inputJson.set(event.index, (inputJson.get(event.index) ?? "") + delta.partial_json);
        else if (delta.type === "citations_delta" && block.type === "text")
          block.citations = [...(block.citations ?? []), delta.citation];
        // Other deltas (newer Anthropic features) are left out of the message; onEvent still sees them.
        break;
      }
      case "content_block_stop":
        finishInput(event.index);
        break;
      case "message_delta": {
        const { stop_reason, stop_sequence, ...rest } = event.delta;
        // Object.assign would take an own `__proto__` field (JSON.parse makes one) as the message's prototype.
        for (const [key, value] of Object.entries(rest))
          if (key !== "__proto__") (message as Record<string, unknown>)[key] = value;
        if (stop_reason !== undefined) message.stop_reason = stop_reason;
        if (stop_sequence !== undefined) message.stop_sequence = stop_sequence;
        if (event.usage) {
          const usage = { ...message.usage };
          // Counts the event reports replace the message_start ones; absent or null counts keep theirs.
          assignDefined(usage, event.usage as Partial<typeof usage>);
          message.usage = usage as typeof message.usage;
        }
        break;
      }
      case "error":
        throw new StreamError(event.error.message, event);
      case "message_stop":
      case "ping":
        break;
    }
  }

  for (const index of [...inputJson.keys()]) finishInput(index);
  message.content = [...blocks.entries()].sort(([a], [b]) => a - b).map(([, block]) => block);
  return message;
}

function blockFor(deltaType: string): ClaudeResponseContentBlock {
  if (deltaType === "thinking_delta" || deltaType === "signature_delta") return { type: "thinking", thinking: "" };
  if (deltaType === "input_json_delta") return { type: "tool_use", id: "", name: "", input: {} };
  return { type: "text", text: "" };
}
