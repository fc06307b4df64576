import { fnvString } from "@edgehold/sim-core";
import { checkName } from "@edgehold/protocol/names";

/** The fixed list of classes a character can have. */
export const CharacterClass = {
  warrior: "warrior",
  ranger: "ranger",
  mage: "mage",
  rogue: "rogue",
} as const;
export type CharacterClass = (typeof CharacterClass)[keyof typeof CharacterClass];
export const CHARACTER_CLASSES = Object.values(CharacterClass);

/** Cosmetics a character may wear (at most MAX_COSMETICS at once). */
export const COSMETICS = ["hat", "cape", "scarf", "glasses", "crown", "backpack"] as const;
export type Cosmetic = (typeof COSMETICS)[number];

/** Eight is enough for alts without letting one account fill a database. */
export const MAX_CHARACTERS_PER_ACCOUNT = 8;
export const MAX_COSMETICS = 3;
export const COLOR_PATTERN = /^#[0-9a-f]{6}$/;

export interface Appearance {
  /** `#rrggbb`, lower case. */
  color: string;
  cosmetics: Cosmetic[];
}

export interface Character {
  id: string;
  name: string;
  characterClass: CharacterClass;
  appearance: Appearance;
  createdAt: string;
}

export interface NewCharacter {
  name: string;
  characterClass: CharacterClass;
  appearance: Appearance;
}

/** A field that failed validation, named so a form can point at it. */
export class CharacterValidationError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Untrusted REST body → a new character, or a CharacterValidationError naming the field. */
export function parseNewCharacter(body: unknown): NewCharacter {
  const input = asObject(body);
  return {
    name: parseName(input.name),
    characterClass: parseClass(input.class),
    appearance: parseAppearance(input.appearance ?? {}, { color: defaultColor(String(input.name ?? "")), cosmetics: [] }),
  };
}

/** Untrusted PATCH body → the new appearance (fields not given keep their current values). */
export function parseAppearancePatch(body: unknown, current: Appearance): Appearance {
  const input = asObject(body);
  if (input.appearance === undefined) throw new CharacterValidationError("appearance", "appearance is required");
  return parseAppearance(input.appearance, current);
}

function parseAppearance(value: unknown, current: Appearance): Appearance {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new CharacterValidationError("appearance", "appearance must be an object");
  }
  const { color, cosmetics } = value as Record<string, unknown>;
  const next: Appearance = { color: current.color, cosmetics: [...current.cosmetics] };
  if (color !== undefined) {
    if (typeof color !== "string" || !COLOR_PATTERN.test(color.toLowerCase())) {
      throw new CharacterValidationError("appearance.color", "color must be a #rrggbb hex colour");
    }
    next.color = color.toLowerCase();
  }
  if (cosmetics !== undefined) {
    if (!Array.isArray(cosmetics) || cosmetics.length > MAX_COSMETICS) {
      throw new CharacterValidationError("appearance.cosmetics", `cosmetics must be a list of at most ${MAX_COSMETICS}`);
    }
    const unique = new Set<Cosmetic>();
    for (const item of cosmetics) {
      if (typeof item !== "string" || !(COSMETICS as readonly string[]).includes(item)) {
        throw new CharacterValidationError("appearance.cosmetics", `unknown cosmetic; choose from ${COSMETICS.join(", ")}`);
      }
      unique.add(item as Cosmetic);
    }
    next.cosmetics = [...unique];
  }
  return next;
}

/** The protocol's name rule (the page's form runs the same one); the stored name is the normalised one. */
function parseName(value: unknown): string {
  if (typeof value !== "string") throw new CharacterValidationError("name", "name must be a string");
  const checked = checkName(value);
  if (!checked.ok) throw new CharacterValidationError("name", checked.message);
  return checked.name;
}

function parseClass(value: unknown): CharacterClass {
  if (typeof value !== "string" || !(CHARACTER_CLASSES as string[]).includes(value)) {
    throw new CharacterValidationError("class", `class must be one of ${CHARACTER_CLASSES.join(", ")}`);
  }
  return value as CharacterClass;
}

function asObject(body: unknown): Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new CharacterValidationError("body", "the request body must be a JSON object");
  }
  return body as Record<string, unknown>;
}

/** A stable colour from a string, for default characters and characters created without one. */
export function defaultColor(seed: string): string {
  const palette = ["#e8590c", "#1c7ed6", "#2f9e44", "#ae3ec9", "#f08c00", "#0ca678", "#e03131", "#4263eb"];
  return palette[fnvString(seed) % palette.length]!;
}
