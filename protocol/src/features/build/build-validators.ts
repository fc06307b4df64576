import { isPlainObject } from "../../guards.ts";
import {
  BUILD_TILE_MAX,
  BUILD_TILE_MIN,
  BuildOp,
  STRUCTURE_KINDS,
  type BuildAction,
  type BuildInputFields,
  type BuildPreviewPayload,
  type StructureKind,
} from "./build-types.ts";

/** True for an integer tile coordinate inside the `build` channel's range (what a structure of any room may hold). */
export function isTileCoordinate(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= BUILD_TILE_MIN && value <= BUILD_TILE_MAX;
}

/**
 * True for a tile coordinate a build action or preview may name: any safe integer. Whether it lies inside the room's
 * world is the room's call (`out_of_bounds`, with the rest of the input still applied), not a malformed frame.
 */
export function isTileNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value);
}

export function isStructureKind(value: unknown): value is StructureKind {
  return typeof value === "string" && (STRUCTURE_KINDS as readonly string[]).includes(value);
}

/**
 * `tx`/`ty` of an untrusted map, or a message naming the bad field (`at` prefixes it, e.g. "payload.inputs[2].build").
 * Any integer passes: the room refuses tiles outside its world itself (`out_of_bounds`).
 */
function parseTile(value: Record<string, unknown>, at: string): { tx: number; ty: number } | string {
  for (const key of ["tx", "ty"] as const) {
    if (!isTileNumber(value[key])) return `${at}.${key} must be an integer`;
  }
  return { tx: value.tx as number, ty: value.ty as number };
}

function parseKind(value: unknown, at: string): StructureKind | string {
  return isStructureKind(value) ? value : `${at}.kind must be one of ${STRUCTURE_KINDS.join(", ")}`;
}

/** An input's `build`: `{ op: "place", tx, ty, kind }` or `{ op: "remove", tx, ty }` (other keys dropped). */
export function parseBuildAction(value: unknown, at: string): BuildAction | string {
  if (!isPlainObject(value)) return `${at} must be an object`;
  const tile = parseTile(value, at);
  if (typeof tile === "string") return tile;
  if (value.op === BuildOp.remove) return { op: BuildOp.remove, ...tile };
  if (value.op !== BuildOp.place) return `${at}.op must be "place" or "remove"`;
  const kind = parseKind(value.kind, at);
  if (!isStructureKind(kind)) return kind;
  return { op: BuildOp.place, ...tile, kind };
}

/** Build's input fields: an input's `build` (absent: none), or a message naming the bad field. */
export function parseBuildInput(input: Record<string, unknown>, at: string): BuildInputFields | string {
  if (input.build === undefined) return {};
  const build = parseBuildAction(input.build, `${at}.build`);
  return typeof build === "string" ? build : { build };
}

/** `build.preview`: `{ tx, ty, kind }` or `{ clear: true }`. */
export function parseBuildPreview(payload: unknown): BuildPreviewPayload | string {
  if (!isPlainObject(payload)) return "payload must be an object: { tx, ty, kind } or { clear: true }";
  if (payload.clear !== undefined) {
    if (payload.clear !== true) return "payload.clear must be true";
    return { clear: true };
  }
  const tile = parseTile(payload, "payload");
  if (typeof tile === "string") return tile;
  const kind = parseKind(payload.kind, "payload");
  if (!isStructureKind(kind)) return kind;
  return { ...tile, kind };
}
