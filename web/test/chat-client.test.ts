// Chat inside a real RoomClient on a fake socket: the chat client feature's events into the room's chat state, and
// chat's controller sending the panel's lines and showing the room's refusals of them.
import { chatFeature, decodeMsgpack, ErrorCode, PROTOCOL_VERSION, type ServerMessage } from "@edgehold/protocol";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ChatController } from "../src/features/chat/chat-controller.ts";
import { chatStateKey, type ChatState } from "../src/features/chat/chat-state.ts";
import { createWorldView } from "../src/render/world-view.ts";
import { said } from "./support/chat-messages.ts";
import { ClientFixture } from "./support/client-fixture.ts";

const texts = (chat: ChatState) => chat.getSnapshot().lines.map((l) => l.text);

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

/**
 * Just enough DOM for ChatController's speech bubble layer in Node (these tests draw nothing): elements that take
 * children and a ResizeObserver that never fires.
 */
function stubBubbleDom(): void {
  vi.stubGlobal("document", { createElement: () => fakeElement() });
  vi.stubGlobal(
    "ResizeObserver",
    class {
      observe(): void {}
      disconnect(): void {}
    },
  );
}

function fakeElement() {
  return { dataset: {}, style: {}, className: "", hidden: false, appendChild() {}, remove() {} };
}

function fakeSceneContainer(): HTMLElement {
  return { ...fakeElement(), clientWidth: 1280, clientHeight: 720 } as unknown as HTMLElement;
}

describe("the chat client feature in a room client", () => {
  const chatEvent = (action: "message" | "history" | "system" | "emote", payload: unknown) =>
    ({ v: PROTOCOL_VERSION, kind: "event", feature: "chat", action, payload }) as ServerMessage;

  it("routes chat events into the room's chat state, the one the panel reads", async () => {
    const f = new ClientFixture();
    await f.welcome();
    const chat = f.client.local(chatStateKey);
    f.send(chatEvent("history", { messages: [said({ entity: undefined, text: "before you came" })] }));
    f.send(chatEvent("message", said({ text: "hi all", entity: "2" })));
    f.send(chatEvent("system", { text: "you are the room owner" }));
    f.send(chatEvent("emote", { entity: "2", emote: "wave" }));
    expect(texts(chat)).toEqual(["before you came", "hi all", "you are the room owner"]);
    expect([...chat.liveBubbles()].map((b) => b.text)).toEqual(["hi all"]);
    expect([...chat.playingEmotes()].map((e) => e.emote)).toEqual(["wave"]);
    // The same object every time: made once per room client.
    expect(f.client.local(chatStateKey)).toBe(chat);
    f.client.dispose();
  });

  it("sends the panel's line (ChatController.send) and shows the room's refusal of that line, matched by its seq, in the panel, not in the console", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    stubBubbleDom();
    const f = new ClientFixture();
    await f.welcome();
    f.socket.takeSent();
    // The session a game session would give chat's controller (this test draws nothing: no camera).
    const controller = new ChatController({
      net: f.client,
      send: f.client.commandsOf(chatFeature),
      container: fakeSceneContainer(),
      view: createWorldView(64),
      camera: () => {
        throw new Error("nothing is drawn here");
      },
    });
    const chat = controller.state;
    expect(chat).toBe(f.client.local(chatStateKey));
    expect(controller.send("hello", "nearby")).toBe("sent");
    const sent = f.socket.takeSent().map((frame) => decodeMsgpack(frame as Uint8Array) as Record<string, unknown>);
    expect(sent).toEqual([{ v: PROTOCOL_VERSION, kind: "command", seq: expect.any(Number), feature: "chat", action: "send", payload: { text: "hello", scope: "nearby" } }]);
    const seq = sent[0]!.seq as number;
    // invalid_payload is no chat-only code: only the seq can make it this line's refusal.
    const refusal = (of: number): ServerMessage => ({
      v: PROTOCOL_VERSION,
      kind: "error",
      seq: of,
      payload: { code: ErrorCode.invalidPayload, message: "payload.text is not allowed", seq: of },
    });
    // Control: the same error naming a seq that was no chat line is not chat's: logged, not shown.
    f.send(refusal(seq + 1));
    expect(texts(chat)).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(1);
    f.send(refusal(seq));
    expect(texts(chat)).toEqual(["payload.text is not allowed"]);
    expect(warn).toHaveBeenCalledTimes(1);
    // muted is chat's whatever its seq, and sets the indicator's countdown.
    f.send({ v: PROTOCOL_VERSION, kind: "error", seq, payload: { code: ErrorCode.muted, message: "you are muted", seq, secondsLeft: 30 } });
    expect(texts(chat)).toEqual(["payload.text is not allowed", "you are muted (30 s)"]);
    expect(chat.mutedSecondsLeft()).toBe(30);
    expect(warn).toHaveBeenCalledTimes(1);
    // An error that is nobody's feature business is still logged.
    f.send({ v: PROTOCOL_VERSION, kind: "error", payload: { code: ErrorCode.inputOverflow, message: "dropped inputs" } });
    expect(warn).toHaveBeenCalledTimes(2);
    controller.dispose();
    f.client.dispose();
  });
});
