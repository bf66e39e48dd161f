// Replays the recorded event streams of the spec (spec/examples/chat/*.events.yaml, bundled in
// components.examples) through the client against a local server that checks each request against the spec
// and sends the events one write at a time; every dialect's accumulator must rebuild the final message.
import { createServer, type ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accumulateChatCompletion,
  accumulateClaudeMessage,
  accumulateCompletion,
  accumulateGeminiResponse,
  accumulateResponse,
  createChatClient,
  type ChatClient,
  type ClaudeResponse,
  type CompletionResponse,
  type GeminiResponse,
  type ResponsesFunctionCall,
  type ResponsesResponse,
  type ResponsesStreamResponse,
} from "../src/index.js";
import {
  answerPointer,
  checkRequest,
  eventsExamples,
  eventsOf,
  example,
  problemsAt,
  type CapturedRequest,
  type RequestCheck,
} from "./spec.js";

interface Hit extends CapturedRequest {
  check: RequestCheck;
  closed: Promise<void>;
}
const hits: Hit[] = [];
const open = new Set<ServerResponse>();
const server = createServer(async (req, res) => {
  let body = "";
  for await (const chunk of req) body += chunk;
  const captured: CapturedRequest = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body };
  const check = checkRequest(captured);
  hits.push({ ...captured, check, closed: new Promise((resolve) => res.on("close", () => resolve())) });
  const name = String(req.headers["x-replay"] ?? "");
  if (check.problems.length || !check.authorized) {
    res.writeHead(400, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        error: { message: `not allowed by the spec: ${check.problems.join("; ") || "no accepted credentials"}` },
      }),
    );
    return;
  }
  open.add(res);
  res.on("close", () => open.delete(res));
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const events = eventsOf(example<string>(`${check.operationId}.${name}.events`));
  // `hold`: send the first event and keep the connection open, as a long answer would.
  const count = req.headers["x-replay-mode"] === "hold" ? 1 : events.length;
  for (const event of events.slice(0, count)) {
    res.write(event);
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (count === events.length) res.end();
});
let chat: ChatClient;
const key = "sk-replay-1234";
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  chat = createChatClient({
    apiKey: key,
    baseUrl: typeof address === "object" && address ? `http://127.0.0.1:${address.port}` : "",
    maxRetries: 0,
  });
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);

/** The JSON `data` of each event of an example, without `[DONE]`. */
function dataOf(key: string): unknown[] {
  return eventsOf(example<string>(key))
    .map((e) => /^data: (.*)$/m.exec(e)?.[1] ?? "")
    .filter((d) => d && d !== "[DONE]")
    .map((d) => JSON.parse(d) as unknown);
}

interface Dialect {
  operationId: string;
  /** The auth scheme of the spec the client sends for this dialect. */
  scheme: string;
  open(name: string, headers: Record<string, string>): Promise<AsyncIterable<unknown> & { abort(): void }>;
  accumulate(events: AsyncIterable<unknown>, onEvent?: (event: unknown) => void): Promise<unknown>;
}
const request = (operationId: string, name: string) => example<any>(`${operationId}.${name}.request`);
const dialects: Dialect[] = [
  {
    operationId: "createChatCompletion",
    scheme: "bearerAuth",
    open: (name, headers) => chat.createChatCompletionStream(request("createChatCompletion", name), { headers }),
    accumulate: (s, f) => accumulateChatCompletion(s as never, f),
  },
  {
    operationId: "createResponse",
    scheme: "bearerAuth",
    open: (name, headers) => chat.createResponseStream(request("createResponse", name), { headers }),
    accumulate: (s, f) => accumulateResponse(s as never, f),
  },
  {
    operationId: "createClaudeMessage",
    scheme: "anthropicApiKey",
    open: (name, headers) => chat.createClaudeMessageStream(request("createClaudeMessage", name), { headers }),
    accumulate: (s, f) => accumulateClaudeMessage(s as never, f),
  },
  {
    operationId: "streamGenerateContent",
    scheme: "bearerAuth",
    open: (name, headers) =>
      chat.streamGenerateContent("gemini-2.5-flash", request("streamGenerateContent", name), { headers }),
    accumulate: (s, f) => accumulateGeminiResponse(s as never, f),
  },
  {
    operationId: "createCompletion",
    scheme: "bearerAuth",
    open: (name, headers) => chat.createCompletionStream(request("createCompletion", name), { headers }),
    accumulate: (s, f) => accumulateCompletion(s as never, f),
  },
];

