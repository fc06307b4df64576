import { EVERYTHING } from "../../room/snapshot-view.ts";
import type { FeatureContext } from "../server-feature.ts";
import type { PartyRoster } from "./party-roster.ts";

/** The players whose party changed get their party's view (the `party` channel), or everyone's again. */
export function applyViews(context: FeatureContext<PartyRoster>, playerIds: readonly string[]): void {
  for (const playerId of playerIds) context.connectionOf(playerId)?.setView(context.state.viewOf(playerId) ?? EVERYTHING);
}
