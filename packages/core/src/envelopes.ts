import { errorInit } from "./answer.js";
import { EnvelopeError } from "./errors.js";
import type { EnvelopeKind } from "./operation.js";

/**
 * Checks a 2xx answer that comes in one kind of envelope: returns what the caller wants or throws an
 * {@link EnvelopeError} carrying the envelope's code and message (secrets scrubbed).
 */
export type EnvelopeCheck = (data: unknown, response: Response, secrets?: readonly string[]) => unknown;

function envelopeFailure(
  data: unknown,
  response: Response,
  secrets: readonly string[],
  code: unknown,
  message: string,
): never {
  throw new EnvelopeError(
    errorInit(
      response,
      data,
      message,
      secrets,
      ["string", "number", "boolean"].includes(typeof code) ? (code as string | number | boolean) : undefined,
    ),
  );
}

/** The fields of an envelope: none for null or undefined (a string, number or boolean has none of those read here). */
const fieldsOf = (data: unknown): Record<string, unknown> => (data ?? {}) as Record<string, unknown>;

/** The `midjourney` envelope: returned whole when its `code` is 1 (submitted), 21 (already exists) or 22 (queued). */
export function midjourneyEnvelope(data: unknown, response: Response, secrets: readonly string[] = []): unknown {
  const { code, description } = fieldsOf(data);
  if ([1, 21, 22].includes(code as number)) return data;
  return envelopeFailure(
    data,
    response,
    secrets,
    code,
    `Midjourney rejected the submission (code ${code}): ${description ?? "no description"}`,
  );
}

/** The `account` envelope `{ success, message, data }`: its `data` when `success` is true. */
export function accountEnvelope(data: unknown, response: Response, secrets: readonly string[] = []): unknown {
  const body = fieldsOf(data);
  if (body.success === true) return body.data;
  return envelopeFailure(
    data,
    response,
    secrets,
    body.success,
    `The account API reported a failure: ${body.message || "no message"}`,
  );
}

/** The `task-code` envelope `{ code, message, data }`: its `data` when `code` is "success", true or 0. */
export function taskCodeEnvelope(data: unknown, response: Response, secrets: readonly string[] = []): unknown {
  const body = fieldsOf(data);
  const code = body.code;
  if (code === "success" || code === true || code === 0) return body.data;
  return envelopeFailure(
    data,
    response,
    secrets,
    code,
    `The task API reported a failure (code ${code}): ${body.message ?? body.msg ?? "no message"}`,
  );
}

/** The check of every envelope kind, for tables that may use any of them (`callOperation`). */
export const envelopeChecks: Readonly<Record<EnvelopeKind, EnvelopeCheck>> = {
  midjourney: midjourneyEnvelope,
  account: accountEnvelope,
  "task-code": taskCodeEnvelope,
};
