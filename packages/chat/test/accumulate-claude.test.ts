import { describe, expect, it } from "vitest";
import { StreamError, accumulateClaudeMessage, type ClaudeResponse, type ClaudeStreamEvent } from "../src/index.js";

async function* events(...items: ClaudeStreamEvent[]) {
  yield* items;
}
const start: ClaudeStreamEvent = {
  type: "message_start",
  message: {
    id: "msg_1",
    type: "message",
    role: "assistant",
    model: "claude-sonnet-4-20250514",
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: { input_tokens: 40, cache_creation_input_tokens: 0, cache_read_input_tokens: 5, output_tokens: 1 },
  },
};

describe("accumulateClaudeMessage", () => {
  it("builds thinking, text and tool_use blocks, parses the tool input and takes the stop reason and usage of message_delta", async () => {
    const seen: string[] = [];
    const message = await accumulateClaudeMessage(
      events(
        start,
        { type: "content_block_start", index: 0, content_block: { type: "thinking", thinking: "" } },
        { type: "ping" },
        { type: "content_block_delta", index: 0, delta: { type: "thinking_delta", thinking: "Let me " } },
        { type: "content_block_delta", index: 0, delta: { type: "thinking_delta", thinking: "check." } },
        { type: "content_block_delta", index: 0, delta: { type: "signature_delta", signature: "sig==" } },
        { type: "content_block_stop", index: 0 },
        { type: "content_block_start", index: 1, content_block: { type: "text", text: "" } },
        { type: "content_block_delta", index: 1, delta: { type: "text_delta", text: "Checking " } },
        { type: "content_block_delta", index: 1, delta: { type: "text_delta", text: "the weather." } },
        { type: "content_block_stop", index: 1 },
        {
          type: "content_block_start",
          index: 2,
          content_block: { type: "tool_use", id: "toolu_1", name: "get_weather", input: {} },
        },
        { type: "content_block_delta", index: 2, delta: { type: "input_json_delta", partial_json: "" } },
        {
          type: "content_block_delta",
          index: 2,
          delta: { type: "input_json_delta", partial_json: '{"location": "San' },
        },
        {
          type: "content_block_delta",
          index: 2,
          delta: { type: "input_json_delta", partial_json: ' Francisco, CA", "unit": "celsius"}' },
        },
        { type: "content_block_stop", index: 2 },
        {
          type: "message_delta",
          delta: { stop_reason: "tool_use", stop_sequence: null },
          usage: { output_tokens: 89, input_tokens: null },
        },
        { type: "message_stop" },
      ),
      (e) => seen.push(e.type),
    );
    expect(seen).toHaveLength(18);
    expect(seen).toContain("ping");
    expect(message).toEqual({
      id: "msg_1",
      type: "message",
      role: "assistant",
      model: "claude-sonnet-4-20250514",
      content: [
        { type: "thinking", thinking: "Let me check.", signature: "sig==" },
        { type: "text", text: "Checking the weather." },
        {
          type: "tool_use",
          id: "toolu_1",
          name: "get_weather",
          input: { location: "San Francisco, CA", unit: "celsius" },
        },
      ],
      stop_reason: "tool_use",
      stop_sequence: null,
      usage: { input_tokens: 40, cache_creation_input_tokens: 0, cache_read_input_tokens: 5, output_tokens: 89 },
    } satisfies ClaudeResponse);
  });

  it("gives a tool_use without input deltas an empty input and keeps citations", async () => {
    const message = await accumulateClaudeMessage(
      events(
        start,
        { type: "content_block_start", index: 0, content_block: { type: "tool_use", id: "t", name: "now", input: {} } },
        { type: "content_block_stop", index: 0 },
        { type: "content_block_start", index: 1, content_block: { type: "text", text: "" } },
        {
          type: "content_block_delta",
          index: 1,
          delta: {
            type: "citations_delta",
            citation: {
              type: "char_location",
              cited_text: "x",
              document_index: 0,
              document_title: null,
              start_char_index: 0,
              end_char_index: 1,
            },
          },
        },
        { type: "content_block_delta", index: 1, delta: { type: "text_delta", text: "cited" } },
      ),
    );
    expect(message.content).toEqual([
      { type: "tool_use", id: "t", name: "now", input: {} },
      {
        type: "text",
        text: "cited",
        citations: [
          {
            type: "char_location",
            cited_text: "x",
            document_index: 0,
            document_title: null,
            start_char_index: 0,
            end_char_index: 1,
          },
        ],
      },
    ]);
    // No message_delta arrived: the stream stopped early and says so.
    expect(message.stop_reason).toBeNull();
  });

  it("parses the input of a tool call whose block never stopped, and builds blocks whose start a relay dropped", async () => {
    const message = await accumulateClaudeMessage(
      events(
        { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "Hi" } },
        { type: "content_block_delta", index: 1, delta: { type: "input_json_delta", partial_json: '{"a":1}' } },
      ),
    );
    expect(message).toEqual({
      id: "",
      type: "message",
      role: "assistant",
      model: "",
      content: [
        { type: "text", text: "Hi" },
        { type: "tool_use", id: "", name: "", input: { a: 1 } },
      ],
      stop_reason: null,
      stop_sequence: null,
    });
  });

  it("throws a StreamError on tool input that is not JSON and on an error event", async () => {
    await expect(
      accumulateClaudeMessage(
        events(
          start,
          { type: "content_block_start", index: 0, content_block: { type: "tool_use", id: "t", name: "f", input: {} } },
          { type: "content_block_delta", index: 0, delta: { type: "input_json_delta", partial_json: '{"a":' } },
          { type: "content_block_stop", index: 0 },
        ),
      ),
    ).rejects.toThrowError(/content block 0 \(tool_use\) is not valid JSON/);
    const err = await accumulateClaudeMessage(
      events(start, { type: "error", error: { type: "overloaded_error", message: "Overloaded" } }),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StreamError);
    expect((err as StreamError).message).toBe("Overloaded");
  });
});
