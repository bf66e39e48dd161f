// @anthropic-ai/sdk: one streamed message.
import Anthropic from "@anthropic-ai/sdk";

const stream = await new Anthropic({ apiKey: "sk-bench" }).messages.create({
  model: "claude-sonnet-4-5",
  max_tokens: 1024,
  messages: [{ role: "user", content: "Hi" }],
  stream: true,
});
for await (const event of stream)
  if (event.type === "content_block_delta" && event.delta.type === "text_delta") console.log(event.delta.text);
