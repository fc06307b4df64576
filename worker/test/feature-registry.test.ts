// The server's registry against the protocol's: every feature the wire knows has a server half the room runs, and
// the room runs no feature the wire does not know; what features declare between them (services, migrations) adds up.
import { defineFeature, FEATURES } from "@edgehold/protocol";
import { describe, expect, it } from "vitest";
import { SERVER_FEATURES } from "../src/features/registry.ts";
import type { RoomContext } from "../src/features/room-context.ts";
import { defineServerFeature, type AnyServerFeature, type FeatureSetup } from "../src/features/server-feature.ts";
import { defineService, provide } from "../src/features/services/define-service.ts";
import { RoomFeatures } from "../src/room/room-features.ts";
import { assertMigrationSets } from "../src/storage/migrations.ts";
import { roomMigrations } from "../src/storage/room-schema.ts";

describe("the server registry covers the protocol registry", () => {
  it("runs a server half of every protocol feature, and no server feature without one", () => {
    const served = SERVER_FEATURES.map((feature) => feature.protocol);
    // The very definitions (not look-alikes of the same name): the room's parser and the page's are built from them.
    for (const feature of FEATURES) expect(served.filter((each) => each === feature), feature.name).toHaveLength(1);
    for (const protocol of served) expect(FEATURES as readonly object[], protocol.name).toContain(protocol);
  });

  it("handles every command and collects every channel each protocol feature declares, and nothing else", () => {
    for (const feature of SERVER_FEATURES) {
      const { name, commands, channels } = feature.protocol;
      expect(Object.keys(feature.commands).sort(), `${name} commands`).toEqual(Object.keys(commands).sort());
      expect(Object.keys(feature.channels).sort(), `${name} channels`).toEqual(Object.keys(channels).sort());
    }
  });

  it("provides every service a feature uses, each by exactly one feature", () => {
    const providers = SERVER_FEATURES.flatMap((feature) => (feature.provides ?? []).map(({ key }) => key.name));
    expect(new Set(providers).size).toBe(providers.length);
    for (const feature of SERVER_FEATURES) {
      for (const key of feature.uses ?? []) expect(providers, `${feature.protocol.name} uses ${key.name}`).toContain(key.name);
    }
  });

  it("numbers each feature's migrations in its own namespace, and claims each number of the old global sequence once", () => {
    const sets = roomMigrations(RoomFeatures.migrations(SERVER_FEATURES));
    expect(() => assertMigrationSets(sets)).not.toThrow();
    for (const { owner } of sets.slice(1)) expect(SERVER_FEATURES.map((f) => f.protocol.name)).toContain(owner);
    // Rooms in the wild recorded these numbers (1–3 the room's, 4 build's, 10 combat's, 11 chat's): each is claimed.
    const legacy = sets.flatMap(({ owner, migrations }) => migrations.flatMap((m) => (m.legacyVersion === undefined ? [] : [[m.legacyVersion, owner]])));
    expect(Object.fromEntries(legacy)).toEqual({ 1: "room", 2: "room", 3: "room", 4: "build", 10: "combat", 11: "chat" });
  });
});

describe("services between features", () => {
  // Test-only features without wire or state: `greeter` provides a service, `listener` uses it on each tick.
  const greeting = defineService<{ hello(): string }>("greeting");
  const nothing = { commands: {}, channels: {} };
  const greeter = defineServerFeature(defineFeature("greeter", { commands: {}, events: {}, channels: {} }), {
    ...nothing,
    state: () => "hello from greeter",
    provides: [provide(greeting, (state: string) => ({ hello: () => state }))],
  });
  const heard: (string | undefined)[] = [];
  const listener = defineServerFeature(defineFeature("listener", { commands: {}, events: {}, channels: {} }), {
    ...nothing,
    uses: [greeting],
    hooks: { tick: (context) => void heard.push(context.service(greeting)?.hello()) },
  });
  const eavesdropper = defineServerFeature(defineFeature("eavesdropper", { commands: {}, events: {}, channels: {} }), {
    ...nothing,
    hooks: { tick: (context) => void context.service(greeting) },
  });
  const running = (list: readonly AnyServerFeature[]) => new RoomFeatures(list, {} as RoomContext, {} as FeatureSetup);

  it("hands a feature the service another provides; none when the room runs no provider", () => {
    heard.length = 0;
    running([listener, greeter]).tick();
    running([listener]).tick();
    expect(heard).toEqual(["hello from greeter", undefined]);
  });

  it("refuses two providers of one service, and a service asked for without declaring it in `uses`", () => {
    expect(() => running([greeter, greeter])).toThrow(/two features provide service "greeting"/);
    expect(() => running([greeter, eavesdropper]).tick()).toThrow(/eavesdropper uses service "greeting" without declaring it/);
  });
});
