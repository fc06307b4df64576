import { env, SELF } from "cloudflare:test";
import {
  applySnapshot,
  createReplica,
  Kind,
  type CombatFields,
  type EventMessage,
  type MovementFields,
  type MovementInput,
  type ProjectileFields,
  type Replica,
  type SnapshotMessage,
  type WelcomeMessage,
} from "@edgehold/protocol";
import { toRoomRequest } from "../../src/room/join-request.ts";
import { STEP_MS } from "../../src/room/room-config.ts";
import type { ClockedRoom } from "./clocked-room.ts";
import { freshRoom, TestClient } from "./test-client.ts";

/** Gives `playerId` a character of `characterClass` (their first, so it is active) through the characters API. */
export async function createCharacter(playerId: string, characterClass: "warrior" | "ranger" | "mage" | "rogue"): Promise<void> {
  const response = await SELF.fetch("http://example.com/api/characters", {
    method: "POST",
    headers: { "X-Player-Id": playerId, "Content-Type": "application/json" },
    body: JSON.stringify({ name: `${characterClass} ${playerId}`.slice(0, 24), class: characterClass }),
  });
  if (response.status !== 201) throw new Error(`character for ${playerId}: ${response.status} ${await response.text()}`);
}

/** Which room class: the real one (ROOMS, through the worker), or a test-only one (support/test-worker.ts). */
export type RoomKind = "real" | "LAG_TEST_ROOMS" | "UNCOMPENSATED_LAG_TEST_ROOMS" | "FLOW_TEST_ROOMS";

/**
 * A player in a combat test: a real socket, a replica of every channel kept from the snapshots it received, the
 * events it received, and an input pump that sends an input per simulation step (30 Hz, in batches like the page)
 * with whatever `nextInput` says. Bodies (and their weapon cooldowns) only advance with inputs.
 */
export class CombatPlayer {
  readonly replica: Replica = createReplica();
  readonly events: EventMessage[] = [];
  readonly snapshots: SnapshotMessage[] = [];
  private seen = 0;
  private inputSeq: number;
  private pump: ReturnType<typeof setInterval> | undefined;
  /** What the next input holds, given its seq (default: nothing held). */
  nextInput: (seq: number) => Omit<MovementInput, "seq"> = () => ({ up: false, down: false, left: false, right: false });
  /** Inputs sent, by seq. */
  readonly sent = new Map<number, MovementInput>();

  private constructor(
    readonly client: TestClient,
    readonly welcome: WelcomeMessage,
    /** The room when it is a clocked one: a wait for the room to act moves its time (see `dropSpawnProtection`). */
    private readonly clocked?: ClockedRoom,
  ) {
    this.inputSeq = welcome.payload.lastInputSeq;
  }

  /** Joins a clocked room (support/clocked-room.ts) and moves its time until this player's first snapshot. */
  static async joinClocked(room: ClockedRoom, playerId: string): Promise<CombatPlayer> {
    const { client, welcome } = await room.connect({ playerId });
    const player = new CombatPlayer(client, welcome, room);
    await room.advance(200);
    await player.until(() => player.snapshots.length > 0, "the first snapshot");
    return player;
  }

  static async join(room: string, playerId: string, kind: RoomKind = "real"): Promise<CombatPlayer> {
    if (kind === "real") {
      const response = await SELF.fetch(`http://example.com/api/rooms/${room}/ws?playerId=${playerId}`, { headers: { Upgrade: "websocket" } });
      return CombatPlayer.accept(response);
    }
    return CombatPlayer.accept(await joinTestRoom(kind, room, playerId));
  }

  private static async accept(response: Response): Promise<CombatPlayer> {
    const socket = response.webSocket;
    if (response.status !== 101 || !socket) throw new Error(`upgrade failed: ${response.status} ${await response.text()}`);
    (socket as WebSocket & { binaryType: string }).binaryType = "arraybuffer";
    socket.accept();
    const client = new TestClient(socket, "msgpack");
    const welcome = (await client.nextKind(Kind.welcome)) as WelcomeMessage;
    const player = new CombatPlayer(client, welcome);
    await player.until(() => player.snapshots.length > 0, "the first snapshot");
    return player;
  }

