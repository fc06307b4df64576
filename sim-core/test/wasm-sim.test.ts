import { describe, expect, it } from "vitest";
import { InputBit, SIM_CAPACITY, WasmMovementSim } from "../src/index.ts";
import { readSimExports } from "../src/wasm-exports.ts";
import { describeMovementContract } from "./movement-contract.ts";
import { simModule } from "./load-wasm.ts";

describeMovementContract("WasmMovementSim", () => WasmMovementSim.fromModule(simModule));

describe("WasmMovementSim", () => {
  it("instantiates with an empty import object: the module imports nothing", () => {
    expect(WebAssembly.Module.imports(simModule)).toEqual([]);
    expect(WasmMovementSim.fromModule(simModule).capacity).toBe(SIM_CAPACITY);
  });

  it("instantiates asynchronously too", async () => {
    const sim = await WasmMovementSim.fromModuleAsync(simModule);
    sim.spawn(0, 0, 0, 0, 0);
    sim.setInput(0, InputBit.up);
    sim.step();
    expect(sim.y(0)).toBeGreaterThan(0);
  });

  it("gives every instance its own state", () => {
    const a = WasmMovementSim.fromModule(simModule);
    const b = WasmMovementSim.fromModule(simModule);
    a.spawn(0, 1, 1, 0, 0);
    expect(b.isActive(0)).toBe(false);
    expect(b.stateHash()).not.toBe(a.stateHash());
  });

  it("refuses a module built from other constants or lacking exports", () => {
    const exports = new WebAssembly.Instance(simModule, {}).exports;
    expect(readSimExports(exports)).toBeDefined();
    expect(() => readSimExports({ ...exports, dt: () => 1 / 60 })).toThrow(/dt: wasm 0\.01666.* ≠ ts 0\.0333/);
    expect(() => readSimExports({ ...exports, restSpeed: () => 0 })).toThrow(/restSpeed/);
    const { step: _step, ...withoutStep } = exports;
    expect(() => readSimExports(withoutStep)).toThrow(/lacks exports: step/);
  });
});
