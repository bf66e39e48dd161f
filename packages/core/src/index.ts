// The public API of @allmhub/core, which every feature package re-exports: options, call options, the
// error family, streams, files and what the task helpers take and throw. What generated code and the
// feature packages need besides is in `@allmhub/core/internal`, which is not public API.
export type { AccountClientOptions, ClientOptions } from "./options.js";
export type { HeaderValues, QueryValues, RequestOptions } from "./operation.js";
export type { GatewayClient, PackageClient } from "./client.js";
export {
  APIConnectionError,
  APIError,
  APITimeoutError,
  APIUserAbortError,
  AllmhubError,
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  ConflictError,
  EnvelopeError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  StreamError,
  UnprocessableEntityError,
} from "./errors.js";
export { Stream, type ServerSentEvent } from "./sse.js";
export {
  TaskFailedError,
  TaskTimeoutError,
  type PollProgress,
  type TaskState,
  type WaitForOptions,
  type WaitOptions,
} from "./poll.js";
export { toFile, type FileSource } from "./files.js";
export { createRawClient } from "./raw.js";
