import { checkName } from "@edgehold/protocol/names";

/**
 * A name for a room join — a display name (`?name=`), a saved one, an account character's — under the protocol's
 * name rule: the normalised name, or undefined when none was given or it was refused. A refused name does not keep
 * anyone out: like a missing one, it falls back (to the saved name, then fallbackName). Names stored before the
 * rule (an account character named "Admin") meet it here too. Profanity is masked where names are shown
 * (room-names.ts), not here: what is stored stays what the rule accepted, so it passes the rule again next join.
 */
export function cleanDisplayName(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const checked = checkName(raw);
  return checked.ok ? checked.name : undefined;
}
