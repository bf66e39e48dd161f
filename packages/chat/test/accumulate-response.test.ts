import { describe, expect, it } from "vitest";
import { StreamError, accumulateResponse, type ResponsesResponse, type ResponsesStreamResponse } from "../src/index.js";

async function* events(...items: ResponsesStreamResponse[]) {
  yield* items;
}
const snapshot: ResponsesResponse = {
  id: "resp_1",
  object: "response",
  created_at: 1,
  status: "in_progress",
  model: "gpt-4.1",
  output: [],
};

describe("accumulateResponse", () => {
  it("returns the response of response.completed as sent", async () => {
    const completed: ResponsesResponse = {
      ...snapshot,
      status: "completed",
      output: [
        {
          type: "message",
          id: "msg_1",
          role: "assistant",
          status: "completed",
          content: [{ type: "output_text", text: "Hi", annotations: [] }],
        },
      ],
      usage: { input_tokens: 3, output_tokens: 1, total_tokens: 4 },
    };
    const seen: string[] = [];
    const response = await accumulateResponse(
      events(
        { type: "response.created", response: snapshot },
        { type: "response.output_text.delta", output_index: 0, content_index: 0, item_id: "msg_1", delta: "H" },
        { type: "response.completed", response: completed },
      ),
      (e) => seen.push(e.type),
    );
    expect(response).toEqual(completed);
    expect(seen).toEqual(["response.created", "response.output_text.delta", "response.completed"]);
  });

  it("assembles text, refusals, function-call arguments and reasoning from deltas when the stream has no terminal event", async () => {
    const response = await accumulateResponse(
      events(
        { type: "response.created", response: snapshot },
        { type: "response.output_item.added", output_index: 0, item: { type: "reasoning", id: "rs_1", summary: [] } },
        {
          type: "response.reasoning_summary_part.added",
          output_index: 0,
          item_id: "rs_1",
          summary_index: 0,
          part: { type: "summary_text", text: "" },
        },
        {
          type: "response.reasoning_summary_text.delta",
          output_index: 0,
          item_id: "rs_1",
          summary_index: 0,
          delta: "Think",
        },
        {
          type: "response.reasoning_summary_text.delta",
          output_index: 0,
          item_id: "rs_1",
          summary_index: 0,
          delta: "ing",
        },
        {
          type: "response.output_item.added",
          output_index: 1,
          item: { type: "message", id: "msg_1", role: "assistant", status: "in_progress", content: [] },
        },
        {
          type: "response.content_part.added",
          output_index: 1,
          item_id: "msg_1",
          content_index: 0,
          part: { type: "output_text", text: "", annotations: [] },
        },
        { type: "response.output_text.delta", output_index: 1, item_id: "msg_1", content_index: 0, delta: "Hel" },
        { type: "response.output_text.delta", output_index: 1, item_id: "msg_1", content_index: 0, delta: "lo" },
        {
          type: "response.output_text.annotation.added",
          output_index: 1,
          item_id: "msg_1",
          content_index: 0,
          annotation_index: 0,
          annotation: {
            type: "url_citation",
            url: "https://example.com",
            start_index: 0,
            end_index: 5,
            title: "Example",
          },
        },
        { type: "response.refusal.delta", output_index: 1, item_id: "msg_1", content_index: 1, delta: "No " },
        { type: "response.refusal.delta", output_index: 1, item_id: "msg_1", content_index: 1, delta: "way" },
        {
          type: "response.output_item.added",
          output_index: 2,
          item: { type: "function_call", id: "fc_1", call_id: "call_1", name: "get_weather", arguments: "" },
        },
        { type: "response.function_call_arguments.delta", output_index: 2, item_id: "fc_1", delta: '{"city":' },
        { type: "response.function_call_arguments.delta", output_index: 2, item_id: "fc_1", delta: '"Paris"}' },
        { type: "response.web_search_call.in_progress", output_index: 3, item_id: "ws_1" },
      ),
    );
    expect(response).toEqual({
      ...snapshot,
      output: [
        { type: "reasoning", id: "rs_1", summary: [{ type: "summary_text", text: "Thinking" }] },
        {
          type: "message",
          id: "msg_1",
          role: "assistant",
          status: "in_progress",
          content: [
            {
              type: "output_text",
              text: "Hello",
              annotations: [
                { type: "url_citation", url: "https://example.com", start_index: 0, end_index: 5, title: "Example" },
              ],
            },
            { type: "refusal", refusal: "No way" },
          ],
        },
        { type: "function_call", id: "fc_1", call_id: "call_1", name: "get_weather", arguments: '{"city":"Paris"}' },
      ],
    });
  });

  it("lets the done events and response.output_item.done replace what the deltas built", async () => {
    const response = await accumulateResponse(
      events(
        { type: "response.output_text.delta", output_index: 0, item_id: "msg_1", content_index: 0, delta: "garbled" },
        { type: "response.output_text.done", output_index: 0, item_id: "msg_1", content_index: 0, text: "Fixed" },
        { type: "response.function_call_arguments.delta", output_index: 1, item_id: "fc_1", delta: "{" },
        { type: "response.function_call_arguments.done", output_index: 1, item_id: "fc_1", name: "f", arguments: "{}" },
        { type: "response.reasoning_text.delta", output_index: 2, item_id: "rs_1", content_index: 0, delta: "abc" },
        {
          type: "response.output_item.done",
          output_index: 3,
          item: {
            type: "function_call",
            id: "fc_2",
            call_id: "call_2",
            name: "g",
            arguments: "[]",
            status: "completed",
          },
        },
      ),
    );
    // Items the stream never announced are created from the events that point at them.
    expect(response.output).toEqual([
      {
        type: "message",
        id: "msg_1",
        role: "assistant",
        status: "in_progress",
        content: [{ type: "output_text", text: "Fixed", annotations: [] }],
      },
      { type: "function_call", id: "fc_1", status: "in_progress", call_id: "", name: "f", arguments: "{}" },
      { type: "reasoning", id: "rs_1", summary: [], content: [{ type: "reasoning_text", text: "abc" }] },
      { type: "function_call", id: "fc_2", call_id: "call_2", name: "g", arguments: "[]", status: "completed" },
    ]);
    expect(response).toMatchObject({ id: "", object: "response", status: "in_progress" });
  });

  it("returns response.incomplete's response and fills an empty output from the events", async () => {
    const response = await accumulateResponse(
      events(
        {
          type: "response.output_item.added",
          output_index: 0,
          item: { type: "message", id: "m", role: "assistant", status: "in_progress", content: [] },
        },
        { type: "response.output_text.delta", output_index: 0, item_id: "m", content_index: 0, delta: "cut" },
        {
          type: "response.incomplete",
          response: {
            ...snapshot,
            status: "incomplete",
            incomplete_details: { reason: "max_output_tokens" },
            output: [],
          },
        },
      ),
    );
    expect(response.status).toBe("incomplete");
    expect(response.incomplete_details).toEqual({ reason: "max_output_tokens" });
    expect(response.output).toEqual([
      {
        type: "message",
        id: "m",
        role: "assistant",
        status: "in_progress",
        content: [{ type: "output_text", text: "cut", annotations: [] }],
      },
    ]);
  });

  it("keeps the deltas when .done events leave out text and arguments (new-api's converted streams)", async () => {
    const response = await accumulateResponse(
      events(
        { type: "response.created", response: snapshot },
        {
          type: "response.output_item.added",
          output_index: 0,
          item: { type: "reasoning", id: "r_reasoning_0", status: "in_progress", content: [] },
        },
        {
          type: "response.reasoning_summary_text.delta",
          output_index: 0,
          item_id: "r_reasoning_0",
          summary_index: 0,
          delta: "Hm",
        },
        {
          type: "response.reasoning_summary_text.done",
          output_index: 0,
          item_id: "r_reasoning_0",
          summary_index: 0,
          part: { type: "summary_text", text: "Hmm." },
        },
        {
          type: "response.output_item.added",
          output_index: 1,
          item: { type: "message", id: "r_msg_0", status: "in_progress", role: "assistant", content: [] },
        },
        { type: "response.output_text.delta", output_index: 1, content_index: 0, item_id: "r_msg_0", delta: "Hi" },
        { type: "response.output_text.done", output_index: 1, content_index: 0, item_id: "r_msg_0" },
        {
          type: "response.output_item.added",
          output_index: 2,
          item: {
            type: "function_call",
            id: "call_1",
            status: "in_progress",
            call_id: "call_1",
            name: "f",
            arguments: "",
          },
        },
        { type: "response.function_call_arguments.delta", output_index: 2, item_id: "call_1", delta: "{}" },
        { type: "response.function_call_arguments.done", output_index: 2, item_id: "call_1" },
      ),
    );
    expect(response.output).toEqual([
      {
        type: "reasoning",
        id: "r_reasoning_0",
        status: "in_progress",
        content: [],
        summary: [{ type: "summary_text", text: "Hmm." }],
      },
      {
        type: "message",
        id: "r_msg_0",
        status: "in_progress",
        role: "assistant",
        content: [{ type: "output_text", text: "Hi", annotations: [] }],
      },
      { type: "function_call", id: "call_1", status: "in_progress", call_id: "call_1", name: "f", arguments: "{}" },
    ]);
  });

  it("throws a StreamError with the event when the response failed", async () => {
    const failed: ResponsesStreamResponse = {
      type: "response.failed",
      response: { ...snapshot, status: "failed", error: { code: "server_error", message: "The model crashed" } },
    };
    const err = await accumulateResponse(events({ type: "response.created", response: snapshot }, failed)).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(StreamError);
    expect((err as StreamError).message).toBe("The model crashed");
    expect((err as StreamError).body).toEqual(failed);
  });

  it("throws a StreamError on an error event and when an event points at the wrong kind of item", async () => {
    const error: ResponsesStreamResponse = { type: "error", code: "rate_limit", message: "Slow down", param: null };
    const err = await accumulateResponse(events(error)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StreamError);
    expect(err).toMatchObject({ message: "Slow down", body: error });
    await expect(
      accumulateResponse(
        events(
          {
            type: "response.output_item.added",
            output_index: 0,
            item: { type: "function_call", call_id: "c", name: "f", arguments: "" },
          },
          { type: "response.output_text.delta", output_index: 0, item_id: "c", content_index: 0, delta: "x" },
        ),
      ),
    ).rejects.toThrowError(StreamError);
  });
});
