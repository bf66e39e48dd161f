import { describe, expect, it } from "vitest";
import { accumulateChatCompletion, type ChatCompletionStreamResponse } from "../src/index.js";

async function* chunks(...items: ChatCompletionStreamResponse[]) {
  yield* items;
}
const base = { id: "chatcmpl-1", object: "chat.completion.chunk" as const, created: 1, model: "gpt-4.1-mini" };

describe("accumulateChatCompletion", () => {
  it("joins text and reasoning deltas and keeps the usage", async () => {
    const seen: number[] = [];
    const completion = await accumulateChatCompletion(
      chunks(
        { ...base, choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] },
        { ...base, choices: [{ index: 0, delta: { reasoning_content: "think" }, finish_reason: null }] },
        { ...base, choices: [{ index: 0, delta: { content: "Hel" }, finish_reason: null }] },
        { ...base, choices: [{ index: 0, delta: { content: "lo" }, finish_reason: "stop" }] },
        { ...base, choices: [], usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } },
      ),
      (c) => seen.push(c.choices.length),
    );
    expect(seen).toEqual([1, 1, 1, 1, 0]);
    expect(completion).toEqual({
      id: "chatcmpl-1",
      object: "chat.completion",
      created: 1,
      model: "gpt-4.1-mini",
      choices: [
        {
          index: 0,
          finish_reason: "stop",
          message: { role: "assistant", content: "Hello", reasoning_content: "think" },
        },
      ],
      usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
    });
  });

  it("assembles parallel tool calls from their deltas", async () => {
    const completion = await accumulateChatCompletion(
      chunks(
        {
          ...base,
          choices: [
            {
              index: 0,
              delta: {
                role: "assistant",
                tool_calls: [
                  { index: 0, id: "call_a", type: "function", function: { name: "get_weather", arguments: "" } },
                ],
              },
              finish_reason: null,
            },
          ],
        },
        {
          ...base,
          choices: [
            {
              index: 0,
              delta: {
                tool_calls: [
                  { index: 1, id: "call_b", type: "function", function: { name: "get_time", arguments: "{}" } },
                ],
              },
              finish_reason: null,
            },
          ],
        },
        {
          ...base,
          choices: [
            {
              index: 0,
              delta: { tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] },
              finish_reason: null,
            },
          ],
        },
        {
          ...base,
          choices: [
            {
              index: 0,
              delta: { tool_calls: [{ index: 0, function: { arguments: '"Boston"}' } }] },
              finish_reason: "tool_calls",
            },
          ],
        },
      ),
    );
    expect(completion.choices[0]?.message.content).toBeNull();
    expect(completion.choices[0]?.finish_reason).toBe("tool_calls");
    expect(completion.choices[0]?.message.tool_calls).toEqual([
      { id: "call_a", type: "function", function: { name: "get_weather", arguments: '{"city":"Boston"}' } },
      { id: "call_b", type: "function", function: { name: "get_time", arguments: "{}" } },
    ]);
  });

  it("keeps choices apart when n > 1", async () => {
    const completion = await accumulateChatCompletion(
      chunks({
        ...base,
        choices: [
          { index: 1, delta: { content: "B" }, finish_reason: null },
          { index: 0, delta: { content: "A" }, finish_reason: null },
        ],
      }),
    );
    expect(completion.choices.map((c) => c.message.content)).toEqual(["A", "B"]);
  });

  it("places tool calls without an index (new-api's converted streams) by their position", async () => {
    const completion = await accumulateChatCompletion(
      chunks(
        {
          ...base,
          choices: [
            {
              index: 0,
              delta: { tool_calls: [{ id: "call_a", type: null, function: { name: "get_weather", arguments: "" } }] },
              finish_reason: null,
            },
          ],
        },
        {
          ...base,
          choices: [
            { index: 0, delta: { tool_calls: [{ function: { arguments: "{}" } }] }, finish_reason: "tool_calls" },
          ],
        },
      ),
    );
    expect(completion.choices[0]?.message.tool_calls).toEqual([
      { id: "call_a", type: "function", function: { name: "get_weather", arguments: "{}" } },
    ]);
  });
});
