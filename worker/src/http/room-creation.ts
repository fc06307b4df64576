import { ErrorCode } from "@edgehold/protocol";
import { DEFAULT_ROOM_KIND, ROOM_KINDS, roomKindNamed } from "../room/kinds/room-kinds.ts";
import type { RoomKind } from "../room/kinds/room-kind.ts";
import { ApiError } from "./api-error.ts";
import { invalidField, objectFields } from "./body-fields.ts";

/** What `POST /api/rooms` asks for, validated: the kind, and whether the room is listed publicly. */
export interface RoomRequest {
  kind: RoomKind;
  public: boolean;
}

/**
 * The body of `POST /api/rooms`: `{ kind?, public? }` (no body at all is a `room` with its kind's default listing).
 * Other keys are ignored. An unknown kind is 400 `unknown_kind`, a wrong type 400 `invalid_body` naming the field.
 */
export function parseRoomRequest(body: unknown): RoomRequest {
  if (body === undefined || body === null) return { kind: DEFAULT_ROOM_KIND, public: DEFAULT_ROOM_KIND.listed };
  const { kind: name, public: listed } = objectFields(body, "{ kind?, public? }");
  if (name !== undefined && typeof name !== "string") throw invalidField("kind", "kind must be a string");
  const kind = name === undefined ? DEFAULT_ROOM_KIND : roomKindNamed(name);
  if (!kind) {
    throw new ApiError(400, ErrorCode.unknownKind, `no room kind "${String(name).slice(0, 40)}"; kinds: ${[...ROOM_KINDS.keys()].join(", ")}`, "kind");
  }
  if (listed !== undefined && typeof listed !== "boolean") throw invalidField("public", "public must be true or false");
  return { kind, public: listed ?? kind.listed };
}
