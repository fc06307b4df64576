import type { ChannelPatch } from "@edgehold/protocol";

/** Flat per-entity fields of a snapshot channel. Values are primitives so `!==` is a field's change test. */
export type ChannelFields = Record<string, string | number | boolean>;

/** What one connection last received on one channel: entity id → fields. */
export type ChannelBaseline<F extends ChannelFields> = Map<string, F>;

/**
 * Diffs a channel's current entities against what clients last received, and advances that baseline.
 * `full` sends every entity with every field (the client replaces its copy); otherwise only changed entities and
 * fields, plus removed ids. Returns undefined when a delta has nothing to say.
 */
export function diffChannel<F extends ChannelFields>(
  current: ReadonlyMap<string, F>,
  baseline: ChannelBaseline<F>,
  full: boolean,
): ChannelPatch<F> | undefined {
  const set: Record<string, Partial<F>> = {};
  let changed = 0;
  for (const [id, fields] of current) {
    const previous = full ? undefined : baseline.get(id);
    // The object it last sent (a versioned channel keeps an unchanged entity's): nothing to compare.
    if (previous === fields) continue;
    const patch = previous ? changedFields(previous, fields) : { ...fields };
    if (patch) {
      set[id] = patch;
      changed++;
    }
  }
  const remove: string[] = [];
  if (!full) {
    for (const id of baseline.keys()) if (!current.has(id)) remove.push(id);
  }
  baseline.clear();
  for (const [id, fields] of current) baseline.set(id, fields);
  if (full) return { set };
  if (changed === 0 && remove.length === 0) return undefined;
  const patch: ChannelPatch<F> = {};
  if (changed > 0) patch.set = set;
  if (remove.length > 0) patch.remove = remove;
  return patch;
}

/**
 * The delta of a channel at the entities `ids` alone (ids the channel says changed since the baseline was taken;
 * every other entity is known unchanged), advancing the baseline at those ids. Same result as `diffChannel` in
 * delta mode when that holds, at the cost of the changed entities only.
 */
export function diffChanged<F extends ChannelFields>(
  current: ReadonlyMap<string, F>,
  baseline: ChannelBaseline<F>,
  ids: Iterable<string>,
): ChannelPatch<F> | undefined {
  const set: Record<string, Partial<F>> = {};
  const remove: string[] = [];
  let changed = 0;
  for (const id of new Set(ids)) {
    const fields = current.get(id);
    const previous = baseline.get(id);
    if (fields) {
      const patch = previous ? changedFields(previous, fields) : { ...fields };
      if (patch) {
        set[id] = patch;
        changed++;
      }
      baseline.set(id, fields);
    } else if (previous) {
      baseline.delete(id);
      remove.push(id);
    }
  }
  if (changed === 0 && remove.length === 0) return undefined;
  const patch: ChannelPatch<F> = {};
  if (changed > 0) patch.set = set;
  if (remove.length > 0) patch.remove = remove;
  return patch;
}

function changedFields<F extends ChannelFields>(previous: F, next: F): Partial<F> | undefined {
  let patch: Partial<F> | undefined;
  for (const key in next) {
    if (previous[key] !== next[key]) {
      patch ??= {};
      patch[key] = next[key];
    }
  }
  return patch;
}
