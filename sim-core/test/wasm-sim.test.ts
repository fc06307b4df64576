import { describe, expect, it } from "vitest";
import { InputBit, SIM_CAPACITY, WasmMovementSim } from "../src/index.ts";
import { readSimExports } from "../src/wasm-exports.ts";
import { describeCollisionContract } from "./collision-contract.ts";
import { describeCombatContract } from "./combat-contract.ts";
import { describeMovementContract } from "./movement-contract.ts";
import { simModule } from "./load-wasm.ts";

describeMovementContract("WasmMovementSim", () => WasmMovementSim.fromModule(simModule));
describeCollisionContract("WasmMovementSim", () => WasmMovementSim.fromModule(simModule));
describeCombatContract("WasmMovementSim", () => WasmMovementSim.fromModule(simModule));

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

  it("gives every instance its own state, tiles included", () => {
    const a = WasmMovementSim.fromModule(simModule);
    const b = WasmMovementSim.fromModule(simModule);
    a.spawn(0, 1, 1, 0, 0);
    a.setTile(3, 3, 1);
    expect(b.isActive(0)).toBe(false);
    expect(b.tile(3, 3)).toBe(0);
    expect(b.stateHash()).not.toBe(a.stateHash());
    expect(b.tilesHash()).not.toBe(a.tilesHash());
  });

  it("refuses a module built from other constants or lacking exports", () => {
    const exports = new WebAssembly.Instance(simModule, {}).exports;
    expect(readSimExports(exports)).toBeDefined();
    expect(() => readSimExports({ ...exports, dt: () => 1 / 60 })).toThrow(/dt: wasm 0\.01666.* ≠ ts 0\.0333/);
    expect(() => readSimExports({ ...exports, restSpeed: () => 0 })).toThrow(/restSpeed/);
    expect(() => readSimExports({ ...exports, bodyRadius: () => 0.5 })).toThrow(/bodyRadius/);
    expect(() => readSimExports({ ...exports, blockingKinds: () => 0b1110 })).toThrow(/blockingKinds/);
    const { step: _step, stepBody: _stepBody, ...withoutSteps } = exports;
    expect(() => readSimExports(withoutSteps)).toThrow(/lacks exports: step, stepBody/);
  });
});
