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

/** The leaf module protocol imports (`@edgehold/sim-core/units`): it must import nothing, not even the rest of sim-core. */
const UNITS_SOURCE = join(SRC, "units.ts");

describe("src/index.ts", () => {
  it("reaches no Node-only module (it runs in workerd and browsers)", () => {
    const reachable = reachableImports();
    expect(reachable.size).toBeGreaterThan(5);
    expect([...reachable.keys()]).not.toContain("node-loader.ts");
    for (const [file, specifiers] of reachable) {
      for (const specifier of specifiers) expect(specifier, `${file} imports ${specifier}`).toMatch(/^\.\//);
    }
    expect([...readFileSync(UNITS_SOURCE, "utf8").matchAll(IMPORT)], "sim-core/src/units.ts imports nothing").toEqual([]);
  });
});
