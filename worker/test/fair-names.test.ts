// Names and chat text that cannot impersonate or slip past the filter (ARCHITECTURE.md "Fair play": Names, Chat
// text), in the real room: what presence, join events, /who and chat show, and whom a typed name names.
import { applySnapshot, CloseCode, createReplica, Kind, type ChatWhoEntry } from "@edgehold/protocol";
import { describe, expect, it } from "vitest";
import { maskProfanity } from "../src/features/chat/profanity-filter.ts";
import { fallbackName } from "../src/room/room-character.ts";
import { chatter, line, linesUntilMarker, sayAcked, system } from "./support/chat-client.ts";
import { connect, freshRoom, type TestClient } from "./support/test-client.ts";
import { createRoom } from "./support/room-api.ts";

/** "Bob" with a Cyrillic В (U+0412): it looks like the Latin name and is another string. */
const CYRILLIC_BOB = "\u0412ob";

/** The presence names `client` sees in the full snapshot it gets next, by player id. */
async function presenceNames(client: TestClient): Promise<Record<string, unknown>> {
  const replica = createReplica();
  applySnapshot(replica, (await client.nextSnapshot((s) => s.payload.mode === "full")).payload);
  return Object.fromEntries([...replica.get("presence")!.values()].map((p) => [p.playerId, p.name]));
}

describe("names in a room", () => {
  it("numbers a later look-alike name (Cyrillic Вob → Вob 2) in presence, join events and /who; /ban Bob bans the real Bob only", async () => {
    const room = await createRoom("olga");
    const owner = await chatter(room, "olga", "Olga");
    const bob = await chatter(room, "bob", "Bob");
    const fake = await chatter(room, "fake-bob", CYRILLIC_BOB);
    const shown = `${CYRILLIC_BOB} 2`;

    const joined = await owner.client.next((m) => m.kind === Kind.event && m.action === "join" && m.payload.playerId === "fake-bob");
    expect(joined.kind === Kind.event && joined.payload).toMatchObject({ name: shown });
    expect(await presenceNames(fake.client)).toEqual({ olga: "Olga", bob: "Bob", "fake-bob": shown });
    await sayAcked(owner.client, "/who");
    const who = await system(owner.client, (s) => s.who !== undefined);
    expect(who.who!.map((p: ChatWhoEntry) => p.name)).toEqual(["Olga", "Bob", shown]);
    expect(who.text).toBe(`3 players here: Olga (owner), Bob, ${shown}`);
    // Chat lines carry the shown name too.
    await sayAcked(fake.client, "hi, I am Bob");
    expect(await line(owner.client, (l) => l.from === "fake-bob")).toMatchObject({ name: shown });

    // A name typed in Latin names the player it looks like: "Bob 2" is the Cyrillic one, "Bob" the real Bob.
    await sayAcked(owner.client, "/w Bob 2 you are the second");
    expect(await line(fake.client, (l) => l.text === "you are the second")).toMatchObject({ to: "fake-bob", toName: shown });
    await sayAcked(owner.client, "/ban Bob");
    expect(await bob.client.closed()).toMatchObject({ code: CloseCode.kicked });
    await linesUntilMarker(fake.client, 0, owner.client);
    expect(fake.client.closeEvent).toBeUndefined();
    for (const { client } of [owner, fake]) client.close();
  });

  it("gives the plain name back once its holder left, and keeps a player's number while they stay", async () => {
    const room = freshRoom("names-free");
    const first = await chatter(room, "first", "Ann");
    const second = await chatter(room, "second", "ANN");
    expect((await presenceNames(second.client)).second).toBe("ANN 2");
    first.client.close();
    await second.client.next((m) => m.kind === Kind.event && m.action === "leave");
    const third = await chatter(room, "third", "Ann");
    expect(await presenceNames(third.client)).toEqual({ second: "ANN 2", third: "Ann" });
    for (const { client } of [second, third]) client.close();
  });

  it("replaces a name the rule refuses at a join (role word, fake owner tag, invisible characters) and masks profanity", async () => {
    const room = freshRoom("names-refused");
    const refused = { pa: "Admin", pt: "Bob (owner)", pz: "Bo\u200Bb" };
    const clients: TestClient[] = [];
    for (const [playerId, name] of Object.entries(refused)) clients.push((await connect(room, { playerId, name })).client);
    // A player id that is itself a role word falls back further, to "Player <n>".
    clients.push((await connect(room, { playerId: "owner", name: "Owner" })).client);
    const profane = "Fuckface";
    const last = await connect(room, { playerId: "p-rude", name: profane });
    clients.push(last.client);
    const names = await presenceNames(last.client);
    // Like a missing name, a refused one falls back to the player id (when that passes the rule itself).
    expect(names).toEqual({ pa: "pa", pt: "pt", pz: "pz", owner: fallbackName("owner"), "p-rude": maskProfanity(profane) });
    expect(names.owner).toMatch(/^Player \d+$/);
    expect(names["p-rude"]).not.toBe(profane);
    for (const client of clients) client.close();
  });
});

describe("chat text in a room", () => {
  it("a zero-width space or a stack of combining marks does not carry a word past the filter or out of a bubble", async () => {
    const room = freshRoom("chat-text");
    const ann = await chatter(room, "ann", "Ann");
    const bob = await chatter(room, "bob", "Bob");
    await sayAcked(ann.client, "f\u200Buck this");
    expect((await line(bob.client, (l) => l.from === "ann")).text).toBe("**** this");
    await sayAcked(ann.client, "f\u0301\u0302uck that");
    expect((await line(bob.client, (l) => l.text.endsWith(" that"))).text).toBe("**** that");
    const zalgo = "H\u0336\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309i";
    await sayAcked(ann.client, zalgo);
    expect((await line(bob.client, (l) => l.text.startsWith("H"))).text).toBe("H\u0336\u0301i");
    // The joiners of an emoji sequence stay.
    await sayAcked(ann.client, "team 👩\u200D💻");
    expect((await line(bob.client, (l) => l.text.startsWith("team"))).text).toBe("team 👩\u200D💻");
    for (const { client } of [ann, bob]) client.close();
  });
});
