import { confusableForms } from "./skeleton.ts";
import { codePointLength, hasMarkStack, INVISIBLE, MAX_MARKS_PER_LETTER } from "./unicode-text.ts";

/**
 * The one rule for the names players show (a display name and a character's name alike), run by the room, the
 * characters API and the page's forms. Profanity is not refused here but masked by the worker, which holds the
 * filter (worker/src/room/player-name.ts).
 */

/** Names render above avatars and in every list: long enough for "Sir Reginald the Brave", short enough to fit. */
export const MAX_NAME_LENGTH = 24;

export const NameProblem = {
  empty: "empty",
  tooLong: "too_long",
  invisible: "invisible",
  characters: "characters",
  loneMark: "lone_mark",
  markStack: "mark_stack",
  roleWord: "role_word",
} as const;
export type NameProblem = (typeof NameProblem)[keyof typeof NameProblem];

export type NameCheck = { ok: true; name: string } | { ok: false; problem: NameProblem; message: string };

/**
 * Words that pose as the room's or the game's roles: a player named so could pass for whoever runs the room
 * ("Owner", "Bob the Admin") in chat and `/who`. Compared as whole words, under their look-alikes.
 */
export const ROLE_WORDS = ["owner", "admin", "administrator", "system", "moderator", "mod"] as const;

/** Letters and digits of any script, combining marks (on a letter: see below), space and `._-`. */
const ALLOWED = /^[\p{L}\p{Nd}\p{M} ._-]+$/u;
/** A combining mark at the start or after a space or `._-`: it has no letter of its own to sit on. */
const LONE_MARK = /(?:^|[ ._-])\p{M}/u;

const NEEDS_LETTER = "a name needs at least one letter or digit";

/**
 * `raw` as a name: NFKC-normalised (full-width and styled letters fold into plain ones), trimmed, runs of spaces
 * made one — or the first problem found, with a message a person can act on.
 */
export function checkName(raw: string): NameCheck {
  const name = raw.normalize("NFKC").trim().replace(/ {2,}/g, " ");
  const refuse = (problem: NameProblem, message: string): NameCheck => ({ ok: false, problem, message });
  if (name === "") return refuse(NameProblem.empty, NEEDS_LETTER);
  const length = codePointLength(name);
  if (length > MAX_NAME_LENGTH) return refuse(NameProblem.tooLong, `a name has at most ${MAX_NAME_LENGTH} characters (this one has ${length})`);
  if (INVISIBLE.test(name)) return refuse(NameProblem.invisible, "a name may not hold invisible, format or direction-changing characters");
  if (!ALLOWED.test(name)) return refuse(NameProblem.characters, "a name holds letters, digits, spaces and . _ - only");
  if (!/[\p{L}\p{Nd}]/u.test(name)) return refuse(NameProblem.empty, NEEDS_LETTER);
  if (LONE_MARK.test(name)) return refuse(NameProblem.loneMark, "an accent or other combining mark must sit on a letter");
  if (hasMarkStack(name)) return refuse(NameProblem.markStack, `a letter may carry at most ${MAX_MARKS_PER_LETTER} accents or other combining marks`);
  const role = roleWordIn(name);
  if (role) return refuse(NameProblem.roleWord, `a name may not pose as a role ("${role}")`);
  return { ok: true, name };
}

/**
 * Every confusable form (see confusableForms) of each role word as written in lower, upper and title case: "ADMIN"
 * as typed skeletons to "admln" (an upper-case I looks like an l), which only the upper-case spelling yields.
 */
const ROLE_FORMS = new Map<string, string>(
  ROLE_WORDS.flatMap((word) =>
    [word, word.toUpperCase(), word[0]!.toUpperCase() + word.slice(1)].flatMap((spelling) => confusableForms(spelling).map((form) => [form, word] as const)),
  ),
);

/**
 * The role word a name poses as, if any. The name's words are read two ways, so that neither digits nor case hide
 * one: split at spaces and `._-` (digits kept, "0wner" skeletons to "owner"), and split at every non-letter and
 * at case changes ("Owner1", "TheOwner", "xXAdminXx"). A word matches a role word, or its plural, under any
 * confusable form. Whole words only: "Badminton", "Downer" and "Systematic" are names, not roles.
 */
function roleWordIn(name: string): string | undefined {
  const bySeparators = name.split(/[ ._-]+/);
  const byLettersAndCase = name.match(/\p{Lu}[\p{Ll}\p{M}]+|\p{Lu}+(?![\p{Ll}\p{M}])|[\p{Ll}\p{Lo}\p{Lm}\p{Lt}\p{M}]+/gu) ?? [];
  for (const word of [...bySeparators, ...byLettersAndCase]) {
    for (const spelling of /s$/i.test(word) ? [word, word.slice(0, -1)] : [word]) {
      for (const form of confusableForms(spelling)) {
        const role = ROLE_FORMS.get(form);
        if (role) return role;
      }
    }
  }
  return undefined;
}
