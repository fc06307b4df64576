import { Channel } from "@edgehold/protocol";
import { PLAYER_MAX_HP as DEFAULT_PLAYER_MAX_HP, Weapon, weaponOfClass, type Sim, type SimEvent } from "@edgehold/sim-core";
import type { PredictionHost } from "../../net/prediction.ts";
import { presenceOf } from "../../net/presence.ts";
import { aliveOrUnknown, combatOf, readProjectile } from "./combat-fields.ts";

/**
 * How long (in input seqs, 30 a second) a predicted shot stays known after it was fired: 10 s, far longer than any
 * projectile flies (range / speed ≤ ~1.5 s) plus a round trip, so the room's copy always finds it to match.
 */
const SHOT_MEMORY_SEQS = 300;

/** What the predicting sim needs to know of the room, each predicted step. */
export interface ShotContext {
  selfEntityId(): string | undefined;
  /** The own body's weapon and max hp (class from presence, hp from the combat channel). */
  ownWeapon(): Weapon;
  ownMaxHp(): number;
  /**
   * Calls `visit` with every other body where the page draws it now, alive or not: the places the room's lag
   * compensation judges at. A visitor rather than a list: it runs every predicted step, and objects made for it
   * would be garbage three times a frame.
   */
  forEachTarget(visit: TargetVisitor): void;
  /** The room's projectiles of the own body still in the channel: input seqs. */
  roomShotSeqs(): Set<number>;
}

export type TargetVisitor = (id: string, x: number, y: number, vx: number, vy: number, alive: boolean) => void;

/** One own projectile as predicted: drawn from here, never from the room's copy (matched by seq). */
export interface PredictedShot {
  readonly seq: number;
  readonly weapon: number;
  /** The sim's projectile slot while flying. */
  readonly projectile: number;
  x: number;
  y: number;
  prevX: number;
  prevY: number;
  vx: number;
  vy: number;
  /** The room's copy has been seen in the channel. */
  seenInRoom: boolean;
}

/**
 * The own projectiles, predicted by the page's sim (the same sim.wasm as the room's) the step their input is
 * applied, so a shot leaves at once under any latency.
 *
 * The other bodies live in the predicting sim too, at the positions the page draws them (each predicted step, before
 * the projectiles move): the room rewinds them to the shooter's `viewTime` (lag compensation), which is exactly where
 * this page drew them, so a predicted projectile stops at the same body, tile or range end as the room's. Testing the
 * drawn positions in TypeScript instead would re-implement the sim's swept test; putting bodies in the sim reuses it.
 * Driven by combat's prediction part (combat-prediction.ts): `afterStep` and `stepEvents` after each newly
 * predicted step of the own body.
 */
export class PredictedShots {
  private readonly bySeq = new Map<number, PredictedShot>();
  private readonly flying = new Map<number, PredictedShot>();
  /** Entity id → the predicting sim's slot holding that body (slot `selfSlot` is the own body). */
  private readonly bodySlots = new Map<string, number>();
  private readonly freeSlots: number[] = [];
  private nextSlot: number;
  /** Projectiles predicted since the session started (a debug figure). */
  predictedTotal = 0;
  /** The bodies seen by the running `syncBodies` (kept between calls so a step allocates nothing). */
  private readonly seen = new Set<string>();

  constructor(
    private readonly sim: Sim,
    private readonly selfSlot: number,
    private readonly context: ShotContext,
  ) {
    this.nextSlot = selfSlot + 1;
  }

  arm(slot: number): void {
    this.sim.combat.arm(slot, this.context.ownWeapon(), this.context.ownMaxHp());
  }

  /** After a newly predicted step of the own body: the others where they are drawn, then the projectiles move. */
  afterStep(): void {
    // The others' bodies matter only to projectiles (bodies do not collide with each other): with none in flight,
    // the step's usual case, placing every drawn body (four sim calls each, three steps a frame) is skipped. A
    // shot fired this step is already in flight here, so the bodies are in place before it first moves.
    if (this.sim.projectiles.end === 0) return;
    this.syncBodies();
    this.sim.projectiles.step();
  }

