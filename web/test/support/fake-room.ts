import {
  encodeServerMessage,
  Kind,
  nextTeleport,
  parseClientFrame,
  PROTOCOL_VERSION,
  type MovementFields,
  type MovementInput,
  type ServerMessage,
} from "@edgehold/protocol";
import { InputBit, TileKind, Weapon, type Sim } from "@edgehold/sim-core";
import { placementRefusal, type BuildRejectReason, type StructureFields } from "@edgehold/protocol";
import { ROOM_WORLD } from "./test-world.ts";

const TILE_KIND_OF = { wall: TileKind.wall, crate: TileKind.crate, floor: TileKind.floor } as const;

/** How many inputs the room buffers per player (worker's INPUT_BUFFER_CAPACITY). */
const INPUT_BUFFER_CAPACITY = 64;
/** Snapshots go out every 3rd tick (30 Hz sim, 10 Hz snapshots), as in the room. */
const STEPS_PER_SNAPSHOT = 3;

/**
 * A model of the room's authority for one player, with the worker's semantics: inputs queue (stale seqs ignored,
 * bounded), one input is applied per tick, an entity advances only on a tick it has an input for, and every 3rd
 * tick a snapshot (full first, then deltas of changed fields) carries `ackInputSeq` = the last applied seq. Frames
 * go through the real protocol codec both ways.
 */
export class FakeRoom {
  tick = 0;
  lastAppliedSeq = 0;
  readonly queue: MovementInput[] = [];
  readonly entityId = "1";
  private sentFull = false;
  private lastSent: MovementFields | undefined;
  /** The body's teleport counter in the movement channel (0: never moved by the room; then left out). */
  private teleportCounter = 0;
  /** Commands that failed the protocol's own validation (must stay empty). */
  readonly rejected: string[] = [];
  /**
   * Structures (the `build` channel), placed and removed as the room's build rules do at the step of the input
   * that carries them (before that step's movement), refusing an occupied tile; sent whole in every snapshot
   * after a change (and in full ones).
   */
  readonly structures = new Map<string, StructureFields>();
  /** Why the room refused the player's build actions, in order (the shared fair-play rules: reach, spawn ring, bodies). */
  readonly buildRefusals: BuildRejectReason[] = [];
  private nextStructureId = 1;
  private sentStructureIds = new Set<string>();
  private structuresChanged = false;

  /**
   * Combat as the room's combat feature runs it: the player's body armed (the default warrior's axe), projectiles
   * listed in the `projectile` channel with the shooter and the input seq that fired them, hp and stamina in `combat`.
   */
  private readonly flying = new Map<number, { id: string; seq: number }>();
  private nextProjectileId = 1;
  private sentProjectileIds = new Set<string>();
  /** Input seqs whose fire spawned a projectile in the room, in order; and when each projectile stopped (tick). */
  readonly firedSeqs: number[] = [];
  readonly stoppedAt = new Map<number, { tick: number; how: string }>();
  readonly firedAt = new Map<number, number>();
  /** A target dummy's body (entity "2", slot 1) when `addTarget` placed one. */
  private target: { x: number; y: number } | undefined;
  private static readonly TARGET_SLOT = 1;
  private static readonly TARGET_ID = "2";

  constructor(
    readonly sim: Sim,
    readonly slot: number,
    start: { x: number; y: number },
    private readonly weapon: Weapon = Weapon.axe,
  ) {
    sim.bodies.spawn(slot, start.x, start.y, 0, 0);
    sim.combat.arm(slot, weapon, 100);
  }

  /** A motionless target body (entity "2", alive, 100 hp), shown in snapshots from the next full one. */
  addTarget(x: number, y: number): void {
    this.target = { x, y };
    this.sim.bodies.spawn(FakeRoom.TARGET_SLOT, x, y, 0, 0);
    this.sim.combat.arm(FakeRoom.TARGET_SLOT, Weapon.none, 100);
    this.sentFull = false;
  }

  /** Kills (or revives) the player's body, as a hit or a respawn would. */
  setAlive(alive: boolean): void {
    this.sim.combat.setAlive(this.slot, alive);
  }

  welcome(options: { resumed: boolean; serverTime: number; resumeToken?: string }): Uint8Array {
    if (!options.resumed) {
      this.queue.length = 0;
      this.lastAppliedSeq = 0;
    }
    this.sentFull = false;
    return this.encode({
      v: PROTOCOL_VERSION,
      kind: Kind.welcome,
      payload: {
        roomCode: "test",
        kind: "room",
        world: ROOM_WORLD,
        playerId: "p1",
        entityId: this.entityId,
        resumeToken: options.resumeToken ?? "token-1",
        resumeTokenTtl: 300,
        resumed: options.resumed,
        lastInputSeq: this.lastAppliedSeq,
        tickRate: 30,
        snapshotRate: 10,
        tick: this.tick,
        serverTime: options.serverTime,
        protocol: PROTOCOL_VERSION,
      },
    });
  }

