/** Display names: 1–24 printable characters, trimmed; control and bidi-override characters removed. */
export const MAX_NAME_LENGTH = 24;

export function cleanDisplayName(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const cleaned = raw.replace(/[\p{Cc}\p{Cf}]/gu, "").trim().slice(0, MAX_NAME_LENGTH);
  return cleaned.length > 0 ? cleaned : undefined;
}
