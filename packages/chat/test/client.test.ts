import { createServer } from "node:http";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import {
  ConfigurationError,
  createChatClient,
  createRawClient,
  operationCatalog,
  type ChatCompletionStreamResponse,
  type CreateChatCompletionBody,
  type CreateChatCompletionResult,
  type MessageContent,
  type Stream,
} from "../src/index.js";

let url = "";
const seen: Array<{ method?: string; url?: string; auth?: string; body: string }> = [];
const server = createServer(async (req, res) => {
  let body = "";
  for await (const chunk of req) body += chunk;
  seen.push({ method: req.method, url: req.url, auth: req.headers.authorization, body });
  if (JSON.parse(body || "{}").stream) {
    res.writeHead(200, { "content-type": "text/event-stream" });
    res.end(
      'data: {"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hi"}}]}\n\ndata: [DONE]\n\n',
    );
    return;
  }
  res.writeHead(200, { "content-type": "application/json" });
  res.end(
    JSON.stringify({
      id: "c",
      object: "chat.completion",
      created: 1,
      model: "m",
      choices: [{ index: 0, message: { role: "assistant", content: "Hi" }, finish_reason: "stop" }],
    }),
  );
});
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const a = server.address();
  url = typeof a === "object" && a ? `http://127.0.0.1:${a.port}` : "";
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("@allmhub/chat", () => {
  it("refuses to create a client without a key", () => {
    const saved = process.env.ALLMHUB_API_KEY;
    delete process.env.ALLMHUB_API_KEY;
    try {
      expect(() => createChatClient()).toThrowError(ConfigurationError);
    } finally {
      if (saved !== undefined) process.env.ALLMHUB_API_KEY = saved;
    }
  });

  it("has a method for every operation of its catalog", () => {
    const chat = createChatClient({ apiKey: "sk-1", baseUrl: url });
    for (const entry of operationCatalog) {
      if (entry.call) expect(typeof chat[entry.call]).toBe("function");
      if (entry.stream) expect(typeof chat[entry.stream]).toBe("function");
    }
    expect(operationCatalog.map((e) => e.operationId)).toEqual(
      expect.arrayContaining(["createChatCompletion", "createResponse", "generateContent"]),
    );
  });

  it("creates a chat completion, typed", async () => {
    const chat = createChatClient({ apiKey: "sk-1", baseUrl: url });
    const completion = await chat.createChatCompletion({ model: "m", messages: [{ role: "user", content: "Hello" }] });
    expectTypeOf(completion).toEqualTypeOf<CreateChatCompletionResult>();
    expect(completion.choices[0]?.message.content).toBe("Hi");
    expect(seen.at(-1)).toMatchObject({ method: "POST", url: "/v1/chat/completions", auth: "Bearer sk-1" });
  });

  it("streams typed chunks and sends stream: true", async () => {
    const chat = createChatClient({ apiKey: "sk-1", baseUrl: url });
    const stream = await chat.createChatCompletionStream({
      model: "m",
      messages: [{ role: "user", content: "Hello" }],
    });
    expectTypeOf(stream).toEqualTypeOf<Stream<ChatCompletionStreamResponse>>();
    const text: string[] = [];
    for await (const chunk of stream) text.push(chunk.choices[0]?.delta.content ?? "");
    expect(text.join("")).toBe("Hi");
    expect(JSON.parse(seen.at(-1)?.body ?? "{}").stream).toBe(true);
  });

  it("types content parts as a union that narrows on type", () => {
    const part = { type: "image_url", image_url: { url: "https://example.com/a.png" } } as MessageContent;
    if (part.type === "image_url") expectTypeOf(part.image_url.url).toEqualTypeOf<string>();
    // @ts-expect-error -- a request needs its messages
    const bad: CreateChatCompletionBody = { model: "m" };
    expect(bad.model).toBe("m");
  });
});

describe("createRawClient on a chat client", () => {
  it("gives openapi-fetch's client typed from the chat spec", async () => {
    const chat = createChatClient({ apiKey: "sk-raw-0000", baseUrl: url });
    const raw = createRawClient(chat.gateway);
    const { data, error } = await raw.POST("/v1/chat/completions", {
      body: { model: "gpt-4.1-mini", messages: [{ role: "user", content: "Hi" }] },
    });
    expect(error).toBeUndefined();
    if (!data || typeof data === "string") throw new Error("expected the JSON answer");
    expectTypeOf(data.choices[0]!.message.role).toEqualTypeOf<"assistant">();
    expect(data.choices[0]?.message.role).toBe("assistant");
    expect(seen.at(-1)?.auth).toBe("Bearer sk-raw-0000");
    // Never called: the types refuse paths outside the chat spec.
    // @ts-expect-error: not a path of the chat spec
    const wrong = () => raw.POST("/v1/not-a-chat-route", {});
    expect(typeof wrong).toBe("function");
  });
});
