import { StructureKind, type BuildRejectReason } from "@edgehold/protocol";
import { KIND_KEYS } from "./build-mode.ts";
import { ExternalStore } from "../../hud/external-store.ts";

/** The build bar's pieces, in key order: the bindings build mode takes (`Digit1` shows as "1"). */
export const BUILD_PIECES: readonly { kind: StructureKind; key: string; label: string }[] = Object.entries(KIND_KEYS).map(([code, kind]) => ({
  kind,
  key: code.replace("Digit", ""),
  label: kind,
}));

/** What the build bar shows: published only when one of these changes (not every frame). */
export interface BuildBarState {
  active: boolean;
  kind: StructureKind;
  /** Why the room would refuse a placement at the ghost now (undefined: accepted, or no ghost). */
  refusal: BuildRejectReason | undefined;
}

export type BuildBarStore = ExternalStore<BuildBarState>;

export function createBuildBarStore(): BuildBarStore {
  return new ExternalStore<BuildBarState>({ active: false, kind: StructureKind.wall, refusal: undefined });
}

/** Publishes `next` when it differs from what the bar shows (a frame hook calls this 60 times a second). */
export function publishIfChanged(store: BuildBarStore, next: BuildBarState): void {
  const shown = store.getSnapshot();
  if (shown.active !== next.active || shown.kind !== next.kind || shown.refusal !== next.refusal) store.publish(next);
}