  /** That step's sim events: the own new projectiles (attributed to the step's input seq) and the ones that stopped. */
  stepEvents(events: readonly SimEvent[], seq: number): void {
    for (const event of events) {
      if (event.type === "spawn") {
        if (event.owner !== this.selfSlot) continue;
        const p = event.projectile;
        const x = this.sim.projectiles.x(p), y = this.sim.projectiles.y(p);
        const shot: PredictedShot = {
          seq, weapon: this.sim.projectiles.weapon(p), projectile: p, x, y, prevX: x, prevY: y,
          vx: this.sim.projectiles.vx(p), vy: this.sim.projectiles.vy(p), seenInRoom: false,
        };
        this.bySeq.set(seq, shot);
        this.flying.set(p, shot);
        this.predictedTotal++;
      } else if (event.type === "hit" || event.type === "tile_hit" || event.type === "expire") {
        const shot = this.flying.get(event.projectile);
        if (shot) this.land(shot);
      }
    }
    for (const shot of this.flying.values()) {
      if (!this.sim.projectiles.isActive(shot.projectile)) {
        this.land(shot);
        continue;
      }
      shot.prevX = shot.x;
      shot.prevY = shot.y;
      shot.x = this.sim.projectiles.x(shot.projectile);
      shot.y = this.sim.projectiles.y(shot.projectile);
    }
    for (const old of this.bySeq.keys()) {
      if (old > seq - SHOT_MEMORY_SEQS) break;
      this.bySeq.delete(old);
    }
  }

  /**
   * Once per frame, against the room's projectile channel: a predicted shot whose room copy was seen and is now gone
   * stopped in the room (it hit something the page did not predict, e.g. a body that moved otherwise): it stops here.
   */
  matchRoom(): void {
    const seqs = this.context.roomShotSeqs();
    for (const shot of this.flying.values()) {
      if (seqs.has(shot.seq)) shot.seenInRoom = true;
      else if (shot.seenInRoom) this.land(shot);
    }
  }

  /**
   * True for a room projectile that is the own body's and was predicted here (matched by the firing input's seq):
   * the page draws it from the prediction only, so the room's copy is not drawn (no duplicate).
   */
  isOwnPredicted(p: { owner: string; seq: number }): boolean {
    return p.owner === this.context.selfEntityId() && this.bySeq.has(p.seq);
  }

  /** The flying predicted shots, to draw between their last two steps. */
  shots(): Iterable<PredictedShot> {
    return this.flying.values();
  }

  get flyingCount(): number {
    return this.flying.size;
  }

  /** A new session: forget every shot and take the other bodies out of the predicting sim. */
  clear(): void {
    this.bySeq.clear();
    this.flying.clear();
    for (const slot of this.bodySlots.values()) this.sim.bodies.despawn(slot);
    this.bodySlots.clear();
    this.freeSlots.length = 0;
    this.nextSlot = this.selfSlot + 1;
  }

  private land(shot: PredictedShot): void {
    this.flying.delete(shot.projectile);
  }

  /** Puts every other body into the predicting sim where it is drawn; bodies no longer drawn leave it. */
  private syncBodies(): void {
    this.context.forEachTarget(this.syncBody);
    if (this.seen.size < this.bodySlots.size) this.bodySlots.forEach(this.despawnUnseen);
    this.seen.clear();
  }

  private readonly despawnUnseen = (slot: number, id: string): void => {
    if (this.seen.has(id)) return;
    this.sim.bodies.despawn(slot);
    this.bodySlots.delete(id);
    this.freeSlots.push(slot);
  };

  private readonly syncBody: TargetVisitor = (id, x, y, vx, vy, alive) => {
    const sim = this.sim;
    this.seen.add(id);
    let slot = this.bodySlots.get(id);
    if (slot === undefined) {
      slot = this.freeSlots.pop() ?? this.nextSlot++;
      if (slot >= sim.bodies.capacity) return;
      this.bodySlots.set(id, slot);
      sim.bodies.spawn(slot, x, y, vx, vy);
      // A target, never a shooter here: its shots are the room's, drawn from the projectile channel.
      sim.combat.arm(slot, Weapon.none, DEFAULT_PLAYER_MAX_HP);
    } else {
      sim.bodies.setState(slot, x, y, vx, vy);
    }
    // Full hp every step: a predicted hit only stops the projectile; damage is the room's to decide.
    sim.combat.setHp(slot, sim.combat.maxHp(slot));
    sim.combat.setAlive(slot, alive);
  };
}

/** The ShotContext of a room client: its replica and its drawn entities. */
export function shotContextFor(host: PredictionHost): ShotContext {
  const { replica, selfEntityId, drawn } = host;
  return {
    selfEntityId,
    ownWeapon: () => weaponOfClass(presenceOf(replica, selfEntityId())?.characterClass),
    ownMaxHp: () => combatOf(replica, selfEntityId())?.maxHp ?? DEFAULT_PLAYER_MAX_HP,
    forEachTarget(visit) {
      const self = selfEntityId();
      const combat = replica.get(Channel.combat);
      drawn().forEach((state, id) => {
        if (id !== self) visit(id, state.x, state.y, state.vx, state.vy, aliveOrUnknown(combat?.get(id)));
      });
    },
    roomShotSeqs: () => {
      const self = selfEntityId();
      const seqs = new Set<number>();
      for (const fields of replica.get(Channel.projectile)?.values() ?? []) {
        const p = readProjectile(fields);
        if (p && p.owner === self) seqs.add(p.seq);
      }
      return seqs;
    },
  };
}
