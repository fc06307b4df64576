import { describe, expect, it } from "vitest";
import { InputBit, SIM_CAPACITY, WEAPONS, WasmSim, Weapon, mulberry32, weaponOfClass } from "../src/index.ts";
import { readSimExports } from "../src/wasm-exports.ts";
import { WEAPON_STAT_FIELDS } from "../src/weapons.ts";
import { describeCollisionContract } from "./collision-contract.ts";
import { describeCombatContract } from "./combat-contract.ts";
import { describeMovementContract } from "./movement-contract.ts";
import { simModule } from "./load-wasm.ts";
import { describeWorldContract } from "./world-contract.ts";
import { describeSceneryContract } from "./scenery-contract.ts";

describeMovementContract("WasmSim", () => WasmSim.fromModule(simModule));
describeCollisionContract("WasmSim", () => WasmSim.fromModule(simModule));
describeCombatContract("WasmSim", () => WasmSim.fromModule(simModule));
describeWorldContract("WasmSim", () => WasmSim.fromModule(simModule));
describeSceneryContract("WasmSim", () => WasmSim.fromModule(simModule));

describe("WasmSim", () => {
  it("instantiates with an empty import object: the module imports nothing", () => {
    expect(WebAssembly.Module.imports(simModule)).toEqual([]);
    expect(WasmSim.fromModule(simModule).bodies.capacity).toBe(SIM_CAPACITY);
  });

  it("instantiates asynchronously too", async () => {
    const sim = await WasmSim.fromModuleAsync(simModule);
    sim.bodies.spawn(0, 0, 0, 0, 0);
    sim.bodies.setInput(0, InputBit.up);
    sim.step();
    expect(sim.bodies.y(0)).toBeGreaterThan(0);
  });

  it("gives every instance its own state, tiles included", () => {
    const a = WasmSim.fromModule(simModule);
    const b = WasmSim.fromModule(simModule);
    a.bodies.spawn(0, 1, 1, 0, 0);
    a.tiles.set(3, 3, 1);
    expect(b.bodies.isActive(0)).toBe(false);
    expect(b.tiles.kind(3, 3)).toBe(0);
    expect(b.stateHash()).not.toBe(a.stateHash());
    expect(b.tiles.hash()).not.toBe(a.tiles.hash());
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

  it("refuses a module whose weapons table differs from WEAPONS in any one field", () => {
    const exports = new WebAssembly.Instance(simModule, {}).exports;
    const weaponStat = exports.weaponStat as (weapon: number, field: number) => number;
    const bolt = WEAPON_STAT_FIELDS.indexOf("splashRadius");
    const withBoltSplash = (weapon: number, field: number) => (weapon === Weapon.bolt && field === bolt ? 2 : weaponStat(weapon, field));
    expect(() => readSimExports({ ...exports, weaponStat: withBoltSplash })).toThrow(/weapon 2\.splashRadius: wasm 2 ≠ ts 1\.5/);
    // Every field of every weapon is compared, the last field of the last weapon too.
    const last = WEAPONS.length - 1;
    const lastField = WEAPON_STAT_FIELDS.length - 1;
    const offByOne = (weapon: number, field: number) => weaponStat(weapon, field) + (weapon === last && field === lastField ? 1 : 0);
    expect(() => readSimExports({ ...exports, weaponStat: offByOne })).toThrow(new RegExp(`weapon ${last}\\.${WEAPON_STAT_FIELDS[lastField]}: wasm 1 ≠ ts 0`));
    // A table of another size is named by its count.
    expect(() => readSimExports({ ...exports, weaponCount: () => WEAPONS.length + 1 })).toThrow(/weaponCount/);
  });

  it("draws from the same mulberry32 as src/prng.ts: after prng.seed(s), 1,000 prng.draw() equal mulberry32(s)", () => {
    for (const seed of [0, 1, 0xc0ffee, 0xffffffff]) {
      const sim = WasmSim.fromModule(simModule);
      sim.prng.seed(seed);
      expect(sim.prng.state).toBe(seed);
      const next = mulberry32(seed);
      const expected = Array.from({ length: 1000 }, () => next());
      const drawn = Array.from({ length: 1000 }, () => sim.prng.draw());
      expect(drawn).toEqual(expected);
      // The state advances by the golden-ratio increment once per draw (what a checkpoint would save).
      expect(sim.prng.state).toBe((seed + 1000 * 0x6d2b79f5) >>> 0);
    }
    expect(() => WasmSim.fromModule(simModule).prng.seed(1.5)).toThrow(RangeError);
  });
});

describe("weaponOfClass", () => {
  it("arms each class with its weapon; no class or an unknown one fights as a warrior", () => {
    expect([weaponOfClass("warrior"), weaponOfClass("ranger"), weaponOfClass("mage"), weaponOfClass("rogue")]).toEqual([
      Weapon.axe,
      Weapon.arrow,
      Weapon.bolt,
      Weapon.dagger,
    ]);
    for (const other of [undefined, "", "paladin", "Warrior", "constructor", "__proto__", "toString"]) {
      expect(weaponOfClass(other), String(other)).toBe(Weapon.axe);
    }
  });
});
