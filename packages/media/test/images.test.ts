import { describe, expect, it } from "vitest";
import { extractImages } from "../src/index.js";

describe("extractImages", () => {
  it("reads markdown image links in a chat completion (nano banana / gpt-4o-image chat format)", () => {
    const reply = {
      choices: [
        {
          message: {
            role: "assistant",
            content:
              "Here it is:\n\n![image](https://cdn.example.com/a.png)\n\n![second](https://cdn.example.com/b.jpg?x=1)",
          },
        },
      ],
    };
    expect(extractImages(reply)).toEqual([
      { url: "https://cdn.example.com/a.png" },
      { url: "https://cdn.example.com/b.jpg?x=1" },
    ]);
  });
  it("reads data URLs and bare image links, once each", () => {
    const text =
      "![x](data:image/png;base64,iVBORw0KGgo=) and https://cdn.example.com/c.webp plus https://cdn.example.com/c.webp";
    expect(extractImages(text)).toEqual([
      { b64: "iVBORw0KGgo=", mimeType: "image/png" },
      { url: "https://cdn.example.com/c.webp" },
    ]);
  });
  it("reads Gemini inline image parts in either spelling, and skips other inline data", () => {
    const reply = {
      candidates: [
        {
          content: {
            parts: [
              { text: "Done." },
              { inlineData: { mimeType: "image/png", data: "AAAA" } },
              { inline_data: { mime_type: "image/jpeg", data: "BBBB" } },
              { inlineData: { mimeType: "audio/wav", data: "CCCC" } },
            ],
          },
        },
      ],
    };
    expect(extractImages(reply)).toEqual([
      { b64: "AAAA", mimeType: "image/png" },
      { b64: "BBBB", mimeType: "image/jpeg" },
    ]);
  });
  it("reads image responses and tolerates empty replies", () => {
    expect(extractImages({ data: [{ url: "https://x.example.com/1.png" }, { b64_json: "ZZZ" }] })).toEqual([
      { url: "https://x.example.com/1.png" },
      { b64: "ZZZ", mimeType: "image/png" },
    ]);
    expect(extractImages(null)).toEqual([]);
    expect(extractImages({ choices: [{ message: { content: null } }] })).toEqual([]);
  });
});
