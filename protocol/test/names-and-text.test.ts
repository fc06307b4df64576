// The name rule, the TR39 skeleton and chat text cleaning (ARCHITECTURE.md "Fair play": Names, Chat text).
import { describe, expect, it } from "vitest";
import { cleanChatText } from "../src/index.ts";
import { checkName, confusableForms, looksAlike, MAX_NAME_LENGTH, NameProblem, skeleton, type NameCheck } from "../src/text/names.ts";

const problemOf = (raw: string) => {
  const checked: NameCheck = checkName(raw);
  return checked.ok ? `ok: ${checked.name}` : checked.problem;
};

describe("checkName", () => {
  it("accepts letters and digits of any script, space and ._-, NFKC-normalised, trimmed, spaces made one", () => {
    for (const name of ["Bob", "Jürgen-Müller", "li.wei_99", "Жанна", "李小龙", "محمد", "ệ", "क़ीं", "Ωμέγα", "B"]) {
      expect(checkName(name)).toEqual({ ok: true, name });
    }
    // Full-width and mathematical letters fold into plain ones; the ligature "ﬁ" into "fi".
    expect(checkName("ＢＯＢ")).toEqual({ ok: true, name: "BOB" });
    expect(checkName("\u{1D401}ob")).toEqual({ ok: true, name: "Bob" });
    expect(checkName("ﬁona")).toEqual({ ok: true, name: "fiona" });
    expect(checkName("  Big \u3000  Bob  ")).toEqual({ ok: true, name: "Big Bob" });
    // A composed and a decomposed "é" are the same name.
    expect(checkName("Rene\u0301")).toEqual({ ok: true, name: "René" });
  });

  it("counts length in characters after normalisation: 1 to 24", () => {
    expect(problemOf("a".repeat(MAX_NAME_LENGTH))).toBe(`ok: ${"a".repeat(24)}`);
    expect(problemOf("a".repeat(MAX_NAME_LENGTH + 1))).toBe(NameProblem.tooLong);
    // 24 astral letters are 48 UTF-16 units and still 24 characters.
    expect(problemOf("\u{10330}".repeat(24))).toBe(`ok: ${"\u{10330}".repeat(24)}`);
    // Seven "㍿" are 7 characters as typed and 28 once NFKC spells each out as "株式会社".
    expect(problemOf("㍿".repeat(7))).toBe(NameProblem.tooLong);
    for (const empty of ["", "   ", "\u3000", "___", "-.-"]) expect(problemOf(empty)).toBe(NameProblem.empty);
  });

  it("refuses control, format, bidi and other invisible characters", () => {
    for (const raw of ["Bo\u200Bb", "Bo\u200Db", "\u202EboB", "Bob\u2066", "Bo\u00ADb", "Bob\u3164", "\u115FBob", "Bo\uFE0Fb", "Bob\u{E0041}", "Bo\u034Fb"]) {
      expect(problemOf(raw), JSON.stringify(raw)).toBe(NameProblem.invisible);
    }
    for (const raw of ["Bob\tSmith", "Bob\nSmith", "Bob\u0000"]) expect(problemOf(raw), JSON.stringify(raw)).not.toMatch(/^ok/);
  });

  it("refuses symbols, punctuation and emoji, which is what a fake owner tag is made of", () => {
    for (const raw of ["Bob (owner)", "Bob [mod]", "Bob!", "B@b", "Bob 😀", "Bob♥", "O'Brien", "Bob/2", "★Bob★"]) {
      expect(problemOf(raw), raw).toBe(NameProblem.characters);
    }
  });

  it("refuses combining marks with no letter to sit on, and more than 2 on one letter", () => {
    expect(problemOf("\u0301Bob")).toBe(NameProblem.loneMark);
    expect(problemOf("Bob \u0301")).toBe(NameProblem.loneMark);
    expect(problemOf("Bob-\u0308x")).toBe(NameProblem.loneMark);
    expect(problemOf(`B${"\u0336".repeat(10)}ob`)).toBe(NameProblem.markStack);
    expect(problemOf("B\u0336\u0337ob")).toBe("ok: B\u0336\u0337ob");
    expect(problemOf("B\u0336\u0337\u0338ob")).toBe(NameProblem.markStack);
  });

  it("refuses words that pose as roles, in any case, spelling or look-alike, as whole words only", () => {
    const roles = ["Owner", "ADMIN", "admin", "Owner_1", "Owner1", "owner-bob", "Bob the Owner", "TheOwner", "xXAdminXx", "OWNer", "0wner", "ADM1N",
      "\u041Ewner", "Syst\u0435m", "Moderators", "Mod", "Administrator", "sys.admin", "ＯＷＮＥＲ", "SYSTEM"];
    for (const raw of roles) expect(problemOf(raw), raw).toBe(NameProblem.roleWord);
    for (const raw of ["Downer", "Badminton", "Systematic", "Modest", "Adminah", "Towner 2", "Bob"]) expect(problemOf(raw), raw).toMatch(/^ok/);
    expect(checkName("Bob the Admin")).toMatchObject({ ok: false, message: 'a name may not pose as a role ("admin")' });
  });
});

