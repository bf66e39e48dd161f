import type { ClientOptions, PackageClient } from "@allmhub/core";
import { createPackageClient } from "@allmhub/core/internal";
import type { paths } from "./generated/openapi.js";
import { bindMediaOperations, type MediaOperations } from "./generated/operations.js";

/** A client of the gateway's image and audio APIs: one typed method per operation of the spec. */
export type MediaClient = PackageClient<paths, MediaOperations>;

/**
 * Creates a client of the gateway's image and audio APIs.
 *
 * The key comes from `options.apiKey` or `ALLMHUB_API_KEY`, the base URL from `options.baseUrl`,
 * `ALLMHUB_BASE_URL` or https://api.allmhub.com. A missing key or a malformed URL throws a
 * `ConfigurationError` here, before any request.
 *
 * @example
 * const media = createMediaClient();
 * const images = await media.createImage({ model: "gpt-image-1", prompt: "A lighthouse at dawn" });
 * console.log(images.data[0]?.url);
 */
export function createMediaClient(options?: ClientOptions): MediaClient {
  return createPackageClient<paths, MediaOperations>(bindMediaOperations, options);
}

export { extractImages, type ExtractedImage, type ImageReply } from "./images.js";
export * from "./generated/operations.js";
export type { components, operations, paths } from "./generated/openapi.js";
export * from "@allmhub/core";
