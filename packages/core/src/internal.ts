// The runtime that generated code and the feature packages use. NOT public API: it may change in any
// release. Users import what they need from a feature package (@allmhub/chat, media, tasks, admin).
export {
  DEFAULT_BASE_URL,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  readEnv,
  resolveAccountCredentials,
  resolveClientOptions,
  type ResolvedClientOptions,
} from "./options.js";
export { authFor, secretsOf, type AuthScheme, type Credentials } from "./auth.js";
export { createGatewayClient, createPackageClient, optionsOf, type GatewayClient } from "./client.js";
export type {
  EnvelopeKind,
  OperationArgs,
  OperationDescriptor,
  OperationEntry,
  OperationSettings,
  OperationTable,
  Route,
} from "./operation.js";
export {
  bindOperations,
  callOperation,
  isRequestOptions,
  streamOperation,
  type OperationCodecs,
} from "./operations.js";
export {
  accountEnvelope,
  envelopeChecks,
  midjourneyEnvelope,
  taskCodeEnvelope,
  type EnvelopeCheck,
} from "./envelopes.js";
export { containsBlob, multipartBody, toFormData } from "./form.js";
export { checkArguments } from "./arguments.js";
export { buildRequest } from "./request.js";
export { send } from "./send.js";
export { buildApiError, parseAnswer } from "./answer.js";
export { errorForStatus, messageFromBody, type APIErrorInit } from "./errors.js";
export { REDACTED, redactSecrets } from "./redact.js";
export { isRetryableStatus, retryDelayMs, sleep } from "./retry.js";
export {
  createEventParser,
  createEventScanner,
  decodeServerSentEvents,
  jsonEventDecoder,
  type EventParser,
  type EventScanner,
  type StreamDecoder,
  type StreamOptions,
} from "./sse.js";
export {
  jittered,
  nextPollInterval,
  pollTask,
  progressPercent,
  taskStateBy,
  waitForTask,
  type TaskRule,
} from "./poll.js";
export { TEMPLATE_NAME, fillPath, serializeQuery } from "./url.js";
