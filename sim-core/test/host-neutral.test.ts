import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = join(dirname(fileURLToPath(import.meta.url)), "../src");
const IMPORT = /^\s*(?:import|export)\b[^"']*?\bfrom\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']/gm;

/** Every file reachable from src/index.ts through imports, with the specifiers each one imports. */
function reachableImports(): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const queue = ["index.ts"];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    const specifiers = [...readFileSync(join(SRC, file), "utf8").matchAll(IMPORT)].map((m) => (m[1] ?? m[2])!);
    seen.set(file, specifiers);
    for (const specifier of specifiers) if (specifier.startsWith("./")) queue.push(specifier.slice(2));
  }
  return seen;
}

/** The one package sim-core depends on: the units it shares with the wire (itself import-free, checked below). */
const UNITS = "@edgehold/units";
const UNITS_SOURCE = join(dirname(fileURLToPath(import.meta.url)), "../../units/src/index.ts");

describe("src/index.ts", () => {
  it("reaches no Node-only module (it runs in workerd and browsers)", () => {
    const reachable = reachableImports();
    expect(reachable.size).toBeGreaterThan(5);
    expect([...reachable.keys()]).not.toContain("node-loader.ts");
    for (const [file, specifiers] of reachable) {
      for (const specifier of specifiers) expect(specifier, `${file} imports ${specifier}`).toMatch(/^(\.\/|@edgehold\/units$)/);
    }
    expect([...readFileSync(UNITS_SOURCE, "utf8").matchAll(IMPORT)], `${UNITS} imports nothing`).toEqual([]);
  });
});
