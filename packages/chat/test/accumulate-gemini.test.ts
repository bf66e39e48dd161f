import { describe, expect, it } from "vitest";
import { accumulateGeminiResponse, type GeminiResponse } from "../src/index.js";

async function* chunks(...items: GeminiResponse[]) {
  yield* items;
}
const model = (parts: NonNullable<NonNullable<GeminiResponse["candidates"]>[number]["content"]>["parts"]) => ({
  role: "model",
  parts,
});

describe("accumulateGeminiResponse", () => {
  it("joins text per candidate, keeps thoughts apart, and takes the last finishReason and usage", async () => {
    let count = 0;
    const response = await accumulateGeminiResponse(
      chunks(
        {
          candidates: [{ index: 0, content: model([{ text: "Plan: ", thought: true }]) }],
          usageMetadata: { promptTokenCount: 5, totalTokenCount: 5 },
          modelVersion: "gemini-2.5-flash",
          responseId: "r1",
        },
        { candidates: [{ index: 0, content: model([{ text: "greet.", thought: true }]) }] },
        { candidates: [{ index: 0, content: model([{ text: "Hello" }]) }] },
        {
          candidates: [{ index: 0, content: model([{ text: ", world" }]), finishReason: "STOP" }],
          usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 3, totalTokenCount: 20, thoughtsTokenCount: 12 },
        },
      ),
      () => count++,
    );
    expect(count).toBe(4);
    expect(response).toEqual({
      candidates: [
        {
          index: 0,
          finishReason: "STOP",
          content: model([{ text: "Plan: greet.", thought: true }, { text: "Hello, world" }]),
        },
      ],
      usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 3, totalTokenCount: 20, thoughtsTokenCount: 12 },
      modelVersion: "gemini-2.5-flash",
      responseId: "r1",
    });
  });

  it("keeps function calls and inline data parts in order, and a thought signature on the text it seals", async () => {
    const image = { inlineData: { mimeType: "image/png", data: "iVBORw0KGgo=" } };
    const call = { functionCall: { name: "get_weather", args: { city: "Paris" } }, thoughtSignature: "sig-call" };
    const response = await accumulateGeminiResponse(
      chunks(
        { candidates: [{ index: 0, content: model([{ text: "Here " }]) }] },
        { candidates: [{ index: 0, content: model([{ text: "it is", thoughtSignature: "sig-text" }]) }] },
        { candidates: [{ index: 0, content: model([{ text: " again" }]) }] },
        { candidates: [{ index: 0, content: model([image]) }] },
        { candidates: [{ index: 0, content: model([call]) }] },
        { candidates: [{ index: 0, content: model([{ text: "Done" }]), finishReason: "STOP" }] },
      ),
    );
    expect(response.candidates?.[0]?.content?.parts).toEqual([
      { text: "Here it is", thoughtSignature: "sig-text" },
      { text: " again" },
      image,
      call,
      { text: "Done" },
    ]);
  });

  it("keeps candidates apart by index and ignores empty chunks", async () => {
    const response = await accumulateGeminiResponse(
      chunks(
        {
          candidates: [
            { index: 1, content: model([{ text: "B" }]) },
            { index: 0, content: model([{ text: "A" }]) },
          ],
        },
        {},
        {
          candidates: [
            { index: 0, content: model([{ text: "a" }]), finishReason: "STOP" },
            { index: 1, content: model([{ text: "b" }]), finishReason: "MAX_TOKENS" },
          ],
        },
      ),
    );
    expect(response.candidates?.map((c) => [c.index, c.content?.parts?.[0]?.text, c.finishReason])).toEqual([
      [0, "Aa", "STOP"],
      [1, "Bb", "MAX_TOKENS"],
    ]);
  });
});
