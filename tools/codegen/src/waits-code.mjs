// @ts-check
// The `waitFor…` helpers of a package: one per task query operation whose spec states its status field and
// terminal states (`x-task`), each polling that operation with the family's rule.
import { docComment } from "./docs.mjs";
import { pascal } from "./operations-code.mjs";

/** @typedef {import("./describe.mjs").OperationInfo} OperationInfo */

/**
 * The rule of a task family as core's `TaskRule` takes it, from `x-task`.
 * @param {any} task
 * @param {string} operationId
 */
export function taskRule(task, operationId) {
  const list = (/** @type {unknown} */ v) => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);
  const rule = {
    status: list(task.status),
    done: list(task.done),
    failed: list(task.failed),
    ...(task.reason?.length ? { reason: list(task.reason) } : {}),
    ...(task.progress ? { progress: String(task.progress) } : {}),
    ...(task.doneIfPresent?.length ? { doneIfPresent: list(task.doneIfPresent) } : {}),
  };
  if (!rule.status.length || !rule.done.length) throw new Error(`${operationId}: x-task needs status and done`);
  return rule;
}

/** The helper's name: `x-task.name`, or `waitFor` and the operation without its `get`. */
export const waitName = (/** @type {OperationInfo} */ op) =>
  op.task?.name ?? `waitFor${pascal(op.operationId).replace(/^Get/, "")}`;

/**
 * The generated helpers, to append to a package's operations file; empty when no operation has `x-task`.
 * @param {OperationInfo[]} ops
 * @param {string} iface the operations interface (`TasksOperations`)
 * @returns {{ code: string[], imports: string[] }}
 */
export function generateWaits(ops, iface) {
  const tasks = ops.filter((op) => op.task);
  if (!tasks.length) return { code: [], imports: [] };
  /** @type {string[]} */
  const code = [];
  for (const op of tasks) {
    const T = pascal(op.operationId);
    const rule = taskRule(op.task, op.operationId);
    const args = op.pathParams.map((p) => p.ident);
    const params = op.pathParams.map((p) => `${p.ident}: ${T}Path[${JSON.stringify(p.name)}]`);
    if (op.input === "query") {
      args.push("query");
      params.push(`query: ${T}Query`);
    }
    const id = op.pathParams.length
      ? `String(${op.pathParams.at(-1)?.ident})`
      : op.input === "query"
        ? 'String(Object.values(query)[0] ?? "")'
        : "undefined";
    const reason = rule.reason ? `, its \`reason\` read from ${rule.reason.map((r) => `\`${r}\``).join(" or ")}` : "";
    code.push(
      docComment(
        [
          `Polls \`${op.operationId}\` (\`${op.method.toUpperCase()} ${op.path}\`) until the task is done (${rule.status.map((s) => `\`${s}\``).join(" or ")} is ${rule.done.join(", ")}) and returns it,`,
          `or throws \`TaskFailedError\` when it fails (${rule.failed.join(", ") || "never reported"})${reason}.`,
          `Takes the arguments of \`${op.operationId}\`, then the polling options: an AbortSignal, a deadline or timeout,`,
          "the interval and backoff, a progress callback, and `request`, the call options of each read.",
        ],
        "",
      ),
      `export function ${waitName(op)}(client: Pick<${iface}, ${JSON.stringify(op.operationId)}>, ${params.join(", ")}, options?: WaitForOptions<${T}Result>): Promise<${T}Result> {`,
      // The client goes along too: the secrets of its gateway are scrubbed from what the errors carry.
      `  return waitForTask((o) => client.${op.operationId}(${[...args, "o"].join(", ")}), ${JSON.stringify(rule)}, options, ${id}, client);`,
      "}",
      "",
    );
  }
  return { code, imports: ["waitForTask"] };
}
