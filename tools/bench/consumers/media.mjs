// @allmhub/media: one image generation (the package has no streamed operation; this is its README example).
import { createMediaClient } from "@allmhub/media";

const images = await createMediaClient({ apiKey: "sk-bench" }).createImage({
  model: "gpt-image-1",
  prompt: "A lighthouse at dawn",
  size: "1024x1024",
});
console.log(images.data[0]?.url);
