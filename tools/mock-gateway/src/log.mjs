// @ts-check
// One line per request for the mock's console: what was called, which operation it matched, and whether the
// spec allows it (or why not).

/** The longest violation text a log line shows. */
const MAX_REASON = 300;

/**
 * `POST /v1/chat/completions -> createChatCompletion 200 valid (example default)`; a Gemini `?key=` is
 * shown as `***`.
 * @param {import("./index.mjs").RecordedRequest} entry
 */
export function formatLogLine(entry) {
  const path = entry.path.replace(/([?&]key=)[^&#]*/gi, "$1***");
  const operation = entry.operationId ?? "(no operation)";
  return `${entry.method} ${path} -> ${operation} ${entry.status} ${outcome(entry)}`;
}

/** @param {import("./index.mjs").RecordedRequest} entry */
function outcome(entry) {
  if (entry.violation) {
    const reason = entry.violation.length > MAX_REASON ? `${entry.violation.slice(0, MAX_REASON)}…` : entry.violation;
    return `not valid: ${reason}`;
  }
  if (entry.status === 401) return "credentials missing or not accepted";
  if (entry.status >= 400) return "the spec documents no answer the mock can give";
  const details = [entry.task ? `task ${entry.task}` : "", entry.example ? `example ${entry.example}` : ""]
    .filter(Boolean)
    .join(", ");
  return details ? `valid (${details})` : "valid";
}
