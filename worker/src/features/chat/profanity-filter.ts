import {
  asteriskCensorStrategy,
  createSimpleTransformer,
  englishDataset,
  englishRecommendedBlacklistMatcherTransformers,
  englishRecommendedWhitelistMatcherTransformers,
  RegExpMatcher,
  TextCensor,
} from "obscenity";

/**
 * Combining marks are read past: "f́̂uck" is the word with accents on, and obscenity's own transformers do not drop
 * them. (Chat text reaches the filter without invisible characters and with at most two marks per letter:
 * protocol's cleanChatText.) Matches still index the text as written, so the masking covers the marks too.
 */
const STACKING_MARK = /\p{M}/u;
const skipCombiningMarks = createSimpleTransformer((char) => (STACKING_MARK.test(String.fromCodePoint(char)) ? undefined : char));

/**
 * Masks profanity with `*` (obscenity's English dataset with its recommended transformers: leetspeak, repeated
 * letters and look-alike characters are caught; words that merely contain one, such as "Scunthorpe", are not), in
 * chat lines and in the names players are shown by (room-names.ts).
 * Built once per isolate: compiling the dataset's patterns is the expensive part, matching a line is ~0.05 ms.
 */
let shared: { matcher: RegExpMatcher; censor: TextCensor } | undefined;

function filter() {
  shared ??= {
    matcher: new RegExpMatcher({
      ...englishDataset.build(),
      blacklistMatcherTransformers: [skipCombiningMarks, ...englishRecommendedBlacklistMatcherTransformers],
      whitelistMatcherTransformers: [skipCombiningMarks, ...englishRecommendedWhitelistMatcherTransformers],
    }),
    censor: new TextCensor().setStrategy(asteriskCensorStrategy()),
  };
  return shared;
}

export function maskProfanity(text: string): string {
  const { matcher, censor } = filter();
  const matches = matcher.getAllMatches(text, true);
  return matches.length === 0 ? text : censor.applyTo(text, matches);
}
