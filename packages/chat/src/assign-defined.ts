/**
 * Copies the fields of `source` that are neither undefined nor null onto `target` (deep copies with
 * `clone`), so that a later chunk's value replaces an earlier one and an absent or null one keeps it.
 * Fields the types do not list are copied too: accumulated answers keep what the gateway sent, except a
 * `__proto__` key (JSON.parse makes it an own field), whose assignment would change the target's prototype.
 */
export function assignDefined<T extends object>(target: T, source: Partial<T>, clone = false): void {
  const into = target as Record<string, unknown>;
  for (const [key, value] of Object.entries(source))
    if (value !== undefined && value !== null && key !== "__proto__")
      into[key] = clone ? structuredClone(value) : value;
}