  /** Handles one client frame; returns any direct replies (acks, pongs). */
  receive(frame: string | Uint8Array, serverTime: number): Uint8Array[] {
    const parsed = parseClientFrame(frame);
    if (!parsed.ok) {
      this.rejected.push(`${parsed.code}: ${parsed.message}`);
      return [];
    }
    const message = parsed.message;
    if (message.kind === Kind.ping) {
      return [this.encode({ v: PROTOCOL_VERSION, kind: Kind.pong, seq: message.seq, payload: { clientTime: message.clientTime, serverTime } })];
    }
    if (message.feature === "movement") {
      for (const input of message.payload.inputs) {
        const last = this.queue.length > 0 ? this.queue[this.queue.length - 1]!.seq : this.lastAppliedSeq;
        if (input.seq > last) this.queue.push(input);
      }
      if (this.queue.length > INPUT_BUFFER_CAPACITY) this.queue.splice(0, this.queue.length - INPUT_BUFFER_CAPACITY);
      // As the real room: an accepted batch is acknowledged by the snapshots' ackInputSeq, with no ack envelope.
      return [];
    } else {
      this.sentFull = false;
    }
    return [this.encode({ v: PROTOCOL_VERSION, kind: Kind.ack, seq: message.seq, payload: { seq: message.seq } })];
  }

  /** One fixed step; returns a snapshot frame on snapshot ticks. */
  step(serverTime: number): Uint8Array | undefined {
    const input = this.queue.shift();
    if (input) {
      this.lastAppliedSeq = input.seq;
      if (input.build) this.applyOwnBuild(input.build);
      this.sim.bodies.setInput(this.slot, bits(input), input.aimX ?? 0, input.aimY ?? 0);
    }
    this.sim.step();
    this.tick++;
    for (const event of this.sim.combat.drainEvents()) {
      if (event.type === "spawn" && event.owner === this.slot && input) {
        this.flying.set(event.projectile, { id: String(this.nextProjectileId++), seq: input.seq });
        this.firedSeqs.push(input.seq);
        this.firedAt.set(input.seq, this.tick);
      } else if (event.type === "hit" || event.type === "tile_hit" || event.type === "expire") {
        const shot = this.flying.get(event.projectile);
        if (!shot) continue;
        this.flying.delete(event.projectile);
        this.stoppedAt.set(shot.seq, { tick: this.tick, how: event.type });
      }
    }
    return this.tick % STEPS_PER_SNAPSHOT === 0 ? this.snapshot(serverTime) : undefined;
  }

  /** Places a structure as some other player would (not predicted by the client). */
  placeStructure(tx: number, ty: number, kind: StructureFields["kind"], owner = "someone-else"): void {
    this.applyBuild({ op: "place", tx, ty, kind }, owner);
  }

  /** The player's own build action, at its input's step: the room's fair-play rules first, as the worker applies them. */
  private applyOwnBuild(build: NonNullable<MovementInput["build"]>): void {
    const { sim, slot } = this;
    const site = { world: ROOM_WORLD, builderX: sim.bodies.x(slot), builderY: sim.bodies.y(slot), bodyNear: (tx: number, ty: number, m: number) => sim.tiles.isOccupied(tx, ty, m), isScenery: (tx: number, ty: number) => sim.tiles.isScenery(tx, ty) };
    const refusal = placementRefusal(build, site);
    if (refusal) this.buildRefusals.push(refusal);
    else this.applyBuild(build);
  }

  private applyBuild(build: NonNullable<MovementInput["build"]>, owner = "p1"): void {
    const existing = [...this.structures].find(([, s]) => s.tx === build.tx && s.ty === build.ty);
    if (build.op === "remove") {
      if (!existing) return;
      this.structures.delete(existing[0]);
      this.sim.tiles.set(build.tx, build.ty, TileKind.empty);
    } else {
      if (existing) return;
      this.structures.set(String(this.nextStructureId++), { tx: build.tx, ty: build.ty, kind: build.kind, owner, hp: 500 });
      this.sim.tiles.set(build.tx, build.ty, TILE_KIND_OF[build.kind]);
    }
    this.structuresChanged = true;
  }

  private removedSinceLastSnapshot(): string[] {
    const removed = [...this.sentStructureIds].filter((id) => !this.structures.has(id));
    this.sentStructureIds = new Set(this.structures.keys());
    return removed;
  }

