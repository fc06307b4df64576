/**
 * How a snapshot channel is filtered in a room whose kind has an interest radius (ARCHITECTURE.md "Interest
 * management"); a channel that declares none is sent whole to everyone, as in every room without a radius.
 *
 * - `entity`: keyed by entity id; a connection gets the entities in its view (interest/entity-view.ts). `everyone`:
 *   the entries every connection gets whatever its view (presence: players, the room's roster).
 * - `position`: keyed by anything with a position of its own (`x`, `y` in metres: projectiles); a connection gets
 *   those within the radius of its player, by the view's rule (enter at R, leave beyond R + 8 m).
 * - `tile_chunk`: keyed by anything standing on a tile (`tx`, `ty`: structures); a connection gets whole 16 m chunks
 *   of tiles within R + 16 m of its player (interest/chunk-filter.ts).
 */
export type ChannelInterest<F = Record<string, unknown>> =
  | { readonly by: "entity"; readonly everyone?: (fields: F) => boolean }
  | (F extends { x: number; y: number } ? { readonly by: "position" } : never)
  | (F extends { tx: number; ty: number } ? { readonly by: "tile_chunk" } : never);

/** A channel's interest as the room holds it, its fields' type erased (each was checked against its channel's). */
export type AnyChannelInterest =
  | { readonly by: "entity"; readonly everyone?: (fields: Record<string, string | number | boolean>) => boolean }
  | { readonly by: "position" }
  | { readonly by: "tile_chunk" };
