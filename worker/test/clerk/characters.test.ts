import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { applySnapshot, createReplica } from "@edgehold/protocol";
import { freshRoom, TestClient } from "../support/test-client.ts";
import { mintToken } from "./mint-token.ts";

let users = 0;
async function newUser() {
  const sub = `user_${Date.now().toString(36)}_${users++}`;
  return { sub, token: await mintToken({ sub }) };
}

async function api(token: string, method: string, path: string, body?: unknown) {
  const response = await SELF.fetch(`http://example.com/api/characters${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("characters", () => {
  it("create, list, get, update appearance, select and delete — on your own account", async () => {
    const { token } = await newUser();
    const created = await api(token, "POST", "", { name: "Aria Vell", class: "ranger", appearance: { color: "#33AA55", cosmetics: ["hat"] } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "Aria Vell", characterClass: "ranger", appearance: { color: "#33aa55", cosmetics: ["hat"] } });
    const id = created.body.id as string;

    const list = await api(token, "GET", "");
    expect(list.body).toMatchObject({ activeCharacterId: id, characters: [{ id }] });
    expect((await api(token, "GET", `/${id}`)).body).toMatchObject({ id, name: "Aria Vell" });

    const patched = await api(token, "PATCH", `/${id}`, { appearance: { color: "#112233" } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ appearance: { color: "#112233", cosmetics: ["hat"] } });

    const second = await api(token, "POST", "", { name: "Bo the Admin", class: "mage" });
    expect(second.status).toBe(400);
    expect(second.body).toMatchObject({ error: "invalid_character", field: "name" });
    const bo = await api(token, "POST", "", { name: "Bo Dusk", class: "mage" });
    const selected = await api(token, "POST", `/${bo.body.id as string}/select`);
    expect(selected.status).toBe(200);
    expect((await api(token, "GET", "")).body.activeCharacterId).toBe(bo.body.id);

    const deleted = await api(token, "DELETE", `/${bo.body.id as string}`);
    expect(deleted.body).toEqual({ deleted: bo.body.id, activeCharacterId: id });
    expect((await api(token, "GET", `/${bo.body.id as string}`)).status).toBe(404);
  });

  it("treats another account's character as not found", async () => {
    const alice = await newUser();
    const bob = await newUser();
    const id = (await api(alice.token, "POST", "", { name: "Alice Main", class: "warrior" })).body.id as string;
    for (const [method, path, body] of [
      ["GET", `/${id}`, undefined],
      ["PATCH", `/${id}`, { appearance: { color: "#000000" } }],
      ["DELETE", `/${id}`, undefined],
      ["POST", `/${id}/select`, undefined],
    ] as const) {
      const response = await api(bob.token, method, path, body);
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.body.error).toBe("not_found");
    }
    expect((await api(alice.token, "GET", `/${id}`)).body).toMatchObject({ appearance: { color: expect.not.stringMatching("#000000") } });
  });

  it("names the field of every validation error, and enforces unique names and the limit of 8", async () => {
    const { token } = await newUser();
    const cases: Array<[unknown, string]> = [
      [{ class: "mage" }, "name"],
      [{ name: "Bob (owner)", class: "mage" }, "name"],
      [{ name: "ADMIN", class: "mage" }, "name"],
      [{ name: "Zero\u200Bwidth", class: "mage" }, "name"],
      [{ name: "", class: "mage" }, "name"],
      [{ name: "x".repeat(25), class: "mage" }, "name"],
      [{ name: "Tab\tName", class: "mage" }, "name"],
      [{ name: "Valid Name", class: "necromancer" }, "class"],
      [{ name: "Valid Name", class: "mage", appearance: { color: "red" } }, "appearance.color"],
      [{ name: "Valid Name", class: "mage", appearance: { cosmetics: ["jetpack"] } }, "appearance.cosmetics"],
      [{ name: "Valid Name", class: "mage", appearance: { cosmetics: ["hat", "cape", "scarf", "crown"] } }, "appearance.cosmetics"],
      [[1, 2], "body"],
      ["{not json", "body"],
    ];
    for (const [body, field] of cases) {
      const response = await api(token, "POST", "", body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.field, JSON.stringify(body)).toBe(field);
    }
    expect((await api(token, "POST", "", { name: "Unique One", class: "rogue" })).status).toBe(201);
    const duplicate = await api(token, "POST", "", { name: "unique one", class: "mage" });
    expect(duplicate).toMatchObject({ status: 409, body: { error: "name_taken", field: "name" } });
    for (let i = 2; i <= 8; i++) expect((await api(token, "POST", "", { name: `Alt ${i}`, class: "mage" })).status).toBe(201);
    expect((await api(token, "POST", "", { name: "Alt Nine", class: "mage" }))).toMatchObject({ status: 409, body: { error: "limit_reached" } });
  });

  it("stores a name as the name rule leaves it (NFKC, spaces made one), in any script; a role word is 400 naming why", async () => {
    const { token } = await newUser();
    const wide = await api(token, "POST", "", { name: "  Ｌｙｎｘ   Ｒｏｗａｎ ", class: "rogue" });
    expect(wide).toMatchObject({ status: 201, body: { name: "Lynx Rowan" } });
    expect(await api(token, "POST", "", { name: "Жанна", class: "mage" })).toMatchObject({ status: 201, body: { name: "Жанна" } });
    expect(await api(token, "POST", "", { name: "李", class: "mage" })).toMatchObject({ status: 201, body: { name: "李" } });
    // "Оwner" with a Cyrillic О poses as a role as much as the Latin one does.
    const role = await api(token, "POST", "", { name: "The \u041Ewner", class: "mage" });
    expect(role).toMatchObject({ status: 400, body: { error: "invalid_character", field: "name", message: expect.stringContaining("role") } });
  });

  it("shows the active character's name and appearance in room presence, to every player", async () => {
    const alice = await newUser();
    const bob = await newUser();
    await api(alice.token, "POST", "", { name: "Lyra Quill", class: "mage", appearance: { color: "#aa00ff", cosmetics: ["cape", "crown"] } });
    const room = freshRoom();
    const a = await connectWithToken(room, alice.token);
    const b = await connectWithToken(room, bob.token);
    const replica = createReplica();
    applySnapshot(replica, (await b.client.nextSnapshot((s) => s.payload.mode === "full")).payload);
    expect(replica.get("presence")!.get(a.entityId)).toMatchObject({
      playerId: alice.sub,
      name: "Lyra Quill",
      characterClass: "mage",
      color: "#aa00ff",
      cosmetics: "cape,crown",
    });
    // Bob has no characters: he plays a default one.
    expect(replica.get("presence")!.get(b.entityId)).toMatchObject({ playerId: bob.sub, characterId: "default" });
    a.client.close();
    b.client.close();
  });

  it("keeps a position per character", async () => {
    const { token } = await newUser();
    const first = (await api(token, "POST", "", { name: "First One", class: "warrior" })).body.id as string;
    const room = freshRoom();
    const a = await connectWithToken(room, token);
    a.client.sendInputs(Array.from({ length: 15 }, (_, i) => ({ seq: i + 1, up: true, down: false, left: false, right: false })));
    const walked = await a.client.nextSnapshot((s) => s.payload.ackInputSeq === 15);
    a.client.close();
    await a.client.closed();

    const second = (await api(token, "POST", "", { name: "Second One", class: "rogue" })).body.id as string;
    await api(token, "POST", `/${second}/select`);
    const b = await connectWithToken(room, token);
    const fresh = await b.client.nextSnapshot((s) => s.payload.mode === "full");
    const freshY = fresh.payload.features.movement!.set![b.entityId]!.y;
    b.client.close();
    await b.client.closed();

    await api(token, "POST", `/${first}/select`);
    const c = await connectWithToken(room, token);
    const back = await c.client.nextSnapshot((s) => s.payload.mode === "full");
    const walkedY = walked.payload.features.movement!.set![a.entityId]!.y;
    expect(back.payload.features.movement!.set![c.entityId]!.y).toBe(walkedY);
    expect(freshY).not.toBe(walkedY);
    c.client.close();
  });
});

async function connectWithToken(room: string, token: string) {
  const response = await SELF.fetch(`http://example.com/api/rooms/${room}/ws?token=${encodeURIComponent(token)}`, { headers: { Upgrade: "websocket" } });
  const socket = response.webSocket!;
  (socket as WebSocket & { binaryType: string }).binaryType = "arraybuffer";
  socket.accept();
  const client = new TestClient(socket, "msgpack");
  const welcome = await client.nextKind("welcome");
  return { client, entityId: welcome.payload.entityId };
}
