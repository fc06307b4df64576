// The page's feature seam: `event` envelopes go to the client feature that owns them, by feature and action.
import {
  channel,
  createProtocol,
  defineFeature,
  event,
  FEATURES,
  PROTOCOL_VERSION,
  type PresenceFields,
} from "@edgehold/protocol";
import { afterEach, describe, expect, it, vi } from "vitest";
import { defineClientFeature, type ClientFeatureContext } from "../src/features/client-feature.ts";
import { ClientFeatureRegistry } from "../src/features/feature-registry.ts";
import { CLIENT_FEATURES } from "../src/features/registry.ts";
import { ClientFixture } from "./support/client-fixture.ts";

/** A feature that exists only in this file: its protocol half and its client half. */
const pingPongFeature = defineFeature("ping_pong", {
  commands: {},
  events: { scored: event<{ by: string; points: number }>() },
  channels: { ball: channel<{ x: number }>() },
});
const pingPongProtocol = createProtocol([...FEATURES, pingPongFeature]);

const presence = (name: string): PresenceFields => ({
  kind: "player", playerId: `user_${name.toLowerCase()}`, name, connected: true, characterId: "c1", characterClass: "warrior", color: "#e8590c", cosmetics: "",
});

const texts = (f: ClientFixture) => f.client.events.lines.map((e) => e.text);

afterEach(() => {
  vi.restoreAllMocks();
});

describe("client features: events dispatched by feature", () => {
  it("hands a test-only feature's event to its handler, with the payload and the room context", async () => {
    const received: Array<{ payload: { by: string; points: number }; roomCode: string }> = [];
    const pingPongClient = defineClientFeature(pingPongFeature, {
      events: {
        scored: (payload, context: ClientFeatureContext) => {
          received.push({ payload, roomCode: context.roomCode });
          context.notify(`${payload.by} scored ${payload.points}`);
        },
      },
      channels: { ball: "latest" },
    });
    const f = new ClientFixture({ features: [...CLIENT_FEATURES, pingPongClient] });
    await f.welcome();
    f.socket.deliver(
      pingPongProtocol.encodeServerMessage({ v: PROTOCOL_VERSION, kind: "event", feature: "ping_pong", action: "scored", payload: { by: "alice", points: 3 } }, "msgpack"),
    );
    expect(received).toEqual([{ payload: { by: "alice", points: 3 }, roomCode: "room1" }]);
    expect(texts(f)).toEqual(["alice scored 3"]);
    f.client.dispose();
  });

  it("shows a presence leave with the leaver's name from the presence channel", async () => {
    const f = new ClientFixture();
    await f.welcome();
    f.snapshot("full", 3, 0, { presence: { set: { "1": presence("Me"), "2": presence("Bob") } } });
    f.send({ v: PROTOCOL_VERSION, kind: "event", feature: "presence", action: "join", payload: { entityId: "3", playerId: "user_cy", name: "Cy" } });
    f.send({ v: PROTOCOL_VERSION, kind: "event", feature: "presence", action: "leave", payload: { entityId: "2", playerId: "user_bob", reason: "closed" } });
    expect(texts(f)).toEqual(["Cy joined", "Bob left (closed)"]);
    f.client.dispose();
  });

  it("names a leaver the client never saw in a snapshot by player id", async () => {
    const f = new ClientFixture();
    await f.welcome();
    f.send({ v: PROTOCOL_VERSION, kind: "event", feature: "presence", action: "leave", payload: { entityId: "9", playerId: "user_zed", reason: "kicked" } });
    expect(texts(f)).toEqual(["user_zed left (kicked)"]);
    f.client.dispose();
  });

  it("ignores an event no feature owns (with a console.debug), never showing it as a player leaving", async () => {
    const debug = vi.spyOn(console, "debug").mockImplementation(() => {});
    const f = new ClientFixture();
    await f.welcome();
    const before = f.resumeStore.load("room1");
    // A feature this page does not have, and an action the presence feature does not define.
    f.socket.deliver(
      pingPongProtocol.encodeServerMessage({ v: PROTOCOL_VERSION, kind: "event", feature: "ping_pong", action: "scored", payload: { by: "alice", points: 3 } }, "msgpack"),
    );
    f.send({ v: PROTOCOL_VERSION, kind: "event", feature: "presence", action: "wave", payload: { entityId: "2" } } as never);
    expect(texts(f)).toEqual([]);
    expect(f.resumeStore.load("room1")).toBe(before);
    expect(debug).toHaveBeenCalledTimes(2);
    expect(String(debug.mock.calls[0]![0])).toContain("ping_pong.scored");
    expect(String(debug.mock.calls[1]![0])).toContain("presence.wave");
    // The client carries on: a later known event still lands.
    f.send({ v: PROTOCOL_VERSION, kind: "event", feature: "presence", action: "join", payload: { entityId: "3", playerId: "user_cy", name: "Cy" } });
    expect(texts(f)).toEqual(["Cy joined"]);
    f.client.dispose();
  });
});

describe("client features: the registry", () => {
  it("has a client half for every built-in protocol feature, and a replication policy for every channel", () => {
    const registry = new ClientFeatureRegistry(CLIENT_FEATURES);
    const builtIn = new Set<string>(FEATURES.map((f) => f.name));
    expect(CLIENT_FEATURES.map((f) => f.protocol.name).filter((name) => builtIn.has(name)).sort()).toEqual([...builtIn].sort());
    // A page-only feature (wildlife: creatures drawn from other features' channels) has no wire of its own.
    for (const feature of CLIENT_FEATURES.filter((f) => !builtIn.has(f.protocol.name))) {
      const { commands, events, channels } = feature.protocol;
      expect([...Object.keys(commands), ...Object.keys(events), ...Object.keys(channels)], feature.protocol.name).toEqual([]);
    }
    for (const feature of FEATURES) {
      for (const name of Object.keys(feature.channels)) expect(registry.replicationOf(name), name).toBeDefined();
    }
    expect(registry.replicationOf("movement")).toBe("interpolated");
    expect(registry.replicationOf("presence")).toBe("latest");
  });

  it("refuses two client halves of one feature", () => {
    expect(() => new ClientFeatureRegistry([...CLIENT_FEATURES, CLIENT_FEATURES[0]!])).toThrow(/two client features/);
  });
});
