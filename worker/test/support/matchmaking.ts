import { env, runInDurableObject, SELF } from "cloudflare:test";
import { directoryStub } from "../../src/directory/directory-durable-object.ts";
import type { PublicRoom } from "../../src/directory/room-report.ts";
import type { TestDirectoryDurableObject } from "./test-worker.ts";

/** What `POST /api/matchmake` answers with 200. */
export interface Matchmade {
  code: string;
  kind: string;
  seat: string;
  seatExpiresAt: number;
  players: number;
  capacity: number;
}

/** `POST /api/matchmake` as `playerId` (dev mode's X-Player-Id), answering the raw response. */
export function postMatchmake(playerId: string | undefined, body: unknown): Promise<Response> {
  return SELF.fetch("http://example.com/api/matchmake", {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(playerId ? { "X-Player-Id": playerId } : {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** A seat for `playerId` in a room of `kind`; throws unless 200. */
export async function matchmake(playerId: string, kind = "arena", region?: string): Promise<Matchmade> {
  const response = await postMatchmake(playerId, { kind, ...(region ? { region } : {}) });
  if (response.status !== 200) throw new Error(`POST /api/matchmake answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as Matchmade;
}

/** `GET /api/rooms?kind=` (every public room without a kind). */
export async function publicRooms(kind?: string): Promise<PublicRoom[]> {
  const response = await SELF.fetch(`http://example.com/api/rooms${kind ? `?kind=${kind}` : ""}`);
  if (!response.ok) throw new Error(`GET /api/rooms answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { rooms: PublicRoom[] }).rooms;
}

/** The listing of `code` (undefined while it is not listed). */
export async function listed(code: string): Promise<PublicRoom | undefined> {
  return (await publicRooms()).find((room) => room.code === code);
}

/** The test directory (bound as DIRECTORY: TestDirectoryDurableObject). */
export function directory(): DurableObjectStub<TestDirectoryDurableObject> {
  return directoryStub(env) as unknown as DurableObjectStub<TestDirectoryDurableObject>;
}

/** Moves the directory's clock `ms` forward (entries expire by it); the rooms' clocks are untouched. */
export function advanceDirectory(ms: number): Promise<void> {
  return runInDurableObject(directory(), (instance: TestDirectoryDurableObject) => {
    instance.clockAheadMs += ms;
  });
}
