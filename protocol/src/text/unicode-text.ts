/**
 * Unicode pieces shared by the name rule and chat text: what counts as invisible, and how combining marks stack.
 * Text reaching these is NFKC-normalised first (compatibility forms such as full-width letters and ligatures fold
 * into the plain ones, and precomposed letters like "é" count as letters).
 */

/**
 * Invisible characters: format characters (zero-width space, soft hyphen, bidi controls and marks, tags, …) and
 * the other default-ignorable ones (Hangul fillers, the combining grapheme joiner, variation selectors): they
 * change nothing a reader sees, so they only serve to slip a word past a filter or to fake a name.
 */
export const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/u;

/**
 * In chat, the invisible characters that go — every one of them except variation selectors (an emoji's text or
 * picture form) and the two kinds of sequence that build one emoji: a zero-width joiner between pictographs
 * (👩‍💻, 🏳️‍🌈) and a flag's tag sequence (🏴 + tag letters + cancel tag). The first capture keeps such a sequence
 * whole; anything else the pattern matches is stripped.
 */
const STRIPPED_FROM_CHAT =
  /(\p{Extended_Pictographic}(?:[\p{Emoji_Modifier}\uFE0F]{0,2}\u200D\p{Extended_Pictographic})+|\u{1F3F4}[\u{E0020}-\u{E007E}]{1,30}\u{E007F})|(?!\p{Variation_Selector})[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;

/** `text` without invisible characters, keeping those that are part of an emoji (see STRIPPED_FROM_CHAT). */
export function stripInvisible(text: string): string {
  return text.replace(STRIPPED_FROM_CHAT, (_, emoji: string | undefined) => emoji ?? "");
}

/**
 * How many stacking combining marks one letter may carry: two covers every living orthography in NFKC form
 * (Vietnamese ệ, Thai vowel + tone mark), and a third onward is what "Zalgo" text piles up to climb out of a line.
 */
export const MAX_MARKS_PER_LETTER = 2;

/**
 * Marks that stack on their letter: nonspacing and enclosing ones. Spacing marks (most Indic vowel signs) take
 * room beside the letter like one, so they neither count nor end a letter's run.
 */
const STACKING_MARK = /[\p{Mn}\p{Me}]/u;
const SPACING_MARK = /\p{Mc}/u;

/** `text` with every letter's stacking marks beyond MAX_MARKS_PER_LETTER removed (marks at the start count too). */
export function capCombiningMarks(text: string): string {
  let out = "";
  let marks = 0;
  for (const char of text) {
    if (STACKING_MARK.test(char)) {
      if (++marks > MAX_MARKS_PER_LETTER) continue;
    } else if (!SPACING_MARK.test(char)) marks = 0;
    out += char;
  }
  return out;
}

/** Whether any letter of `text` carries more than MAX_MARKS_PER_LETTER stacking marks. */
export function hasMarkStack(text: string): boolean {
  return capCombiningMarks(text) !== text;
}

/** Characters as a reader counts them (code points: an emoji is one, not two UTF-16 units). */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
