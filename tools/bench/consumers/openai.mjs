// openai-node: the same streamed chat completion as consumers/chat.mjs.
import OpenAI from "openai";

const stream = await new OpenAI({ apiKey: "sk-bench" }).chat.completions.create({
  model: "gpt-4.1-mini",
  messages: [{ role: "user", content: "Hi" }],
  stream: true,
});
for await (const chunk of stream) console.log(chunk.choices[0]?.delta.content ?? "");
