import type { EntryList } from "@edgehold/protocol";
import type { ChannelFields } from "../channel-diff.ts";
import { patchOf, type ChannelTick, type ViewPatch } from "./channel-tick.ts";
import type { EntityView } from "./entity-view.ts";
import type { EntryKeys } from "./entry-keys.ts";

/** Key of an `everyone` entry in its channel's EntryKeys (any other entry: FILTERED). */
export const EVERYONE = 1;
export const FILTERED = 0;

/** The entries of a channel every connection gets whatever its view (presence: players), and their keys. */
export interface EveryoneRule {
  readonly test: (fields: ChannelFields) => boolean;
  readonly keys: EntryKeys;
}

/** A delta's removed ids as a set, made once per snapshot tick and shared by every connection of the phase. */
const removedSets = new WeakMap<readonly string[], ReadonlySet<string>>();
function removedSet(remove: readonly string[]): ReadonlySet<string> {
  let set = removedSets.get(remove);
  if (!set) removedSets.set(remove, (set = new Set(remove)));
  return set;
}

/**
 * An entity-keyed channel (movement, combat, build_preview, presence) as one connection sees it: the entities of its
 * view that the channel holds, plus, with `everyone`, the entries everyone gets (their room-wide delta, as without a
 * radius). What the connection holds of the channel is what its view held and the channel had at its previous
 * snapshot — the moment the room's delta starts from — so no state of its own is kept: entities that stayed in view
 * get the room's delta of them (nothing to do for a channel that did not change), those that entered all their
 * fields, those that left are removed. Costs the view's changes, plus the view when the channel changed.
 */
export function filterEntities(tick: ChannelTick, view: EntityView, set: EntryList, everyone?: EveryoneRule): ViewPatch | undefined {
  const { full, current, delta } = tick;
  set.clear();
  const remove: string[] = [];
  if (everyone) everyoneEntries(tick, everyone, set, remove);
  const ids = view.ids();
  const entered = view.enteredFlags();
  // The entities in view: all fields of those that entered (or all of them, full), else the room's delta of them if
  // they changed (a delta's ids are all in `current`).
  const changes = full ? undefined : delta?.set;
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k]!;
    if (full || entered[k]) {
      const fields = current.get(id);
      if (filtered(fields, everyone)) set.push(id, fields);
      continue;
    }
    const changed = changes?.[id];
    if (changed === undefined || (everyone && !filtered(current.get(id), everyone))) continue;
    set.push(id, changed);
  }
  if (full) return patchOf(set, set.size, remove, full);
  // Gone from the channel (everyone's entries were removed above), or gone from the view while the channel had it.
  const removed = delta?.remove;
  if (removed) for (const id of removed) if (view.kept(id) && wasFiltered(id, everyone)) remove.push(id);
  for (const id of view.left) {
    const fields = current.get(id);
    if (fields ? filtered(fields, everyone) : removed !== undefined && removedSet(removed).has(id) && wasFiltered(id, everyone)) remove.push(id);
  }
  return patchOf(set, set.size, remove, full);
}

/** An entry this filter decides on (not one everyone gets). */
function filtered(fields: ChannelFields | undefined, everyone: EveryoneRule | undefined): fields is ChannelFields {
  return fields !== undefined && !(everyone && everyone.test(fields));
}

/** Whether a removed entry was one this filter decided on (not one everyone got). */
function wasFiltered(id: string, everyone: EveryoneRule | undefined): boolean {
  return !everyone || everyone.keys.key(id) !== EVERYONE;
}

/** The `everyone` entries: all of them in a full snapshot, else the room's delta of them (as without a radius). */
function everyoneEntries(tick: ChannelTick, everyone: EveryoneRule, set: EntryList, remove: string[]): void {
  const { full, current, delta } = tick;
  if (full) {
    for (const [id, fields] of current) if (everyone.test(fields)) set.push(id, fields);
    return;
  }
  for (const id in delta?.set) {
    const fields = current.get(id);
    if (!fields || !everyone.test(fields)) continue;
    // An id that was another kind of entry a moment ago (reused): the delta's fields may not be all the client needs.
    set.push(id, everyone.keys.rekeyed(id) ? fields : delta.set[id]!);
  }
  for (const id of delta?.remove ?? []) if (everyone.keys.key(id) === EVERYONE) remove.push(id);
}
