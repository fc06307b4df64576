// The worker of scripts/floor-bench.ts (config: floor-echo.wrangler.toml beside it): the least a room can do for
// the shared benchmark's bots. Its one Durable Object per room code accepts their sockets exactly as the room does
// (the room's own acceptLiveSocket), only counts the bytes of each inbound frame, and on the room's own 30 Hz
// loop sends each connection, every 100 ms (a third of them each step, as the room's snapshot phases), one
// pre-built snapshot-shaped frame of the size the room sends at that player count (FLOOR_FRAME_BYTES), with an
// advancing tick patched in. What it costs under `wrangler dev` is the runtime's floor for that traffic.
import { encodeMsgpack, PROTOCOL_VERSION } from "@edgehold/protocol";
import { DurableObject } from "cloudflare:workers";
import { FixedStepLoop } from "../src/room/fixed-step-loop.ts";
import { acceptLiveSocket, type SocketHandlers } from "../src/room/live-socket.ts";
import { MAX_CATCH_UP_STEPS, STEP_MS, STEPS_PER_SNAPSHOT } from "../src/room/room-config.ts";

interface FloorEnv {
  FLOOR: DurableObjectNamespace<FloorEcho>;
  /** Frame size by player count, "16:820,64:2900,128:6100" (the room's mean snapshot frame at each). */
  FLOOR_FRAME_BYTES: string;
}

/** A tick encoded as a msgpack uint32 (0xce + 4 bytes), so every later tick can be written over it in place. */
const TICK_PLACEHOLDER = 0xffffffff;

export class FloorEcho extends DurableObject<FloorEnv> implements SocketHandlers {
  private readonly phases = new Map<WebSocket, number>();
  private readonly sizes: [players: number, bytes: number][];
  private readonly frames = new Map<number, { frame: Uint8Array; tickAt: number }>();
  private readonly loop = new FixedStepLoop(STEP_MS, MAX_CATCH_UP_STEPS, () => this.step());
  private tick = 0;
  private nextEntity = 1;
  /** What came in: counted, nothing else. */
  bytesIn = 0;

  constructor(ctx: DurableObjectState, env: FloorEnv) {
    super(ctx, env);
    this.sizes = env.FLOOR_FRAME_BYTES.split(",").map((entry) => entry.split(":").map(Number) as [number, number]);
  }

  override async fetch(): Promise<Response> {
    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
    acceptLiveSocket(server, this);
    const counts = [0, 0, 0];
    for (const phase of this.phases.values()) counts[phase]!++;
    this.phases.set(server, counts.indexOf(Math.min(...counts)));
    const entityId = String(this.nextEntity++);
    server.send(encodeMsgpack({ v: PROTOCOL_VERSION, kind: "welcome", payload: { playerId: `floor-${entityId}`, entityId, tick: this.tick, serverTime: Date.now() } }));
    this.loop.start();
    return new Response(null, { status: 101, webSocket: client });
  }

  override webSocketMessage(_socket: WebSocket, data: string | ArrayBuffer): void {
    this.bytesIn += typeof data === "string" ? data.length : data.byteLength;
  }

  override webSocketClose(socket: WebSocket, code: number, reason: string): void {
    this.forget(socket);
    try {
      socket.close(code === 1005 || code === 1006 ? 1000 : code, reason);
    } catch {
      // Already closed.
    }
  }

  override webSocketError(socket: WebSocket): void {
    this.forget(socket);
  }

  private forget(socket: WebSocket): void {
    this.phases.delete(socket);
    if (this.phases.size === 0) this.loop.stop();
  }

  private step(): void {
    this.tick++;
    const phase = this.tick % STEPS_PER_SNAPSHOT;
    const { frame, tickAt } = this.frameFor(this.phases.size);
    new DataView(frame.buffer, frame.byteOffset).setUint32(tickAt, this.tick);
    for (const [socket, socketPhase] of this.phases) if (socketPhase === phase) socket.send(frame);
  }

  /** The frame for `players` connections: the size measured at the nearest player count, built once. */
  private frameFor(players: number): { frame: Uint8Array; tickAt: number } {
    let nearest = this.sizes[0]!;
    for (const entry of this.sizes) if (Math.abs(entry[0] - players) < Math.abs(nearest[0] - players)) nearest = entry;
    const bytes = nearest[1];
    let built = this.frames.get(bytes);
    if (!built) this.frames.set(bytes, (built = snapshotFrame(bytes)));
    return built;
  }
}

/**
 * A snapshot envelope of exactly `bytes` bytes, in the key order the bots read without decoding (`kind` then
 * `snapshot`, then `tick`), carrying the fields a decoding bot reads (`mode`, `tick`, `ackInputSeq`); the rest of
 * its size is one binary pad. Returns it with the offset of the tick's 4 bytes.
 */
function snapshotFrame(bytes: number): { frame: Uint8Array; tickAt: number } {
  const build = (padBytes: number) =>
    encodeMsgpack({
      v: PROTOCOL_VERSION,
      kind: "snapshot",
      payload: { mode: "delta", tick: TICK_PLACEHOLDER, serverTime: 0, ackInputSeq: 0, features: { floor: { pad: new Uint8Array(Math.max(0, padBytes)) } } },
    });
  let pad = bytes - build(0).byteLength;
  let frame = build(pad);
  // The pad's length prefix grows by a byte or two past 255 and 65,535 bytes: take it back off the pad.
  pad -= frame.byteLength - bytes;
  frame = build(pad);
  const key = new TextEncoder().encode("tick");
  const at = indexOf(frame, Uint8Array.of(0xa4, ...key));
  if (at < 0 || frame[at + 5] !== 0xce) throw new Error("the tick is not a uint32 in the built frame");
  return { frame, tickAt: at + 6 };
}

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

export default {
  async fetch(request: Request, env: FloorEnv): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/api/health") return Response.json({ ok: true, floor: true });
    const match = /^\/api\/rooms\/([A-Za-z0-9_-]{1,64})\/ws$/.exec(url.pathname);
    if (match && request.headers.get("Upgrade") === "websocket") return env.FLOOR.get(env.FLOOR.idFromName(match[1]!)).fetch(request);
    return Response.json({ error: "not_found" }, { status: 404 });
  },
} satisfies ExportedHandler<FloorEnv>;
