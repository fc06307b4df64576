import type { EncodedFeatures } from "./codec.ts";

/** A msgpack map's entry count and where its entries start (fixmap, map16 or map32 header). */
function mapHeader(bytes: Uint8Array): { count: number; start: number } {
  const first = bytes[0]!;
  if (first >= 0x80 && first <= 0x8f) return { count: first & 0x0f, start: 1 };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (first === 0xde) return { count: view.getUint16(1), start: 3 };
  if (first === 0xdf) return { count: view.getUint32(1), start: 5 };
  throw new Error(`encoded features are not a msgpack map (first byte 0x${first.toString(16)})`);
}

function writeMapHeader(count: number): Uint8Array {
  if (count < 16) return Uint8Array.of(0x80 | count);
  if (count < 0x10000) return Uint8Array.of(0xde, count >> 8, count & 0xff);
  const header = new Uint8Array(5);
  header[0] = 0xdf;
  new DataView(header.buffer).setUint32(1, count);
  return header;
}

/**
 * Two encodings of snapshot features with no channel in common, as one (the channels of `a`, then those of `b`),
 * without encoding anything again: a view that sees what another sees plus a channel of its own (a party's) shares
 * the other's encoding of the room and adds the bytes of its own channel.
 */
export function joinEncodedFeatures(a: EncodedFeatures, b: EncodedFeatures): EncodedFeatures {
  if (a.codec === "json" && b.codec === "json") {
    if (b.text === "{}") return a;
    if (a.text === "{}") return b;
    return { codec: "json", text: `${a.text.slice(0, -1)},${b.text.slice(1)}` };
  }
  if (a.codec !== "msgpack" || b.codec !== "msgpack") throw new Error("joining features of two codecs");
  const [left, right] = [mapHeader(a.bytes), mapHeader(b.bytes)];
  if (right.count === 0) return a;
  if (left.count === 0) return b;
  const header = writeMapHeader(left.count + right.count);
  const bodyA = a.bytes.subarray(left.start);
  const bodyB = b.bytes.subarray(right.start);
  const bytes = new Uint8Array(header.length + bodyA.length + bodyB.length);
  bytes.set(header, 0);
  bytes.set(bodyA, header.length);
  bytes.set(bodyB, header.length + bodyA.length);
  return { codec: "msgpack", bytes };
}
