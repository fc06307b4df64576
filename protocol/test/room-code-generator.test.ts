import { describe, expect, it } from "vitest";
import { ROOM_CODE_PATTERN } from "../src/constants.ts";
import { normaliseRoomCode } from "../src/room-code.ts";
import { ADJECTIVES, NOUNS, SUFFIX_ALPHABET, SUFFIX_GROUPS, randomRoomCode, uniformInt } from "../src/room-code-generator.ts";

describe("room codes", () => {
  it("generates readable codes that are valid room codes", () => {
    for (let i = 0; i < 200; i++) {
      const code = randomRoomCode();
      expect(code).toMatch(/^[a-z]+-[a-z]+-[2-9a-z]{3}-[2-9a-z]{4}$/);
      expect(code.length).toBeLessThanOrEqual(32);
      expect(code).toMatch(ROOM_CODE_PATTERN);
      expect(normaliseRoomCode(code)).toBe(code);
    }
  });

  it("carries at least 40 bits of randomness, from distinct symbols", () => {
    const suffixLength = SUFFIX_GROUPS.reduce((sum, n) => sum + n, 0);
    const bits = Math.log2(new Set(ADJECTIVES).size) + Math.log2(new Set(NOUNS).size) + suffixLength * Math.log2(new Set(SUFFIX_ALPHABET).size);
    expect(bits).toBeGreaterThanOrEqual(40);
    // Every symbol can turn up: the generator really draws from the whole alphabet.
    const seen = new Set(Array.from({ length: 400 }, () => randomRoomCode().split("-").slice(2).join("")).join(""));
    expect(seen.size).toBe(SUFFIX_ALPHABET.length);
    // The longest code still fits the protocol's 32 characters.
    const longest = (words: string[]) => Math.max(...words.map((w) => w.length));
    expect(longest(ADJECTIVES) + longest(NOUNS) + suffixLength + 1 + SUFFIX_GROUPS.length).toBeLessThanOrEqual(32);
  });

  it("draws without modulo bias: draws in the uneven top range of 2^32 are rejected", () => {
    // 2^32 = 107374182 × 40 + 16: the last 16 values would favour 0..15, so they are skipped.
    const draws = [0xffff_ffff, 0xffff_fff0, 41];
    expect(uniformInt(40, () => draws.shift()!)).toBe(1);
    expect(draws).toEqual([]);
    expect(uniformInt(40, () => 0xffff_ffef)).toBe(0xffff_ffef % 40);
  });

  it("uses the same generator for every part: a fixed source gives a fixed code", () => {
    expect(randomRoomCode(() => 0)).toBe(`${ADJECTIVES[0]}-${NOUNS[0]}-222-2222`);
  });
});
