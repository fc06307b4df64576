// A party's version (its count of changes, stamped on what it tells rooms) and the room's memory of the versions it
// applied (features/party/party-versions.ts). The ordering itself, over real sockets: party-lookup-race.test.ts.
import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { PartyVersions } from "../src/features/party/party-versions.ts";
import { PartyDurableObject } from "../src/parties/party-durable-object.ts";
import { PARTY_MIGRATIONS } from "../src/parties/party-schema.ts";
import { migrate } from "../src/storage/migrations.ts";
import { players } from "./support/party-api.ts";

describe("party versions", () => {
  it("a party stored before versions existed gets its version when its object next starts, and counts on from 0", async () => {
    const [ann, bob] = players("old", 2);
    const partyId = `old-party-${ann}`;
    await runInDurableObject(env.PARTIES.get(env.PARTIES.idFromName(partyId)), async (_instance, state) => {
      // What an older build left: the first migration only, a party of one.
      migrate(state.storage, [{ owner: "party", migrations: PARTY_MIGRATIONS.slice(0, 1) }]);
      state.storage.sql.exec("INSERT INTO party (id, leader, created_at) VALUES (?, ?, ?)", partyId, ann, 1);
      state.storage.sql.exec("INSERT INTO party_members (player_id, joined_at) VALUES (?, ?)", ann, 1);
      expect(state.storage.sql.exec("SELECT name FROM pragma_table_info('party') WHERE name = 'version'").toArray()).toEqual([]);

      // The object starts again on that storage (as after a deploy).
      const party = new PartyDurableObject(state, env);
      expect(await party.info()).toEqual({ id: partyId, leader: ann, members: [ann], invites: [] });
      expect((await party.invite(ann, bob)).ok).toBe(true);
      expect((await party.join(bob, null)).ok).toBe(true);
      expect(state.storage.sql.exec<{ version: number }>("SELECT version FROM party").one().version).toBe(1);
    });
  });

  it("a room's memory: older is stale, the same version is not; an ended party stays ended; the last 256 ended are kept", () => {
    const versions = new PartyVersions();
    expect(versions.isStale("p", 0)).toBe(false);
    versions.applied("p", 3, false);
    expect(versions.isStale("p", 2)).toBe(true);
    expect(versions.isStale("p", 3)).toBe(false);
    versions.applied("p", 4, true);
    expect(versions.isStale("p", 3)).toBe(true);
    // A party nobody present is in any more is forgotten: its next word is taken as is.
    versions.applied("q", 7, false);
    versions.forget("q");
    expect(versions.isStale("q", 1)).toBe(false);
    for (let i = 0; i < 256; i++) versions.applied(`ended-${i}`, 5, true);
    expect(versions.isStale("p", 3)).toBe(false);
    expect(versions.isStale("ended-0", 4)).toBe(true);
    expect(versions.isStale("ended-255", 4)).toBe(true);
  });
});
