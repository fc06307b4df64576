/**
 * A strict parser of the Prometheus text exposition format (0.0.4), for checking what `/api/admin/metrics` serves:
 * every line is a `# HELP`, a `# TYPE` or a sample; names and label names are valid; label values are quoted with
 * only the format's escapes; values are floats; a family's HELP and TYPE come before its samples and at most once;
 * a family's samples are contiguous; no series appears twice. Throws naming the line for anything else.
 */
export interface ParsedFamily {
  name: string;
  help?: string;
  type?: string;
  samples: { name: string; labels: Record<string, string>; value: number }[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(["counter", "gauge", "histogram", "summary", "untyped"]);

export function parseExposition(text: string): Map<string, ParsedFamily> {
  if (!text.endsWith("\n")) throw new Error("the exposition must end with a line feed");
  const families = new Map<string, ParsedFamily>();
  const seriesSeen = new Set<string>();
  let current: ParsedFamily | undefined;
  const family = (name: string, at: number) => {
    let found = families.get(name);
    if (found && found !== current) throw new Error(`line ${at}: family ${name} is not contiguous`);
    if (!found) families.set(name, (found = { name, samples: [] }));
    current = found;
    return found;
  };
  text.slice(0, -1).split("\n").forEach((line, index) => {
    const at = index + 1;
    if (line.trim() === "") return;
    if (line.startsWith("#")) {
      const match = /^# (HELP|TYPE) (\S+) (.*)$/.exec(line);
      if (!match) {
        if (/^# (HELP|TYPE)/.test(line)) throw new Error(`line ${at}: malformed ${line}`);
        return; // a plain comment
      }
      const [, keyword, name, rest] = match as unknown as [string, string, string, string];
      if (!METRIC_NAME.test(name)) throw new Error(`line ${at}: bad metric name ${name}`);
      const f = family(name, at);
      if (keyword === "HELP") {
        if (f.help !== undefined) throw new Error(`line ${at}: second HELP for ${name}`);
        f.help = rest;
      } else {
        if (f.type !== undefined) throw new Error(`line ${at}: second TYPE for ${name}`);
        if (f.samples.length > 0) throw new Error(`line ${at}: TYPE for ${name} after its samples`);
        if (!TYPES.has(rest)) throw new Error(`line ${at}: unknown type ${rest}`);
        f.type = rest;
      }
      return;
    }
    const { name, labels, rest } = sampleHead(line, at);
    const familyName = current && (name === current.name || (["summary", "histogram"].includes(current.type ?? "") && /_(sum|count|bucket)$/.test(name) && name.replace(/_(sum|count|bucket)$/, "") === current.name)) ? current.name : name;
    const f = family(familyName, at);
    const [valueText, timestamp, extra] = rest.trim().split(/\s+/);
    if (extra !== undefined || valueText === undefined) throw new Error(`line ${at}: expected a value and an optional timestamp`);
    if (timestamp !== undefined && !/^-?\d+$/.test(timestamp)) throw new Error(`line ${at}: bad timestamp ${timestamp}`);
    const value = parseValue(valueText, at);
    const key = `${name}{${Object.entries(labels).sort().map(([k, v]) => `${k}=${v}`).join(",")}}`;
    if (seriesSeen.has(key)) throw new Error(`line ${at}: series ${key} appears twice`);
    seriesSeen.add(key);
    f.samples.push({ name, labels, value });
  });
  return families;
}

function sampleHead(line: string, at: number): { name: string; labels: Record<string, string>; rest: string } {
  const nameMatch = /^([a-zA-Z_:][a-zA-Z0-9_:]*)/.exec(line);
  if (!nameMatch) throw new Error(`line ${at}: not a sample: ${line}`);
  const name = nameMatch[1]!;
  let i = name.length;
  const labels: Record<string, string> = {};
  if (line[i] === "{") {
    i++;
    while (line[i] !== "}") {
      const labelMatch = /^([a-zA-Z_][a-zA-Z0-9_]*)="/.exec(line.slice(i));
      if (!labelMatch || !LABEL_NAME.test(labelMatch[1]!)) throw new Error(`line ${at}: bad label at column ${i}`);
      i += labelMatch[0].length;
      let value = "";
      for (;;) {
        const ch = line[i];
        if (ch === undefined) throw new Error(`line ${at}: unterminated label value`);
        if (ch === '"') break;
        if (ch === "\\") {
          const next = line[i + 1];
          if (next === "\\") value += "\\";
          else if (next === '"') value += '"';
          else if (next === "n") value += "\n";
          else throw new Error(`line ${at}: bad escape \\${next}`);
          i += 2;
          continue;
        }
        value += ch;
        i++;
      }
      i++; // closing quote
      if (labels[labelMatch[1]!] !== undefined) throw new Error(`line ${at}: label ${labelMatch[1]} twice`);
      labels[labelMatch[1]!] = value;
      if (line[i] === ",") i++;
      else if (line[i] !== "}") throw new Error(`line ${at}: expected , or } at column ${i}`);
    }
    i++;
  }
  if (line[i] !== " ") throw new Error(`line ${at}: expected a space before the value`);
  return { name, labels, rest: line.slice(i) };
}

function parseValue(text: string, at: number): number {
  if (text === "NaN") return NaN;
  if (text === "+Inf") return Infinity;
  if (text === "-Inf") return -Infinity;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw new Error(`line ${at}: bad value ${text}`);
  return Number(text);
}
