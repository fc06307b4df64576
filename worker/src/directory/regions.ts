/**
 * Where a matchmade room may be opened: Cloudflare's Durable Object location hints (ARCHITECTURE.md "Play
 * together"). `POST /api/matchmake { region }` opens a new room there (`locationHint`) and prefers rooms of it.
 */
export const REGIONS = ["wnam", "enam", "sam", "weur", "eeur", "apac", "oc", "afr", "me"] as const satisfies readonly DurableObjectLocationHint[];
export type Region = (typeof REGIONS)[number];

export function isRegion(value: unknown): value is Region {
  return typeof value === "string" && (REGIONS as readonly string[]).includes(value);
}