  get entityId(): string {
    return this.welcome.payload.entityId;
  }

  /** Folds every message received so far into the replica and the event list. */
  update(): void {
    const received = this.client.received;
    for (; this.seen < received.length; this.seen++) {
      const message = received[this.seen]!;
      if (message.kind === Kind.snapshot) {
        applySnapshot(this.replica, message.payload);
        this.snapshots.push(message);
      } else if (message.kind === Kind.event) {
        this.events.push(message);
      }
    }
  }

  /** Waits (folding messages in as they arrive) until `condition` holds, or throws naming `what` after `timeoutMs`. */
  until<T>(condition: () => T | undefined | false, what: string, timeoutMs = 5000): Promise<T> {
    return this.client.until(() => (this.update(), condition()), what, timeoutMs);
  }

  movement(entityId: string): MovementFields | undefined {
    return this.replica.get("movement")?.get(entityId) as MovementFields | undefined;
  }

  combat(entityId: string): CombatFields | undefined {
    return this.replica.get("combat")?.get(entityId) as CombatFields | undefined;
  }

  projectiles(): Map<string, ProjectileFields> {
    return (this.replica.get("projectile") ?? new Map()) as Map<string, ProjectileFields>;
  }

  eventsOf(action: "hit" | "death" | "respawn"): Record<string, unknown>[] {
    this.update();
    return this.events.filter((e) => (e.feature as string) === "combat" && e.action === action).map((e) => e.payload as unknown as Record<string, unknown>);
  }

  /** Presence events (`join`, `leave`) received so far. */
  presenceEvents(action: "join" | "leave"): Record<string, unknown>[] {
    this.update();
    return this.events.filter((e) => (e.feature as string) === "presence" && e.action === action).map((e) => e.payload as unknown as Record<string, unknown>);
  }

  /**
   * The tick of the first snapshot received after the first `action` event of `feature` (combat, or presence's
   * `leave`) that `match`es: when the room
   * sent it, to within a snapshot period (a tick's events go out before that tick's snapshots). Undefined until
   * both arrived.
   */
  eventTick(
    action: "hit" | "death" | "respawn" | "leave",
    match: (payload: Record<string, unknown>) => boolean = () => true,
    feature: "combat" | "presence" = "combat",
  ): number | undefined {
    const received = this.client.received;
    const at = received.findIndex(
      (m) => m.kind === Kind.event && (m.feature as string) === feature && m.action === action && match(m.payload as unknown as Record<string, unknown>),
    );
    if (at < 0) return undefined;
    for (let i = at + 1; i < received.length; i++) {
      const message = received[i]!;
      if (message.kind === Kind.snapshot) return message.payload.tick;
    }
    return undefined;
  }

  /**
   * Waits until the room's clock, as this player's snapshots show it (serverTime), is `ms` past the snapshot that
   * acknowledged input `seq`: e.g. the room allows five build actions a second of its time.
   */
  async roomTimePassed(seq: number, ms: number): Promise<void> {
    const appliedBy = await this.until(() => this.snapshots.find((s) => s.payload.ackInputSeq >= seq)?.payload.serverTime, `input ${seq} applied`);
    await this.until(() => this.snapshots.at(-1)!.payload.serverTime >= appliedBy + ms, `${ms} ms of the room's time after input ${seq}`);
  }

  get ackInputSeq(): number {
    return this.snapshots.at(-1)?.payload.ackInputSeq ?? 0;
  }

  /** The last input seq sent. */
  get lastInputSeq(): number {
    return this.inputSeq;
  }

