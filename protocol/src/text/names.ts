/**
 * `@edgehold/protocol/names`: the name rule and the TR39 skeleton, one rule for the room, the characters API and
 * the page. A subpath of its own, not in the main index: the confusables table behind the skeleton is ~100 kB, and
 * the page loads it only where a name is typed (web/src/identity/use-name-check.ts), not on every page.
 */
export { checkName, MAX_NAME_LENGTH, NameProblem, ROLE_WORDS, type NameCheck } from "./name-rule.ts";
export { confusableForms, looksAlike, skeleton } from "./skeleton.ts";
