// @allmhub/core alone: one streamed call through the shared runtime, with a hand-written operation descriptor.
import { createGatewayClient, streamOperation } from "@allmhub/core";

const gateway = createGatewayClient({ apiKey: "sk-bench" });
const stream = await streamOperation(
  gateway,
  { method: "post", path: "/v1/chat/completions" },
  {
    body: { model: "gpt-4.1-mini", messages: [{ role: "user", content: "Hi" }], stream: true },
  },
);
for await (const chunk of stream) console.log(chunk);