/** What each recorded stream must accumulate into, beyond the checks every stream gets. */
const expected: Record<string, (final: any, events: unknown[]) => void | Promise<void>> = {
  "createChatCompletion.template-stream": (final) =>
    expect(final).toEqual({
      id: "chatcmpl-123",
      object: "chat.completion",
      created: 1677652288,
      model: "gpt-5-mini",
      choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content: "你好！有什么可以帮你？" } }],
      usage: { prompt_tokens: 19, completion_tokens: 9, total_tokens: 28 },
    }),
  "createResponse.template-responses-stream": async (final: ResponsesResponse, events) => {
    const completed = events.at(-1) as ResponsesStreamResponse;
    expect(completed.type).toBe("response.completed");
    expect(final).toEqual(completed.type === "response.completed" ? completed.response : undefined);
    expect(final.status).toBe("completed");
    expect(final.output).toEqual([
      {
        id: "msg_68ac1559b7c88190a6c1c4b1d3c0f9e90b8064b15a091a77",
        type: "message",
        status: "completed",
        role: "assistant",
        content: [{ type: "output_text", annotations: [], logprobs: [], text: "你好!有什么可以帮你的吗?" }],
      },
    ]);
    // Without response.completed, the deltas alone rebuild the same output.
    const assembled = await accumulateResponse(
      (async function* () {
        yield* (events as ResponsesStreamResponse[]).filter((e) => e.type !== "response.completed");
      })(),
    );
    expect(assembled.output).toEqual(final.output);
  },
  "createResponse.written-function-call-stream": async (final: ResponsesResponse, events) => {
    const call = final.output[0] as ResponsesFunctionCall;
    expect(call).toMatchObject({
      type: "function_call",
      name: "get_weather",
      call_id: "call_Q2vJ8cQf3gkqXzvYwZ0aJ5lN",
      status: "completed",
    });
    expect(JSON.parse(call.arguments)).toEqual({ location: "Paris, France" });
    expect(final.usage?.total_tokens).toBe(75);
    // The arguments assembled from their deltas alone (no output_item.done, no response.completed).
    const fromDeltas = await accumulateResponse(
      (async function* () {
        yield* (events as ResponsesStreamResponse[]).filter(
          (e) =>
            e.type !== "response.completed" &&
            e.type !== "response.output_item.done" &&
            e.type !== "response.function_call_arguments.done",
        );
      })(),
    );
    expect(fromDeltas.output).toEqual([{ ...call, status: "in_progress" }]);
  },
  "createResponse.template-gpt5-thinking": (final: ResponsesResponse) => {
    expect(final.output.map((i) => i.type)).toEqual(["reasoning", "message"]);
    expect(final.output[0]).toMatchObject({
      summary: [
        {
          type: "summary_text",
          text: "**Summing an arithmetic series**\n\nThe sum 1+2+…+9985 is n(n+1)/2 with n = 9985.",
        },
      ],
    });
    expect(final.output[1]).toMatchObject({
      content: [{ type: "output_text", text: "1+2+3+…+9985 = 9985×9986/2 = **49,855,105**" }],
    });
  },
  "createClaudeMessage.template-stream-native": (final: ClaudeResponse) =>
    expect(final).toEqual({
      id: "msg_01XFDUDYJgAACzvnptvVoYEL",
      type: "message",
      role: "assistant",
      model: "claude-sonnet-4-20250514",
      content: [{ type: "text", text: "我是小王,一个智能AI助手。有什么可以帮你的吗?" }],
      stop_reason: "end_turn",
      stop_sequence: null,
      usage: { input_tokens: 32, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 24 },
    }),
  "createClaudeMessage.template-stream-thinking-native": (final: ClaudeResponse) => {
    expect(final.content).toEqual([
      {
        type: "thinking",
        thinking: "用户问我是谁。系统提示说我叫小王,是一个智能AI助手。",
        signature: "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds",
      },
      { type: "text", text: "我是小王,一个智能AI助手。" },
    ]);
    expect(final).toMatchObject({ stop_reason: "end_turn", usage: { input_tokens: 45, output_tokens: 86 } });
  },
  "createClaudeMessage.written-converted-tool-stream": (final: ClaudeResponse) => {
    expect(final.content).toEqual([
      {
        type: "tool_use",
        id: "call_8kJ2mQ4nR7sT1vW3xY5zA6bC",
        name: "get_weather",
        input: { location: "Paris, France" },
      },
    ]);
    expect(final.stop_reason).toBe("tool_use");
    // message_delta's counts replace message_start's, new-api's own usage fields included.
    expect(final.usage).toMatchObject({
      input_tokens: 61,
      output_tokens: 17,
      claude_cache_creation_5_m_tokens: 0,
      billing_usage: { source: "oai_chat" },
    });
  },
  "streamGenerateContent.written-plain": (final: GeminiResponse) =>
    expect(final).toEqual({
      candidates: [
        {
          index: 0,
          finishReason: "STOP",
          content: {
            role: "model",
            parts: [{ text: "AI learns patterns from data to make predictions or decisions." }],
          },
        },
      ],
      usageMetadata: { promptTokenCount: 8, candidatesTokenCount: 12, totalTokenCount: 20 },
      modelVersion: "gemini-2.5-flash",
    }),
  "streamGenerateContent.template-stream-thinking": (final: GeminiResponse) => {
    expect(final.candidates?.[0]?.content?.parts).toEqual([
      { text: "**Responding as Neko**\n\nThe user greets me; I answer in character as a cat.", thought: true },
      { text: "Meow! Hello there, human. I'm Neko. Do you have any treats for me?" },
    ]);
    expect(final.candidates?.[0]?.finishReason).toBe("STOP");
    expect(final.usageMetadata).toMatchObject({ totalTokenCount: 128, thoughtsTokenCount: 95 });
  },
  "createCompletion.written-stream": (final: CompletionResponse) =>
    expect(final.choices).toEqual([
      { index: 0, text: "我是一个人工智能助手,很高兴认识你。", finish_reason: "stop", logprobs: null },
    ]),
};

