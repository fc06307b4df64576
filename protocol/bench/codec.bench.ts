// Codec throughput: encode and decode of typical frames with msgpack and JSON — ops/s, µs/op and bytes.
//   npm run bench -w protocol
// runs it twice: as Node normally runs, and with --disallow-code-generation-from-strings, which is what workerd
// enforces (no `new Function`/`eval`), so any msgpackr path that compiles code falls back to its interpreted form.
import { isDeepStrictEqual } from "node:util";
import {
  decodeServerMessage,
  encodeMsgpack,
  encodeClientMessage,
  encodeServerMessage,
  encodeSnapshotFeatures,
  encodeSnapshotFrame,
  parseClientFrame,
  type Codec,
  type Frame,
  type CombatFields,
  type FeatureCommand,
  type MovementFields,
  type PresenceFields,
  type ProjectileFields,
  type SnapshotMessage,
  type StructureFields,
} from "../src/index.ts";

/** Measured time per case (after a short warm-up): three slices, the median reported. 12 cases ≈ 4 s per run. */
const BUDGET_MS = 300;
const SLICES = 3;
const WARMUP_MS = 30;
const PLAYERS = 64;
/** The room's default structure limit: the largest `build` channel a full snapshot carries. */
const STRUCTURES = 10_000;

function codeGenerationAllowed(): boolean {
  try {
    return new Function("return 1")() === 1;
  } catch {
    return false;
  }
}

/** What a client sends ~20 times a second at 30 Hz: 1–2 inputs per batch; 2 here. */
const inputBatch: FeatureCommand<"movement", "input_batch"> = {
  v: 2,
  kind: "command",
  seq: 1234,
  feature: "movement",
  action: "input_batch",
  clientTime: 123_456.5,
  payload: {
    inputs: [
      { seq: 5001, up: true, down: false, left: false, right: true },
      { seq: 5002, up: true, down: false, left: false, right: true },
    ],
  },
};

/** Full: presence and every movement field of 64 players. Delta: every player's x/y changed, nothing else. */
function snapshot(mode: "full" | "delta"): SnapshotMessage {
  const presence: Record<string, PresenceFields> = {};
  const movement: Record<string, Partial<MovementFields>> = {};
  for (let i = 1; i <= PLAYERS; i++) {
    const x = (i * 37) / 256 - 40;
    const y = -(i * 53) / 256 + 20;
    if (mode === "full") {
      presence[String(i)] = {
        kind: "player", playerId: `user_2b${i}xYz`, name: `Player ${i}`, connected: true, characterId: `ch_${i}`, characterClass: "warrior",
        color: "#1c7ed6", cosmetics: "hat,cape",
      };
      movement[String(i)] = { x, y, vx: 3.5, vy: -1.25 };
    } else {
      movement[String(i)] = { x, y };
    }
  }
  const features = mode === "full" ? { presence: { set: presence }, movement: { set: movement } } : { movement: { set: movement } };
  return { v: 2, kind: "snapshot", payload: { mode, tick: 99_999, serverTime: 1_700_000_000_000, ackInputSeq: 5002, features } };
}

/** A full snapshot of a room holding STRUCTURES structures (walls, crates, floors) placed by PLAYERS players. */
function structureSnapshot(): SnapshotMessage {
  const set: Record<string, StructureFields> = {};
  for (let i = 0; i < STRUCTURES; i++) {
    const kind = (["wall", "crate", "floor"] as const)[i % 3]!;
    set[String(i + 1)] = { tx: (i % 128) - 64, ty: (Math.floor(i / 128) % 128) - 64, kind, owner: `user_2b${i % PLAYERS}xYz`, hp: kind === "wall" ? 500 : 100 };
  }
  return { v: 2, kind: "snapshot", payload: { mode: "full", tick: 99_999, serverTime: 1_700_000_000_000, ackInputSeq: 5002, features: { build: { set } } } };
}

/** Projectiles in flight in a fight of PLAYERS players (each fires ~2 a second, each flies ~1 s). */
const PROJECTILES = 128;

/**
 * Full: the combat channel of PLAYERS players and PROJECTILES projectiles. Delta: every projectile moved (x, y), a
 * quarter of the players spent or regained stamina, four took a hit, two projectiles are new, two gone.
 */
function combatSnapshot(mode: "full" | "delta"): SnapshotMessage {
  const combat: Record<string, Partial<CombatFields>> = {};
  const projectile: Record<string, Partial<ProjectileFields>> = {};
  for (let i = 1; i <= PLAYERS; i++) {
    if (mode === "full") combat[String(i)] = { hp: 100 - (i % 7) * 10, maxHp: 100, alive: true, stamina: 100 - (i % 5) * 12.5, kills: i % 9, deaths: i % 4 };
    else if (i % 4 === 0) combat[String(i)] = { stamina: 50 + (i % 5) * 7.5 };
    else if (i % 16 === 1) combat[String(i)] = { hp: 60 };
  }
  for (let i = 0; i < PROJECTILES; i++) {
    const id = String(50_000 + i * 3);
    const x = ((i * 89) % 20_000) / 256 - 40;
    const y = ((i * 61) % 20_000) / 256 - 40;
    projectile[id] = mode === "full" ? { x, y, vx: 24, vy: -6.5, owner: String((i % PLAYERS) + 1), seq: 100_000 + i } : { x, y };
  }
  const features =
    mode === "full"
      ? { combat: { set: combat }, projectile: { set: projectile } }
      : { combat: { set: combat }, projectile: { set: projectile, remove: ["49994", "49997"] } };
  return { v: 2, kind: "snapshot", payload: { mode, tick: 99_999, serverTime: 1_700_000_000_000, ackInputSeq: 5002, features } };
}

