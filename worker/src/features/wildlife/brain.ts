import { InputBit, type WorldBounds } from "@edgehold/sim-core";
import type { CreatureInput } from "../../room/room-world.ts";
import type { Species } from "./species.ts";
import { alongEdge, bitsToward } from "./steering.ts";

/** The nearest living player, as a creature sees it: where it is relative to the creature (m). */
export interface Sighting {
  readonly dx: number;
  readonly dy: number;
  readonly distance: number;
}

/** Everything a brain may look at: its own body, where it spawned, and the nearest living player. */
export interface CreatureView {
  readonly x: number;
  readonly y: number;
  readonly vx: number;
  readonly vy: number;
  readonly homeX: number;
  readonly homeY: number;
  readonly nearest: Sighting | undefined;
  /** The room's world (its kind's): where its edge lies. Default: the 128 m world. */
  readonly world?: WorldBounds;
}

/** What a brain remembers between steps (and nothing else: no clock, no world). */
export interface BrainMemory {
  mode: "rest" | "walk" | "flee" | "chase";
  /** While walking: the input bits of its heading. */
  heading: number;
  /** Steps left of the current rest or walk. */
  stepsLeft: number;
  /** Duty-cycle accumulator (see Species): a step moves when it reaches 1. */
  gait: number;
  /** Whether it held a direction last step (to notice it walked into a wall). */
  pressed: boolean;
}

export function freshMemory(): BrainMemory {
  return { mode: "rest", heading: 0, stepsLeft: 0, gait: 0, pressed: false };
}

/** A rest lasts 1–3 s and a walk 1–4 s (in 30 Hz steps): long enough to read as intent, short enough to look alive. */
const REST_STEPS = { min: 30, spread: 60 };
const WALK_STEPS = { min: 30, spread: 90 };
/** A wanderer inside its home rests 40 % of its legs: a herd that mostly grazes and sometimes ambles. */
const REST_CHANCE = 0.4;
/** The 8 headings a body can move in, as input bits (opposites cancel, so these are all of them). */
const { up, down, left, right } = InputBit;
const HEADINGS = [up, up | right, right, right | down, down, down | left, left, left | up];

/**
 * One step of a creature's mind: a pure function of its species, what it sees, its memory and its own seeded PRNG
 * (`random` yields u32s) — no clock and nothing else — so a room replayed from the same seed and inputs plays out the
 * same. Updates `memory` in place and writes this step's input into `out` (the creature's own, reused every step):
 * movement bits, plus fire and an aim when it attacks.
 */
export function think(species: Species, view: CreatureView, memory: BrainMemory, random: () => number, out: CreatureInput): void {
  const seen = view.nearest;
  const reacting = memory.mode === "flee" || memory.mode === "chase";
  if (reacting && (!seen || seen.distance > species.forgetRadius)) {
    memory.mode = "rest";
    memory.stepsLeft = 0;
  } else if (!reacting && seen && seen.distance <= species.noticeRadius) {
    memory.mode = species.temperament === "skittish" ? "flee" : "chase";
  }
  const blocked = memory.pressed && view.vx === 0 && view.vy === 0;
  out.aimX = 0;
  out.aimY = 0;
  if (memory.mode === "flee" && seen) out.bits = flee(species, view, seen, memory);
  else if (memory.mode === "chase" && seen) chase(species, seen, memory, out);
  else out.bits = wander(species, view, memory, random, blocked);
  memory.pressed = (out.bits & ~InputBit.fire) !== 0;
}

/** The bits of a flight: straight away from the player (or any way at all if it stands on top of us), never into the world's edge. */
function flee(species: Species, view: CreatureView, seen: Sighting, memory: BrainMemory): number {
  const away = seen.distance > 0 ? alongEdge(view.x, view.y, -seen.dx, -seen.dy, view.world) : { dx: 1, dy: 0 };
  return stride(memory, species.reactDuty) ? bitsToward(away.dx, away.dy) : 0;
}

function chase(species: Species, seen: Sighting, memory: BrainMemory, out: CreatureInput): void {
  const bits = seen.distance > species.keepDistance && stride(memory, species.reactDuty) ? bitsToward(seen.dx, seen.dy) : 0;
  if (species.attackRange > 0 && seen.distance <= species.attackRange) {
    // Aimed at the player's centre; the sim normalises the aim and fires only when the cooldown allows.
    out.bits = bits | InputBit.fire;
    out.aimX = seen.distance > 0 ? seen.dx / seen.distance : 1;
    out.aimY = seen.distance > 0 ? seen.dy / seen.distance : 0;
    return;
  }
  out.bits = bits;
}

/** The bits of a rest or a walk. */
function wander(species: Species, view: CreatureView, memory: BrainMemory, random: () => number, blocked: boolean): number {
  if (memory.mode !== "rest" && memory.mode !== "walk") memory.mode = "rest";
  if (memory.stepsLeft <= 0 || (memory.mode === "walk" && blocked)) newLeg(species, view, memory, random, blocked);
  memory.stepsLeft--;
  return memory.mode === "walk" && stride(memory, species.wanderDuty) ? memory.heading : 0;
}

/** The next rest or walk: home if it strayed, otherwise a rest or a walk in a random direction. */
function newLeg(species: Species, view: CreatureView, memory: BrainMemory, random: () => number, blocked: boolean): void {
  const homeDx = view.homeX - view.x;
  const homeDy = view.homeY - view.y;
  const strayed = homeDx * homeDx + homeDy * homeDy > species.homeRadius * species.homeRadius;
  if (strayed && !blocked) {
    memory.mode = "walk";
    memory.heading = bitsToward(homeDx, homeDy);
    memory.stepsLeft = WALK_STEPS.min;
  } else if (!blocked && unit(random) < REST_CHANCE) {
    memory.mode = "rest";
    memory.stepsLeft = REST_STEPS.min + Math.floor(unit(random) * REST_STEPS.spread);
  } else {
    memory.mode = "walk";
    memory.heading = HEADINGS[Math.floor(unit(random) * HEADINGS.length)]!;
    memory.stepsLeft = WALK_STEPS.min + Math.floor(unit(random) * WALK_STEPS.spread);
  }
}

/** Whether this step moves, at `duty` steps in one. */
function stride(memory: BrainMemory, duty: number): boolean {
  memory.gait += duty;
  if (memory.gait < 1) return false;
  memory.gait -= 1;
  return true;
}

/** A u32 from a PRNG (mulberry32's) as a number in [0, 1). */
export function unit(random: () => number): number {
  return random() / 0x1_0000_0000;
}
