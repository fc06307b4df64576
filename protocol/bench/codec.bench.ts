// Codec throughput: encode/decode of typical frames with msgpack and JSON, µs/op and bytes.
//   npm run bench -w protocol
// runs it twice: as Node normally runs, and with --disallow-code-generation-from-strings, which is what workerd
// enforces (no `new Function`), so msgpackr's generated decoders are unavailable and it takes its slower path.
import {
  decodeServerMessage,
  encodeClientMessage,
  encodeServerMessage,
  parseClientFrame,
  type Codec,
  type SnapshotMessage,
} from "../src/index.ts";

/** Per case: long enough for a stable figure, short enough that both runs finish in well under 20 s. */
const BUDGET_MS = 300;
const PLAYERS = 64;

function codeGenerationAllowed(): boolean {
  try {
    return new Function("return 1")() === 1;
  } catch {
    return false;
  }
}

const inputBatch = {
  v: 2 as const,
  kind: "command" as const,
  seq: 1234,
  feature: "movement" as const,
  action: "input_batch" as const,
  clientTime: 123456.5,
  payload: { inputs: [{ seq: 5001, up: true, down: false, left: false, right: true }, { seq: 5002, up: true, down: false, left: false, right: true }] },
};

function snapshot(mode: "full" | "delta"): SnapshotMessage {
  const presence: Record<string, object> = {};
  const movement: Record<string, object> = {};
  for (let i = 1; i <= PLAYERS; i++) {
    if (mode === "full") {
      presence[String(i)] = { playerId: `bot-${i}`, name: `Bot ${i}`, connected: true, characterId: "default", characterClass: "warrior", color: "#1c7ed6", cosmetics: "" };
      movement[String(i)] = { x: i / 4, y: -i / 8, vx: 3.5, vy: -1.25 };
    } else {
      movement[String(i)] = { x: i / 4, y: -i / 8 };
    }
  }
  const features = mode === "full" ? { presence: { set: presence }, movement: { set: movement } } : { movement: { set: movement } };
  return { v: 2, kind: "snapshot", payload: { mode, tick: 99999, serverTime: 1_700_000_000_000, ackInputSeq: 5002, features } } as SnapshotMessage;
}

function measure(run: () => unknown): { opsPerSecond: number; microsPerOp: number } {
  const warmUntil = performance.now() + 50;
  while (performance.now() < warmUntil) run();
  let ops = 0;
  const start = performance.now();
  let now = start;
  while (now - start < BUDGET_MS) {
    for (let i = 0; i < 50; i++) run();
    ops += 50;
    now = performance.now();
  }
  const seconds = (now - start) / 1000;
  return { opsPerSecond: ops / seconds, microsPerOp: (seconds * 1e6) / ops };
}

const rows: Record<string, Record<string, string | number>> = {};
for (const codec of ["msgpack", "json"] as Codec[]) {
  const client = encodeClientMessage(inputBatch, codec);
  const clientFrame = typeof client === "string" ? client : client.slice();
  rows[`input_batch ${codec}`] = {
    bytes: typeof client === "string" ? Buffer.byteLength(client) : client.byteLength,
    "encode µs": round(measure(() => encodeClientMessage(inputBatch, codec)).microsPerOp),
    "decode+validate µs": round(measure(() => parseClientFrame(clientFrame)).microsPerOp),
  };
  for (const mode of ["full", "delta"] as const) {
    const message = snapshot(mode);
    const frame = encodeServerMessage(message, codec);
    rows[`${PLAYERS}-player ${mode} snapshot ${codec}`] = {
      bytes: typeof frame === "string" ? Buffer.byteLength(frame) : frame.byteLength,
      // A fresh movement patch object per op: the codec caches the packed channel per patch object (a room shares
      // one across its connections); here we measure the uncached cost.
      "encode µs": round(measure(() => encodeServerMessage(withFreshMovementPatch(message), codec)).microsPerOp),
      "decode+validate µs": round(measure(() => decodeServerMessage(frame)).microsPerOp),
    };
  }
}

console.log(`\ncodec bench — code generation ${codeGenerationAllowed() ? "ALLOWED (Node default)" : "FORBIDDEN (as in workerd)"}`);
console.table(rows);

function withFreshMovementPatch(message: SnapshotMessage): SnapshotMessage {
  const { features } = message.payload;
  return { ...message, payload: { ...message.payload, features: { ...features, movement: { ...features.movement } } } };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
