import { describe, expect, it } from "vitest";
import { SIM_WASM_PATH, loadSimModuleFromDisk } from "../src/node-loader.ts";

describe("loadSimModuleFromDisk", () => {
  it("compiles build/sim.wasm", () => {
    expect(SIM_WASM_PATH).toMatch(/sim-core[/\\]build[/\\]sim\.wasm$/);
    expect(WebAssembly.Module.exports(loadSimModuleFromDisk()).map((e) => e.name)).toContain("step");
  });

  it("says how to build the module when it is missing", () => {
    expect(() => loadSimModuleFromDisk("/nonexistent/sim.wasm")).toThrow(/npm run build:wasm -w sim-core/);
  });
});
