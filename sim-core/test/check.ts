// Host-neutral assertions for the test cases that run unchanged in Node, workerd and Chromium (no vitest inside a
// page): each throws an Error naming what differed.

function show(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v));
}

/** Deep equality of JSON-like values (numbers compared with Object.is, so -0 ≠ 0 and NaN = NaN). */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === "number" && typeof b === "number") return Object.is(a, b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => same(v, b[i]));
  if (a && b && typeof a === "object" && typeof b === "object") {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return same(ka, kb) && ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}

export function eq(actual: unknown, expected: unknown, what: string): void {
  if (!same(actual, expected)) throw new Error(`${what}: expected ${show(expected)}, got ${show(actual)}`);
}

export function ok(condition: boolean, what: string): void {
  if (!condition) throw new Error(`${what}: not true`);
}

export function throws(run: () => unknown, what: string): void {
  try {
    run();
  } catch {
    return;
  }
  throw new Error(`${what}: did not throw`);
}