const cases = dialects.flatMap((d) =>
  eventsExamples(d.operationId).map((name) => ({ ...d, name, label: `${d.operationId}.${name}` })),
);

describe("recorded streams of the spec, replayed through the client", () => {
  it("covers every dialect and every stream with a written expectation", () => {
    expect(new Set(cases.map((c) => c.operationId)).size).toBe(dialects.length);
    for (const label of Object.keys(expected)) expect(cases.map((c) => c.label)).toContain(label);
  });

  it.each(cases)("$label: typed events arrive intact and accumulate into the final message", async (c) => {
    const stream = await c.open(c.name, { "x-replay": c.name });
    const hit = hits.at(-1) as Hit;
    expect(hit.check).toMatchObject({ operationId: c.operationId, problems: [], authorized: true });
    expect(hit.check.schemes).toEqual([c.scheme]);
    const seen: unknown[] = [];
    const final = await c.accumulate(stream, (e) => seen.push(e));
    const recorded = dataOf(`${c.label}.events`);
    expect(seen).toEqual(recorded);
    expect(
      problemsAt(answerPointer(c.operationId === "streamGenerateContent" ? "generateContent" : c.operationId), final),
    ).toEqual([]);
    await expected[c.label]?.(final, recorded);
    await hit.closed;
  });

  it.each(dialects)("$operationId: breaking out of the loop releases the connection", async (d) => {
    const name = eventsExamples(d.operationId)[0] as string;
    const stream = await d.open(name, { "x-replay": name, "x-replay-mode": "hold" });
    const hit = hits.at(-1) as Hit;
    let n = 0;
    for await (const event of stream) {
      expect(event).toEqual(dataOf(`${d.operationId}.${name}.events`)[0]);
      n++;
      break;
    }
    expect(n).toBe(1);
    await hit.closed;
    expect(open.size).toBe(0);
  });

  it.each(dialects)(
    "$operationId: an accumulator whose callback throws releases the connection and rethrows",
    async (d) => {
      const name = eventsExamples(d.operationId)[0] as string;
      const stream = await d.open(name, { "x-replay": name, "x-replay-mode": "hold" });
      const hit = hits.at(-1) as Hit;
      const stop = new Error("stop here");
      await expect(
        d.accumulate(stream, () => {
          throw stop;
        }),
      ).rejects.toBe(stop);
      await hit.closed;
      expect(open.size).toBe(0);
    },
  );
});

describe("Gemini streams ask for server-sent events", () => {
  const body = request("streamGenerateContent", "written-plain");

  it("streamGenerateContent sends the model in the path, alt=sse once, and the key as a bearer token", async () => {
    const stream = await chat.streamGenerateContent("gemini-2.5-pro", body, {
      headers: { "x-replay": "written-plain" },
    });
    const response = await accumulateGeminiResponse(stream);
    expect(response.candidates?.[0]?.content?.parts?.[0]?.text).toBe(
      "AI learns patterns from data to make predictions or decisions.",
    );
    const hit = hits.at(-1) as Hit;
    expect(hit.url).toBe("/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse");
    expect(hit.headers.authorization).toBe(`Bearer ${key}`);
    expect(hit.check.problems).toEqual([]);
  });

  it("keeps an alt the caller chose", async () => {
    await chat
      .streamGenerateContent("gemini-2.5-flash", body, {
        headers: { "x-replay": "written-plain" },
        query: { alt: "json" },
      })
      .then((s) => s.toArray());
    expect(new URL(hits.at(-1)?.url ?? "", "http://x").searchParams.getAll("alt")).toEqual(["json"]);
  });
});
