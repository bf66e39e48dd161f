import { describe, expect, it } from "vitest";
import { accumulateCompletion, type CompletionResponse } from "../src/index.js";

async function* chunks(...items: CompletionResponse[]) {
  yield* items;
}
const base = { id: "cmpl-1", object: "text_completion" as const, created: 7, model: "gpt-3.5-turbo-instruct" };

describe("accumulateCompletion", () => {
  it("joins the text and the logprob lists per choice and keeps the last finish reason and usage", async () => {
    const seen: string[] = [];
    const completion = await accumulateCompletion(
      chunks(
        {
          ...base,
          choices: [
            { index: 0, text: "Hel", finish_reason: null, logprobs: { tokens: ["Hel"], token_logprobs: [-0.1] } },
          ],
        },
        { ...base, choices: [{ index: 1, text: "Bye", finish_reason: "stop", logprobs: null }] },
        {
          ...base,
          choices: [
            { index: 0, text: "lo", finish_reason: "length", logprobs: { tokens: ["lo"], token_logprobs: [-0.2] } },
          ],
        },
        { ...base, choices: [], usage: { prompt_tokens: 2, completion_tokens: 3, total_tokens: 5 } },
      ),
      (c) => seen.push(c.choices.map((x) => x.text).join("|")),
    );
    expect(seen).toEqual(["Hel", "Bye", "lo", ""]);
    expect(completion).toEqual({
      ...base,
      choices: [
        {
          index: 0,
          text: "Hello",
          finish_reason: "length",
          logprobs: { tokens: ["Hel", "lo"], token_logprobs: [-0.1, -0.2] },
        },
        { index: 1, text: "Bye", finish_reason: "stop", logprobs: null },
      ],
      usage: { prompt_tokens: 2, completion_tokens: 3, total_tokens: 5 },
    });
  });
});