  /**
   * Starts sending one input per simulation step of real time, in batches every ~50 ms (as the page does), each
   * from `nextInput`. Stops with `stop()`.
   */
  start(): void {
    if (this.pump) return;
    const startedAt = Date.now();
    let due = 0;
    this.pump = setInterval(() => {
      this.update();
      const target = Math.floor((Date.now() - startedAt) / STEP_MS);
      const inputs: MovementInput[] = [];
      while (due < target && inputs.length < 16) {
        due++;
        const seq = ++this.inputSeq;
        const input = { seq, ...this.nextInput(seq) };
        this.sent.set(seq, input);
        inputs.push(input);
      }
      due = Math.max(due, target - 16);
      if (inputs.length > 0) this.client.sendInputs(inputs);
    }, 50);
  }

  /** Sends inputs right now (outside the pump), returning their seqs. */
  sendNow(fields: Omit<MovementInput, "seq">[]): number[] {
    const inputs = fields.map((f) => ({ seq: ++this.inputSeq, ...f }));
    for (const input of inputs) this.sent.set(input.seq, input);
    this.client.sendInputs(inputs);
    return inputs.map((i) => i.seq);
  }

  /**
   * Ends this player's spawn protection the way a player does, by firing once — into the air, away from `awayFrom`
   * (the other player) — and waits until the room applied that input. Until then projectiles pass through them and
   * creatures ignore them (3 s after a spawn).
   */
  async dropSpawnProtection(awayFrom: { x: number; y: number } = { x: 0, y: 0 }): Promise<void> {
    const me = await this.until(() => this.movement(this.entityId), "its own body");
    const away = { x: me.x + (me.x - awayFrom.x || 1), y: me.y + (me.y - awayFrom.y) };
    const [seq] = this.sendNow([fireAt(me, away)]);
    await this.clocked?.advance(200, { after: [this.client] });
    await this.until(() => this.ackInputSeq >= seq!, "the shot that ends spawn protection");
  }

  stop(): void {
    if (this.pump !== undefined) clearInterval(this.pump);
    this.pump = undefined;
  }

  close(): void {
    this.stop();
    this.client.close();
  }
}

/**
 * A ranger (arrows reach 30 m, every spawn point is within 16 m of every other) and a warrior target in a fresh room,
 * the target's spawn protection dropped (it fired once, away from the ranger), so the ranger's arrows land at once.
 */
export async function rangerDuel(prefix: string) {
  const room = freshRoom(prefix);
  const shooterId = `${room}-ranger`;
  await createCharacter(shooterId, "ranger");
  const shooter = await CombatPlayer.join(room, shooterId);
  const targetId = `${room}-target`;
  const target = await CombatPlayer.join(room, targetId);
  await shooter.until(() => shooter.movement(target.entityId), "the target in the shooter's snapshots");
  await target.dropSpawnProtection(shooter.movement(shooter.entityId));
  return { room, shooter, target, targetId };
}

/** A WebSocket upgrade straight to a test-only room class (the worker routes only to ROOMS). */
export function joinTestRoom(kind: Exclude<RoomKind, "real">, room: string, playerId: string): Promise<Response> {
  const rooms = (env as unknown as Record<string, DurableObjectNamespace>)[kind]!;
  const request = toRoomRequest({ roomCode: room, playerId, name: undefined, resumeToken: undefined, codec: "msgpack", session: undefined });
  return rooms.get(rooms.idFromName(room)).fetch(request);
}

/** An input with nothing held. */
export const idle = (): Omit<MovementInput, "seq"> => ({ up: false, down: false, left: false, right: false });

/** An input firing at (tx, ty) from (x, y) (the unit vector towards it). */
export function fireAt(from: { x: number; y: number }, to: { x: number; y: number }, extra: Partial<MovementInput> = {}): Omit<MovementInput, "seq"> {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const length = Math.hypot(dx, dy) || 1;
  return { ...idle(), fire: true, aimX: dx / length, aimY: dy / length, ...extra };
}