/** A copy with fresh combat patch objects (packed forms are cached per patch object). */
function withFreshCombatPatches(message: SnapshotMessage): SnapshotMessage {
  const { features } = message.payload;
  return { ...message, payload: { ...message.payload, features: { ...features, combat: { ...features.combat }, projectile: { ...features.projectile } } } };
}

/** A copy with a fresh build patch object (the packed form is cached per patch object, as for movement). */
function withFreshBuildPatch(message: SnapshotMessage): SnapshotMessage {
  const { features } = message.payload;
  return { ...message, payload: { ...message.payload, features: { ...features, build: { ...features.build } } } };
}

/**
 * A copy with a fresh movement patch object: the codec caches the packed movement channel per patch object (a room
 * shares one patch across its connections), so reusing one message would measure a cache hit.
 */
function withFreshMovementPatch(message: SnapshotMessage): SnapshotMessage {
  const { features } = message.payload;
  return { ...message, payload: { ...message.payload, features: { ...features, movement: { ...features.movement } } } };
}

let sink = 0;
function consume(value: unknown): void {
  sink ^= typeof value === "string" ? value.length : value === null || value === undefined ? 0 : 1;
}

function measure(run: () => unknown): { opsPerSecond: number; microsPerOp: number } {
  const warmUntil = performance.now() + WARMUP_MS;
  while (performance.now() < warmUntil) consume(run());
  const rates: number[] = [];
  for (let slice = 0; slice < SLICES; slice++) {
    let ops = 0;
    const start = performance.now();
    let now = start;
    while (now - start < BUDGET_MS / SLICES) {
      for (let i = 0; i < 20; i++) consume(run());
      ops += 20;
      now = performance.now();
    }
    rates.push(ops / ((now - start) / 1000));
  }
  const opsPerSecond = rates.sort((a, b) => a - b)[Math.floor(rates.length / 2)]!;
  return { opsPerSecond, microsPerOp: 1e6 / opsPerSecond };
}

const byteLength = (frame: Frame) => (typeof frame === "string" ? Buffer.byteLength(frame) : frame.byteLength);

interface Row {
  frame: string;
  codec: Codec;
  bytes: number;
  encode: { opsPerSecond: number; microsPerOp: number };
  decode: { opsPerSecond: number; microsPerOp: number };
}

const started = performance.now();
const allowed = codeGenerationAllowed();
const rows: Row[] = [];

for (const codec of ["msgpack", "json"] as Codec[]) {
  // (a) input batch: the server's path is decode + validate (parseClientFrame).
  const client = encodeClientMessage(inputBatch, codec);
  const parsed = parseClientFrame(client);
  if (!parsed.ok || !isDeepStrictEqual(parsed.message, inputBatch)) throw new Error(`input batch does not round-trip in ${codec}`);
  rows.push({
    frame: "input_batch (2 inputs)",
    codec,
    bytes: byteLength(client),
    encode: measure(() => encodeClientMessage(inputBatch, codec)),
    decode: measure(() => parseClientFrame(client)),
  });
  // (b), (c) snapshots: the client's path is decodeServerMessage (expands the compact movement channel).
  for (const mode of ["full", "delta"] as const) {
    const message = snapshot(mode);
    const frame = encodeServerMessage(message, codec);
    if (!isDeepStrictEqual(decodeServerMessage(frame), message)) throw new Error(`${mode} snapshot does not round-trip in ${codec}`);
    rows.push({
      frame: `${PLAYERS}-player ${mode} snapshot`,
      codec,
      bytes: byteLength(frame),
      encode: measure(() => encodeServerMessage(withFreshMovementPatch(message), codec)),
      decode: measure(() => decodeServerMessage(frame)),
    });
  }
  // (d) a full snapshot of a room at its structure limit: what a joining player downloads once.
  const built = structureSnapshot();
  const builtFrame = encodeServerMessage(built, codec);
  if (!isDeepStrictEqual(decodeServerMessage(builtFrame), built)) throw new Error(`structure snapshot does not round-trip in ${codec}`);
  rows.push({
    frame: `${STRUCTURES.toLocaleString("en-US")}-structure full snapshot`,
    codec,
    bytes: byteLength(builtFrame),
    encode: measure(() => encodeServerMessage(withFreshBuildPatch(built), codec)),
    decode: measure(() => decodeServerMessage(builtFrame)),
  });
  // (e) a fight: the combat and projectile channels.
  for (const mode of ["full", "delta"] as const) {
    const fight = combatSnapshot(mode);
    const fightFrame = encodeServerMessage(fight, codec);
    if (!isDeepStrictEqual(decodeServerMessage(fightFrame), fight)) throw new Error(`combat ${mode} snapshot does not round-trip in ${codec}`);
    rows.push({
      frame: `combat ${mode} (${PLAYERS} players, ${PROJECTILES} projectiles)`,
      codec,
      bytes: byteLength(fightFrame),
      encode: measure(() => encodeServerMessage(withFreshCombatPatches(fight), codec)),
      decode: measure(() => decodeServerMessage(fightFrame)),
    });
  }
}

