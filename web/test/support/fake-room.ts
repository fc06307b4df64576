import {
  encodeServerMessage,
  Kind,
  parseClientFrame,
  PROTOCOL_VERSION,
  type MovementFields,
  type MovementInput,
  type ServerMessage,
} from "@edgehold/protocol";
import { InputBit, TileKind, type MovementSim } from "@edgehold/sim-core";
import type { StructureFields } from "@edgehold/protocol";

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
  /** Commands that failed the protocol's own validation (must stay empty). */
  readonly rejected: string[] = [];
  /**
   * Structures (the `build` channel), placed and removed as the room's build rules do at the step of the input
   * that carries them (before that step's movement), refusing an occupied tile; sent whole in every snapshot
   * after a change (and in full ones).
   */
  readonly structures = new Map<string, StructureFields>();
  private nextStructureId = 1;
  private sentStructureIds = new Set<string>();
  private structuresChanged = false;

  constructor(
    readonly sim: MovementSim,
    readonly slot: number,
    start: { x: number; y: number },
  ) {
    sim.spawn(slot, start.x, start.y, 0, 0);
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
      if (input.build) this.applyBuild(input.build);
      this.sim.setInput(this.slot, bits(input));
    }
    this.sim.step();
    this.tick++;
    return this.tick % STEPS_PER_SNAPSHOT === 0 ? this.snapshot(serverTime) : undefined;
  }

  /** Places a structure as some other player would (not predicted by the client). */
  placeStructure(tx: number, ty: number, kind: StructureFields["kind"], owner = "someone-else"): void {
    this.applyBuild({ op: "place", tx, ty, kind }, owner);
  }

  private applyBuild(build: NonNullable<MovementInput["build"]>, owner = "p1"): void {
    const existing = [...this.structures].find(([, s]) => s.tx === build.tx && s.ty === build.ty);
    if (build.op === "remove") {
      if (!existing) return;
      this.structures.delete(existing[0]);
      this.sim.setTile(build.tx, build.ty, TileKind.empty);
    } else {
      if (existing || this.sim.isTileOccupied(build.tx, build.ty)) return;
      this.structures.set(String(this.nextStructureId++), { tx: build.tx, ty: build.ty, kind: build.kind, owner, hp: 500 });
      this.sim.setTile(build.tx, build.ty, TILE_KIND_OF[build.kind]);
    }
    this.structuresChanged = true;
  }

  private removedSinceLastSnapshot(): string[] {
    const removed = [...this.sentStructureIds].filter((id) => !this.structures.has(id));
    this.sentStructureIds = new Set(this.structures.keys());
    return removed;
  }

  /** Moves the entity as something other than its inputs would (a shove, a teleport). */
  teleport(x: number, y: number): void {
    this.sim.setState(this.slot, x, y, this.sim.vx(this.slot), this.sim.vy(this.slot));
  }

  state(): MovementFields {
    const { sim, slot } = this;
    return { x: sim.x(slot), y: sim.y(slot), vx: sim.vx(slot), vy: sim.vy(slot) };
  }

  private snapshot(serverTime: number): Uint8Array {
    const current = this.state();
    const full = !this.sentFull;
    let fields: Partial<MovementFields> | undefined = current;
    if (!full && this.lastSent) {
      fields = {};
      for (const key of ["x", "y", "vx", "vy"] as const) if (current[key] !== this.lastSent[key]) fields[key] = current[key];
      if (Object.keys(fields).length === 0) fields = undefined;
    }
    this.sentFull = true;
    this.lastSent = current;
    const presence = { set: { [this.entityId]: { playerId: "p1", name: "Tester", connected: true, color: "#1c7ed6" } } };
    // The whole channel on a change: a full patch in a delta replaces nothing, so removes are listed too.
    const build = full || this.structuresChanged ? { set: Object.fromEntries(this.structures), ...(full ? {} : { remove: this.removedSinceLastSnapshot() }) } : undefined;
    this.structuresChanged = false;
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
          ...(full ? { presence, movement: { set: { [this.entityId]: current } } } : fields ? { movement: { set: { [this.entityId]: fields } } } : {}),
          ...(build ? { build } : {}),
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
  return (input.up ? InputBit.up : 0) | (input.down ? InputBit.down : 0) | (input.left ? InputBit.left : 0) | (input.right ? InputBit.right : 0);
}
