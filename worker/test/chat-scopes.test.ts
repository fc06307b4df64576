import { describe, expect, it } from "vitest";
import { chatter, emote, emotesOf, line, linesUntilMarker, sayAcked } from "./support/chat-client.ts";
import { place } from "./support/room-internals.ts";
import { freshRoom } from "./support/test-client.ts";

describe("chat scopes reach exactly their players", () => {
  it("room: everyone, the speaker too, acked, with id, name, entity and time", async () => {
    const room = freshRoom("chat");
    const ann = await chatter(room, "ann", "Ann");
    const bob = await chatter(room, "bob", "Bob");
    await sayAcked(ann.client, "hello  room ");
    for (const { client } of [ann, bob]) {
      expect(await line(client, (l) => l.scope === "room")).toEqual({
        id: expect.any(Number),
        from: "ann",
        name: "Ann",
        text: "hello  room",
        scope: "room",
        at: expect.any(Number),
        entity: ann.entityId,
      });
    }
    ann.client.close();
    bob.client.close();
  });

  it("nearby: the players within 20 m of the speaker at that tick, not one 30 m away", async () => {
    const room = freshRoom("chat");
    const ann = await chatter(room, "ann");
    const near = await chatter(room, "near");
    const far = await chatter(room, "far");
    await place(room, "ann", 0, 0);
    await place(room, "near", 19, 0);
    await place(room, "far", 30, 0);
    const since = far.client.received.length;
    await sayAcked(ann.client, "anyone close?", "nearby");
    expect(await line(ann.client, (l) => l.text === "anyone close?")).toMatchObject({ scope: "nearby", from: "ann" });
    expect(await line(near.client, (l) => l.text === "anyone close?")).toMatchObject({ scope: "nearby", from: "ann" });
    expect(await linesUntilMarker(far.client, since, far.client)).toEqual([]);

    // Positions at the tick of the line: once `far` is within range, they hear the next one.
    await place(room, "far", 0, 15);
    await sayAcked(ann.client, "now?", "nearby");
    expect(await line(far.client, (l) => l.text === "now?")).toMatchObject({ scope: "nearby" });
    for (const { client } of [ann, near, far]) client.close();
  });

  it("whisper: the sender and the named player only (name in any case, with spaces), never a third", async () => {
    const room = freshRoom("chat");
    const ann = await chatter(room, "ann", "Ann");
    const bob = await chatter(room, "bob", "Big Bob");
    const cat = await chatter(room, "cat", "Cat");
    const since = cat.client.received.length;
    await sayAcked(ann.client, "/w big BOB meet at the gate");
    const expected = { from: "ann", name: "Ann", text: "meet at the gate", scope: "whisper", to: "bob", toName: "Big Bob" };
    expect(await line(ann.client, (l) => l.scope === "whisper")).toMatchObject(expected);
    expect(await line(bob.client, (l) => l.scope === "whisper")).toMatchObject(expected);
    expect(await linesUntilMarker(cat.client, since, ann.client)).toEqual([]);
    for (const { client } of [ann, bob, cat]) client.close();
  });

  it("emote: /me reaches everyone as an emote line, and /me waves also plays the wave on the avatar", async () => {
    const room = freshRoom("chat");
    const ann = await chatter(room, "ann", "Ann");
    const bob = await chatter(room, "bob", "Bob");
    await sayAcked(ann.client, "/me waves hello");
    for (const { client } of [ann, bob]) {
      expect(await line(client, (l) => l.scope === "emote")).toMatchObject({ from: "ann", name: "Ann", text: "waves hello" });
      expect(await emote(client)).toEqual({ entity: ann.entityId, emote: "wave" });
      // Exactly one wave: a second one would have arrived before a line said after it.
      await linesUntilMarker(client, 0, ann.client);
      expect(emotesOf(client)).toHaveLength(1);
    }
    ann.client.close();
    bob.client.close();
  });
});
