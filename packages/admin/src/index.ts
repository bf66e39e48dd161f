import { createPackageClient, type ClientOptions, type PackageClient } from "@allmhub/core";
import type { paths } from "./generated/openapi.js";
import { bindAdminOperations, type AdminOperations } from "./generated/operations.js";

/** A client of the gateway's model list, balance, token and account APIs: one typed method per operation of the spec. */
export type AdminClient = PackageClient<paths, AdminOperations>;

/**
 * Creates a client of the gateway's model list, balance, token and account APIs.
 *
 * The key comes from `options.apiKey` or `ALLMHUB_API_KEY`, the base URL from `options.baseUrl`,
 * `ALLMHUB_BASE_URL` or https://api.allmhub.com. A missing key or a malformed URL throws a
 * `ConfigurationError` here, before any request.
 *
 * @example
 * const admin = createAdminClient();
 * const models = await admin.listModels();
 * console.log(models.data.map((m) => m.id));
 */
export function createAdminClient(options?: ClientOptions): AdminClient {
  return createPackageClient<paths, AdminOperations>(bindAdminOperations, options);
}

export * from "./generated/operations.js";
export type { components, operations, paths } from "./generated/openapi.js";
export * from "@allmhub/core";
