// @ts-check
// Tasks that move: a task query (an operation with `x-task`) read again and again answers its documented
// example in the family's pending states first (queued, then running), then done, as a real gateway would.
import { operationsOf } from "@allmhub/spec-model";

/** How many tasks the mock remembers the reads of; the oldest are forgotten first. */
export const MAX_TRACKED_TASKS = 10000;

/**
 * @typedef {{ status: string | string[], done: string[], failed?: string[], progress?: string,
 *   pending?: string[] | Record<string, string[]> }} TaskExtension
 * @typedef {{ value: unknown, stage: string }} TaskAnswer
 */

/**
 * Remembers how often each task was read and answers accordingly. With `polls` 0 every read answers the
 * documented example unchanged.
 * @param {any} doc the bundled spec
 * @param {number} polls how many reads answer a pending state before the task is done
 */
export function taskProgress(doc, polls) {
  /** @type {Map<string, { task: TaskExtension, enveloped: boolean }>} */
  const families = new Map();
  for (const op of operationsOf(doc)) {
    const task = op.op["x-task"];
    if (task && op.operationId)
      families.set(op.operationId, {
        task,
        enveloped: op.op["x-envelope"] === "task-code" || op.op["x-envelope"] === "account",
      });
  }
  /** @type {Map<string, number>} */
  const reads = new Map();
  /**
   * The status paths of `value` the family's rule reads, or none when `value` has no status to move.
   * @param {{ task: TaskExtension, enveloped: boolean } | undefined} family
   * @param {unknown} value
   */
  const statusPathsOf = (family, value) => {
    if (!family) return [];
    const root = family.enveloped ? field(value, "data") : value;
    return [family.task.status].flat().filter((path) => typeof field(root, path) === "string");
  };
  return {
    /**
     * Whether reads of `operationId` move `value` through the pending states (a task query whose
     * example has a status, and `polls` above 0).
     * @param {string} operationId
     * @param {unknown} value
     */
    moves(operationId, value) {
      return polls > 0 && statusPathsOf(families.get(operationId), value).length > 0;
    },
    /**
     * The answer to one read of a task: `value` (the documented example) in the state this read reaches,
     * or null when the operation is not a task query or the example has no status to move.
     * @param {string} operationId
     * @param {string} taskKey what identifies the task (its path and query)
     * @param {unknown} value
     * @returns {TaskAnswer | null}
     */
    answer(operationId, taskKey, value) {
      const family = families.get(operationId);
      const statusPaths = statusPathsOf(family, value);
      if (!family || polls === 0 || !statusPaths.length) return null;
      const root = family.enveloped ? field(value, "data") : value;
      const key = `${operationId} ${taskKey}`;
      const count = (reads.get(key) ?? 0) + 1;
      reads.delete(key); // re-inserted last: the map forgets the task read least recently
      reads.set(key, count);
      if (reads.size > MAX_TRACKED_TASKS) reads.delete(/** @type {string} */ (reads.keys().next().value));
      const documented = String(field(root, /** @type {string} */ (statusPaths[0])));
      const finished = family.task.done.includes(documented) || (family.task.failed ?? []).includes(documented);
      if (count > polls && finished) return { value, stage: documented };
      const copy = structuredClone(value);
      const copyRoot = family.enveloped ? field(copy, "data") : copy;
      const pending = count <= polls;
      for (const path of statusPaths) {
        const state = pending ? pendingState(family.task, path, count) : family.task.done[0];
        if (state === undefined) throw new Error(`${operationId}: x-task.pending names no state for ${path}`);
        setField(copyRoot, path, state);
      }
      const progressPath = family.task.progress;
      if (progressPath && field(copyRoot, progressPath) !== undefined) {
        const percent = pending ? Math.round((100 * (count - 1)) / polls) : 100;
        setField(copyRoot, progressPath, progressLike(field(copyRoot, progressPath), percent));
      }
      return { value: copy, stage: String(field(copyRoot, /** @type {string} */ (statusPaths[0]))) };
    },
  };
}

/**
 * The pending state of the `count`th read at `path`: the family's first pending state (queued) on the
 * first read, its second (running) after that.
 * @param {TaskExtension} task
 * @param {string} path
 * @param {number} count
 */
function pendingState(task, path, count) {
  const states = Array.isArray(task.pending) ? task.pending : task.pending?.[path];
  if (!states?.length) return undefined;
  return states[Math.min(count - 1, states.length - 1)];
}

/**
 * A progress value shaped like the documented one: "40%", 0.4 (a fraction) or 40.
 * @param {unknown} documented
 * @param {number} percent
 */
function progressLike(documented, percent) {
  if (typeof documented === "string") return `${percent}%`;
  if (typeof documented === "number" && !Number.isInteger(documented) && documented <= 1) return percent / 100;
  return percent;
}

/**
 * @param {unknown} value
 * @param {string} path dot-separated
 * @returns {unknown}
 */
function field(value, path) {
  /** @type {any} */
  let at = value;
  for (const key of path.split(".")) {
    if (at === null || typeof at !== "object" || !Object.hasOwn(at, key)) return undefined;
    at = at[key];
  }
  return at;
}

/**
 * @param {unknown} value
 * @param {string} path dot-separated, every step but the last an existing object
 * @param {unknown} next
 */
function setField(value, path, next) {
  const keys = path.split(".");
  const last = /** @type {string} */ (keys.pop());
  const parent = /** @type {Record<string, unknown>} */ (keys.length ? field(value, keys.join(".")) : value);
  parent[last] = next;
}
