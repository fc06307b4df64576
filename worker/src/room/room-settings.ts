import { DEFAULT_ROOM_KIND, roomKindNamed } from "./kinds/room-kinds.ts";
import type { RoomKind } from "./kinds/room-kind.ts";
import type { RoomMetaStore } from "../storage/room-meta.ts";
import type { Region } from "../directory/regions.ts";
import type { SeatRequest } from "../directory/seat-request.ts";

/** `room_meta` keys of what a room is: fixed when it is created (the owner may be handed over later). */
export const RoomMetaKey = {
  kind: "kind",
  public: "public",
  owner: "owner_player_id",
  createdAt: "created_at",
  code: "room_code",
  /** The location hint a matchmade room was opened with (listed with it); absent otherwise. */
  region: "region",
} as const;

/** What a room is, as it opens: its kind, and what of its settings it must still store. */
export interface RoomSettings {
  readonly kind: RoomKind;
  /** Writes the settings not stored yet (once in a room's life: a few rows). */
  store(meta: RoomMetaStore): void;
}

/**
 * A room made with `POST /api/rooms` (its kind, whether it is listed, and its creator as the owner), or by the
 * matchmaker (public, no owner, opened in a region).
 */
export interface RoomCreation {
  readonly code: string;
  readonly kind: RoomKind;
  readonly public: boolean;
  readonly owner: string | null;
  readonly region?: Region;
}

export function createdRoom(creation: RoomCreation, now: number): RoomSettings {
  return {
    kind: creation.kind,
    store(meta) {
      meta.set(RoomMetaKey.kind, creation.kind.name);
      meta.set(RoomMetaKey.public, creation.public ? "1" : "0");
      if (creation.owner !== null) meta.set(RoomMetaKey.owner, creation.owner);
      if (creation.region !== undefined) meta.set(RoomMetaKey.region, creation.region);
      meta.set(RoomMetaKey.code, creation.code);
      meta.set(RoomMetaKey.createdAt, now);
    },
  };
}

/**
 * The room the matchmaker opens at a code that is no room yet (`RoomDurableObject.reserveSeats`): public, no owner,
 * of the requested kind, in the requested region. Undefined when matchmaking does not serve that kind (unknown, or
 * private: such rooms are made with `POST /api/rooms` and shared by link).
 */
export function matchmadeRoom(request: SeatRequest): RoomCreation | undefined {
  const kind = roomKindNamed(request.kind);
  if (!kind?.listed) return undefined;
  return { code: request.code, kind, public: true, owner: null, ...(request.region ? { region: request.region } : {}) };
}

/** What `room.created` says of a room made by `by` (its log line and domain event). */
export function creationFacts(creation: RoomCreation, by: "create" | "matchmake"): Record<string, unknown> {
  const { kind, public: listed, owner, region } = creation;
  return { kind: kind.name, public: listed, owner, by, ...(region ? { region } : {}) };
}

/**
 * A code opened by link that nobody created: a private room of the default kind with no owner (owner commands answer
 * `forbidden` until one is assigned). Its creation time is stored by its first admitted join.
 */
export function linkedRoom(): RoomSettings {
  return {
    kind: DEFAULT_ROOM_KIND,
    store(meta) {
      meta.set(RoomMetaKey.kind, DEFAULT_ROOM_KIND.name);
      meta.set(RoomMetaKey.public, "0");
    },
  };
}

/**
 * Whether this object holds a room (one created, or joined at least once), read without writing anything: a code that
 * was only looked up must leave no trace. Rooms from before kinds existed have no `kind` row but a creation time.
 */
export function roomExists(sql: SqlStorage): boolean {
  const table = sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'room_meta'").toArray();
  if (table.length === 0) return false;
  return sql.exec("SELECT 1 FROM room_meta WHERE key IN (?, ?) LIMIT 1", RoomMetaKey.kind, RoomMetaKey.createdAt).toArray().length > 0;
}

/** An existing room's settings: its stored kind (an unknown or missing one reads as the default kind). */
export function storedRoom(sql: SqlStorage, log: (where: string, error: unknown) => void): RoomSettings {
  const row = sql.exec<{ value: string }>("SELECT value FROM room_meta WHERE key = ?", RoomMetaKey.kind).toArray()[0];
  const named = row ? roomKindNamed(row.value) : undefined;
  if (row && !named) log("open", new Error(`stored room kind "${row.value}" is not in this deployment's registry; opening it as "${DEFAULT_ROOM_KIND.name}"`));
  const kind = named ?? DEFAULT_ROOM_KIND;
  return {
    kind,
    store(meta) {
      // Rooms made before kinds existed are rooms of the default kind: say so once.
      if (!row) meta.set(RoomMetaKey.kind, kind.name);
    },
  };
}
