import unhomoglyph from "unhomoglyph";

/**
 * The Unicode TR39 skeleton (UTS #39 §4): NFD, then every character replaced by its prototype from the Unicode
 * confusables data, then NFD again. Two strings that look alike ("Bob" in Latin, "Вob" with a Cyrillic В;
 * "paypal", "pаypal") have the same skeleton. The mapping step is the `unhomoglyph` package (nodeca, MIT): the
 * confusables.txt table as plain data with a one-line replacer and no Node APIs, so it runs in workerd and the page
 * alike. A skeleton is for comparing, never for showing ("m" becomes "rn").
 */
export function skeleton(text: string): string {
  return unhomoglyph(text.normalize("NFD")).normalize("NFD");
}

/**
 * The forms under which two names count as the same name: their skeletons compared without case, taken both from
 * the name as typed (so an upper-case I and a lower-case l, which look alike, match: "BIake" / "Blake") and from
 * the name in lower case (so "BOB" and "bob", which the confusables data does not relate, match). Two names are
 * confusable when they share any form.
 */
export function confusableForms(name: string): [asTyped: string, lowerCase: string] {
  return [skeleton(name).toLowerCase(), skeleton(name.toLowerCase()).toLowerCase()];
}

/** Whether `a` and `b` are confusable (see confusableForms). */
export function looksAlike(a: string, b: string): boolean {
  const formsOfB = confusableForms(b);
  return confusableForms(a).some((form) => formsOfB.includes(form));
}
