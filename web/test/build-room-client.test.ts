import { buildFeature, decodeMsgpack, ErrorCode, PROTOCOL_VERSION } from "@edgehold/protocol";
import { describe, expect, it } from "vitest";
import { buildInput } from "../src/features/build/build-controller.ts";
import { ClientFixture } from "./support/client-fixture.ts";

/** The commands the client sent since the last call, decoded. */
function sentCommands(f: ClientFixture): Record<string, unknown>[] {
  return f.socket
    .takeSent()
    .map((frame) => (typeof frame === "string" ? JSON.parse(frame) : decodeMsgpack(frame)) as Record<string, unknown>)
    .filter((m) => m.kind === "command");
}

describe("RoomClient: building", () => {
  it("sends a build action on the input that carries it, and build.preview as a command", async () => {
    const f = new ClientFixture();
    await f.welcome();
    f.snapshot("full", 3, 0, { movement: { set: { "1": { x: 0.5, y: 0.5, vx: 0, vy: 0 } } } });
    const seq = f.client.step(0, [buildInput({ op: "place", tx: 4, ty: 0, kind: "crate" })]);
    f.client.step(0);
    f.client.commandsOf(buildFeature)("preview", { tx: 4, ty: 1, kind: "wall" });
    f.now += 1000;
    f.client.update(f.now, 16);
    const commands = sentCommands(f);
    expect(commands).toContainEqual(expect.objectContaining({ feature: "build", action: "preview", payload: { tx: 4, ty: 1, kind: "wall" } }));
    const batch = commands.find((c) => c.action === "input_batch") as { payload: { inputs: Record<string, unknown>[] } };
    expect(batch.payload.inputs).toEqual([
      { seq, up: false, down: false, left: false, right: false, build: { op: "place", tx: 4, ty: 0, kind: "crate" } },
      { seq: seq! + 1, up: false, down: false, left: false, right: false },
    ]);
    f.client.dispose();
  });

  it("re-sends an unacknowledged build action after a resume, and says why a build was refused in the HUD", async () => {
    const f = new ClientFixture();
    await f.welcome();
    f.snapshot("full", 3, 0, { movement: { set: { "1": { x: 0.5, y: 0.5, vx: 0, vy: 0 } } } });
    const seq = f.client.step(0, [buildInput({ op: "remove", tx: 2, ty: 2 })])!;
    f.send({ v: PROTOCOL_VERSION, kind: "error", payload: { code: ErrorCode.buildRejected, message: "refused", seq, reason: "not_owner" } });
    expect(f.client.events.lines.map((e) => e.text)).toEqual(["can't remove: not your structure"]);
    f.socket.takeSent();
    await f.welcome({ resumed: true, lastInputSeq: 0 });
    f.now += 1000;
    f.client.update(f.now, 16);
    const batch = sentCommands(f).find((c) => c.action === "input_batch") as { payload: { inputs: Record<string, unknown>[] } };
    expect(batch.payload.inputs[0]).toMatchObject({ seq, build: { op: "remove", tx: 2, ty: 2 } });
    f.client.dispose();
  });
});
