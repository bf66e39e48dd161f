// @allmhub/media: one streamed image generation (partial images as they come, then the final one).
import { createMediaClient } from "@allmhub/media";

const stream = await createMediaClient({ apiKey: "sk-bench" }).createImageStream({
  model: "gpt-image-1",
  prompt: "A lighthouse at dawn",
  partial_images: 2,
});
for await (const event of stream) console.log(event.type);
