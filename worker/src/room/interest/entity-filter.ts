import type { ChannelPatch } from "@edgehold/protocol";
import type { ChannelFields } from "../channel-diff.ts";
import { patchOf, replaceKnown, type ChannelTick, type PatchSet } from "./channel-tick.ts";
import type { EntryKeys } from "./entry-keys.ts";

/** Key of an `everyone` entry in its channel's EntryKeys (any other entry: FILTERED). */
export const EVERYONE = 1;
export const FILTERED = 0;

/** The entries of a channel every connection gets whatever its view (presence: players), and their keys. */
export interface EveryoneRule {
  readonly test: (fields: ChannelFields) => boolean;
  readonly keys: EntryKeys;
}

/**
 * An entity-keyed channel (movement, combat, build_preview, presence) as one connection sees it: the entities of its
 * `view` (entity-view.ts) that the channel holds, plus, with `everyone`, the entries everyone gets. `known`: the
 * filtered ids the connection holds, updated. Costs the view, not the room (except `everyone` entries, which are the
 * room's delta of them, as without a radius).
 */
export function filterEntities(
  tick: ChannelTick,
  view: ReadonlySet<string>,
  known: Set<string>,
  everyone?: EveryoneRule,
): ChannelPatch<ChannelFields> | undefined {
  const { full, current, delta } = tick;
  const set: PatchSet = {};
  const remove: string[] = [];
  if (everyone) everyoneEntries(tick, known, everyone, set, remove);
  const next = new Set<string>();
  for (const id of view) {
    const fields = current.get(id);
    if (!fields || everyone?.test(fields)) continue;
    next.add(id);
    if (full || !known.has(id)) set[id] = fields;
    else {
      const changed = delta?.set?.[id];
      if (changed) set[id] = changed;
    }
  }
  if (!full) {
    for (const id of known) {
      if (next.has(id)) continue;
      const now = current.get(id);
      // Became an entry everyone gets (an id reused): it is in `set`, not gone.
      if (!(now && everyone?.test(now))) remove.push(id);
    }
  }
  replaceKnown(known, next);
  return patchOf(set, remove, full);
}

/** The `everyone` entries: all of them in a full snapshot, else the room's delta of them (as without a radius). */
function everyoneEntries(tick: ChannelTick, known: ReadonlySet<string>, everyone: EveryoneRule, set: PatchSet, remove: string[]): void {
  const { full, current, delta } = tick;
  if (full) {
    for (const [id, fields] of current) if (everyone.test(fields)) set[id] = fields;
    return;
  }
  for (const id in delta?.set) {
    const fields = current.get(id);
    if (!fields || !everyone.test(fields)) continue;
    // An id that was a filtered entry this connection did not hold (reused): the delta's fields are not enough.
    set[id] = everyone.keys.rekeyed(id) && !known.has(id) ? fields : delta.set[id]!;
  }
  for (const id of delta?.remove ?? []) if (everyone.keys.key(id) === EVERYONE) remove.push(id);
}