const header = ["frame", "codec", "bytes", "encode ops/s", "encode µs/op", "decode ops/s", "decode µs/op"];
const table = [
  header,
  ...rows.map((row) => [
    row.frame,
    row.codec,
    String(row.bytes),
    Math.round(row.encode.opsPerSecond).toLocaleString("en-US"),
    row.encode.microsPerOp.toFixed(2),
    Math.round(row.decode.opsPerSecond).toLocaleString("en-US"),
    row.decode.microsPerOp.toFixed(2),
  ]),
];
const widths = header.map((_, column) => Math.max(...table.map((line) => line[column]!.length)));
const format = (line: string[]) => line.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  ");

console.log(`\nprotocol codec bench — Node ${process.version}, code generation from strings: ${allowed ? "ALLOWED (Node default)" : "FORBIDDEN (as in workerd)"}`);
console.log("decode = parseClientFrame (decode + validate) for input_batch, decodeServerMessage for snapshots; encode of snapshots is uncached");
console.log(format(table[0]!));
console.log(widths.map((w) => "-".repeat(w)).join("  "));
for (const line of table.slice(1)) console.log(format(line));
const perEntity = (mode: string) => {
  const msgpack = rows.find((row) => row.codec === "msgpack" && row.frame.includes(mode))!.bytes;
  const json = rows.find((row) => row.codec === "json" && row.frame.includes(mode))!.bytes;
  return `${mode}: msgpack ${(msgpack / PLAYERS).toFixed(1)} B/player, JSON ${(json / PLAYERS).toFixed(1)} B/player`;
};
console.log(`bytes per player (whole frame / ${PLAYERS}) — ${perEntity("full")}; ${perEntity("delta")}`);
const perStructure = (codec: Codec) => (rows.find((row) => row.codec === codec && row.frame.includes("structure"))!.bytes / STRUCTURES).toFixed(2);
console.log(`bytes per structure (whole frame / ${STRUCTURES}) — msgpack ${perStructure("msgpack")} B, JSON ${perStructure("json")} B`);
for (const mode of ["full", "delta"] as const) {
  const packed = rows.find((row) => row.codec === "msgpack" && row.frame.startsWith(`combat ${mode}`))!.bytes;
  const plain = encodeMsgpack(combatSnapshot(mode)).byteLength;
  console.log(`combat ${mode}: msgpack with the binary combat/projectile channels ${packed} B, as plain msgpack maps ${plain} B (${(plain / packed).toFixed(1)}×)`);
}

// (f) One snapshot tick of one view sent to PLAYERS connections: each connection's frame encoded whole (the room
// before it shared encodings; channel packing was already shared), or the features encoded once and only each
// connection's header per connection (SnapshotPublisher's SnapshotFrames).
console.log(`\none snapshot tick to ${PLAYERS} connections of one view: µs per tick, whole frame per connection → features once`);
const sharedCases: [string, SnapshotMessage][] = [
  [`${PLAYERS}-player full`, snapshot("full")],
  [`${PLAYERS}-player delta`, snapshot("delta")],
  [`combat delta`, combatSnapshot("delta")],
  [`${STRUCTURES.toLocaleString("en-US")}-structure full`, structureSnapshot()],
];
/** Fresh patch objects for every channel, as each snapshot tick has (packed forms are cached per patch object). */
const freshFeatures = (message: SnapshotMessage) => Object.fromEntries(Object.entries(message.payload.features).map(([name, patch]) => [name, { ...patch }]));
for (const codec of ["msgpack", "json"] as Codec[]) {
  for (const [name, message] of sharedCases) {
    const { features: _features, ...header } = message.payload;
    const perConnection = measure(() => {
      const features = freshFeatures(message);
      for (let i = 0; i < PLAYERS; i++) consume(encodeServerMessage({ ...message, payload: { ...header, ackInputSeq: i, features } }, codec));
    });
    const shared = measure(() => {
      const encoded = encodeSnapshotFeatures(freshFeatures(message), codec);
      for (let i = 0; i < PLAYERS; i++) consume(encodeSnapshotFrame({ ...header, ackInputSeq: i }, encoded));
    });
    console.log(`  ${codec.padEnd(7)} ${name.padEnd(24)} ${perConnection.microsPerOp.toFixed(0).padStart(8)} → ${shared.microsPerOp.toFixed(0).padStart(6)} (${(perConnection.microsPerOp / shared.microsPerOp).toFixed(1)}×)`);
  }
}
console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s; checksum ${sink})`);
