// The names a room shows its players by (worker/src/room/room-names.ts): look-alikes numbered, profanity masked.
import { MAX_NAME_LENGTH } from "@edgehold/protocol/names";
import { describe, expect, it } from "vitest";
import { RoomNames } from "../src/room/room-names.ts";

describe("RoomNames", () => {
  it("numbers a name that looks like one already here; who came first keeps the plain one", () => {
    const names = new RoomNames();
    expect(names.claim("real", "Bob")).toBe("Bob");
    expect(names.claim("cyrillic", "\u0412ob")).toBe("\u0412ob 2");
    expect(names.claim("upper", "BOB")).toBe("BOB 3");
    expect(names.claim("zero", "B0b")).toBe("B0b 4");
    expect(names.claim("rob", "Rob")).toBe("Rob");
    // A player literally named "Bob 5" takes that; the next look-alike skips it.
    expect(names.claim("five", "Bob 5")).toBe("Bob 5");
    expect(names.claim("greek", "B\u03BFb")).toBe("B\u03BFb 6");
  });

  it("keeps a player's name while their base name is unchanged, and frees it when they leave", () => {
    const names = new RoomNames();
    names.claim("first", "Ann");
    expect(names.claim("second", "ann")).toBe("ann 2");
    expect(names.claim("second", "ann")).toBe("ann 2");
    names.release("first");
    expect(names.claim("second", "ann")).toBe("ann 2");
    expect(names.claim("third", "ANN")).toBe("ANN");
    // A new character's name is claimed afresh (and frees the old one).
    expect(names.claim("second", "Zed")).toBe("Zed");
    expect(names.claim("fourth", "Ann")).toBe("Ann 2");
  });

  it("cuts a long name so the numbered one still fits, and masks profanity", () => {
    const names = new RoomNames();
    const long = "A".repeat(MAX_NAME_LENGTH);
    expect(names.claim("one", long)).toBe(long);
    expect(names.claim("two", long)).toBe(`${"A".repeat(MAX_NAME_LENGTH - 2)} 2`);
    expect(names.claim("rude", "Shithead")).toBe("****head");
    expect(names.claim("rude2", "shithead")).toBe("****head 2");
  });
});
