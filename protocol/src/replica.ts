import type { ChannelPatch } from "./features/define-feature.ts";
import type { SnapshotPayload } from "./messages.ts";

/** A client's copy of the snapshot channels: channel → entity id → fields. */
export type Replica = Map<string, Map<string, Record<string, unknown>>>;

export function createReplica(): Replica {
  return new Map();
}

/**
 * Applies a snapshot with the protocol's semantics: a `full` snapshot replaces every channel it carries and clears
 * the ones it does not; a `delta` merges changed fields into known entities, adds new ones, and drops removed ids
 * (removes are applied before sets, so an id that left and was reused in one interval ends up as the newcomer).
 */
export function applySnapshot(replica: Replica, snapshot: SnapshotPayload): void {
  const features = snapshot.features as Record<string, ChannelPatch<Record<string, unknown>> | undefined>;
  if (snapshot.mode === "full") {
    for (const name of replica.keys()) if (!(name in features)) replica.get(name)!.clear();
  }
  for (const [name, patch] of Object.entries(features)) {
    if (!patch) continue;
    let channel = replica.get(name);
    if (!channel) replica.set(name, (channel = new Map()));
    if (snapshot.mode === "full") channel.clear();
    for (const id of patch.remove ?? []) channel.delete(id);
    for (const [id, fields] of Object.entries(patch.set ?? {})) {
      const existing = channel.get(id);
      if (existing) Object.assign(existing, fields);
      else channel.set(id, { ...fields });
    }
  }
}