  /** Moves the entity as something other than its inputs would, unannounced (a shove: a real correction). */
  shove(x: number, y: number): void {
    this.sim.bodies.setState(this.slot, x, y, this.sim.bodies.vx(this.slot), this.sim.bodies.vy(this.slot));
  }

  /** A server-side move as the room makes one (RoomWorld.teleport): to (x, y) at rest, the counter bumped. */
  teleport(x: number, y: number): void {
    this.sim.bodies.setState(this.slot, x, y, 0, 0);
    this.teleportCounter = nextTeleport(this.teleportCounter);
  }

  state(): MovementFields {
    const { sim, slot } = this;
    const fields: MovementFields = { x: sim.bodies.x(slot), y: sim.bodies.y(slot), vx: sim.bodies.vx(slot), vy: sim.bodies.vy(slot) };
    if (this.teleportCounter !== 0) fields.teleport = this.teleportCounter;
    return fields;
  }

  private snapshot(serverTime: number): Uint8Array {
    const current = this.state();
    const full = !this.sentFull;
    let fields: Partial<MovementFields> | undefined = current;
    if (!full && this.lastSent) {
      fields = {};
      for (const key of ["x", "y", "vx", "vy", "teleport"] as const) if (current[key] !== this.lastSent[key]) fields[key] = current[key];
      if (Object.keys(fields).length === 0) fields = undefined;
    }
    this.sentFull = true;
    this.lastSent = current;
    // The class the room arms the body by (the page arms its prediction from it).
    const characterClass = this.weapon === Weapon.arrow ? "ranger" : this.weapon === Weapon.bolt ? "mage" : this.weapon === Weapon.dagger ? "rogue" : "warrior";
    const presence = { set: { [this.entityId]: { kind: "player" as const, playerId: "p1", name: "Tester", connected: true, color: "#1c7ed6", characterClass } } };
    // The whole channel on a change: a full patch in a delta replaces nothing, so removes are listed too.
    const build = full || this.structuresChanged ? { set: Object.fromEntries(this.structures), ...(full ? {} : { remove: this.removedSinceLastSnapshot() }) } : undefined;
    this.structuresChanged = false;
    const projectiles: Record<string, { x: number; y: number; vx: number; vy: number; owner: string; seq: number }> = {};
    for (const [p, shot] of this.flying) {
      const { sim } = this;
      projectiles[shot.id] = { x: sim.projectiles.x(p), y: sim.projectiles.y(p), vx: sim.projectiles.vx(p), vy: sim.projectiles.vy(p), owner: this.entityId, seq: shot.seq };
    }
    const listed = new Set(Object.keys(projectiles));
    const projectileRemoved = [...this.sentProjectileIds].filter((id) => !listed.has(id));
    this.sentProjectileIds = listed;
    const combatOf = (slot: number) => ({
      hp: this.sim.combat.hp(slot), maxHp: this.sim.combat.maxHp(slot), alive: this.sim.combat.isAlive(slot), stamina: this.sim.combat.stamina(slot), kills: 0, deaths: 0,
    });
    const combat = { [this.entityId]: combatOf(this.slot), ...(this.target ? { [FakeRoom.TARGET_ID]: combatOf(FakeRoom.TARGET_SLOT) } : {}) };
    const targetFull = full && this.target;
    return this.encode({
      v: PROTOCOL_VERSION,
      kind: Kind.snapshot,
      payload: {
        mode: full ? "full" : "delta",
        tick: this.tick,
        serverTime,
        ackInputSeq: this.lastAppliedSeq,
        inputQueue: this.queue.length,
        features: {
          ...(full
            ? { presence, movement: { set: { [this.entityId]: current, ...(targetFull ? { [FakeRoom.TARGET_ID]: { ...this.target!, vx: 0, vy: 0 } } : {}) } } }
            : fields
              ? { movement: { set: { [this.entityId]: fields } } }
              : {}),
          ...(build ? { build } : {}),
          projectile: { set: projectiles, ...(projectileRemoved.length > 0 ? { remove: projectileRemoved } : {}) },
          combat: { set: combat },
        },
      },
    });
  }

  private encode(message: ServerMessage): Uint8Array {
    const frame = encodeServerMessage(message, "msgpack");
    if (typeof frame === "string") throw new Error("expected a binary frame");
    return frame;
  }
}

function bits(input: MovementInput): number {
  const move = (input.up ? InputBit.up : 0) | (input.down ? InputBit.down : 0) | (input.left ? InputBit.left : 0) | (input.right ? InputBit.right : 0);
  return move | (input.fire ? InputBit.fire : 0);
}