describe("the TR39 skeleton", () => {
  it("gives look-alikes one skeleton: Latin and Cyrillic Bob, paypal with a Cyrillic а, digits that look like letters", () => {
    expect(skeleton("\u0412ob")).toBe(skeleton("Bob"));
    expect(skeleton("p\u0430ypal")).toBe(skeleton("paypal"));
    expect(skeleton("B0b")).toBe(skeleton("BOb"));
    expect(skeleton("rn")).toBe(skeleton("m"));
    expect(skeleton("Bob")).not.toBe(skeleton("Rob"));
  });

  it("compares names case aside and across I/l: looksAlike", () => {
    expect(looksAlike("Bob", "\u0412ob")).toBe(true);
    expect(looksAlike("BOB", "bob")).toBe(true);
    expect(looksAlike("BIake", "Blake")).toBe(true);
    expect(looksAlike("Bill", "BILL")).toBe(true);
    expect(looksAlike("paypal", "p\u0430yp\u0430l")).toBe(true);
    expect(looksAlike("Bob", "Bob 2")).toBe(false);
    expect(looksAlike("Ann", "Anna")).toBe(false);
    // As typed, the Cyrillic В and the Latin B share a skeleton; in lower case they do not (в looks like ʙ).
    expect(confusableForms("\u0412ob 2")).toEqual(["bob 2", "\u0299ob 2"]);
  });
});

describe("cleanChatText", () => {
  it("strips format characters, so a zero-width space cannot split a word; the joiners of an emoji stay", () => {
    expect(cleanChatText("f\u200Buck")).toBe("fuck");
    expect(cleanChatText("f\u200Cu\u2060c\u00ADk\uFEFF")).toBe("fuck");
    expect(cleanChatText("sh\u3164it")).toBe("shit");
    expect(cleanChatText("a\u200Db")).toBe("ab");
    const emoji = ["👨\u200D👩\u200D👧", "🏳\uFE0F\u200D🌈", "👩🏽\u200D💻", "❤\uFE0F\u200D🔥", "🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}", "1\uFE0F\u20E3"];
    for (const sequence of emoji) expect(cleanChatText(`look ${sequence}!`)).toBe(`look ${sequence}!`);
    // A tag sequence that is not a flag is invisible text: it goes.
    expect(cleanChatText("hi\u{E0068}\u{E0069}")).toBe("hi");
  });

  it("NFKC-normalises: full-width and styled letters are plain ones", () => {
    expect(cleanChatText("ｆｕｃｋ")).toBe("fuck");
    expect(cleanChatText("\u{1D41F}\u{1D42E}\u{1D41C}\u{1D424}")).toBe("fuck");
    expect(cleanChatText("cafe\u0301")).toBe("café");
  });

  it("keeps at most 2 combining marks on a letter: 10 become 2", () => {
    const ten = "\u0336\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309";
    expect(cleanChatText(`x${ten}y`)).toBe("x\u0336\u0301y");
    expect(cleanChatText(`${ten}start`)).toBe("\u0336\u0301start");
    // Vietnamese and Thai keep theirs; an Indic spacing vowel sign does not count as a stacked mark.
    for (const text of ["Tiếng Việt", "ที่นี่", "क़ीं"]) expect(cleanChatText(text)).toBe(text);
  });

  it("is a fixed point: cleaning a clean line changes nothing", () => {
    const samples = ["f\u200Buck", `Z${"\u0300".repeat(30)}algo`, "ＡＢＣ ﬁ ①", "👨\u200D👩\u200D👧 \u202Eevil", "e\u0301\u0302\u0303\u0304"];
    for (const sample of samples) {
      const clean = cleanChatText(sample);
      expect(cleanChatText(clean)).toBe(clean);
    }
  });
});
