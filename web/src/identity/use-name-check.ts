import { useEffect, useState } from "react";
import type { NameCheck } from "@edgehold/protocol/names";

type CheckName = (raw: string) => NameCheck;

/** The rule once loaded (one chunk per page load, shared by every form that asks). */
let loaded: Promise<CheckName> | undefined;

/**
 * The name rule the room and the characters API apply (protocol's checkName) on `name`, or undefined while it
 * loads (or until `needed`). It is imported on first use, a chunk of its own: the confusables table behind it is
 * ~100 kB that a page showing no name form (a room opened from a link), or one whose name nobody edits, never needs.
 */
export function useNameCheck(name: string, needed = true): NameCheck | undefined {
  const [checkName, setCheckName] = useState<CheckName | undefined>();
  useEffect(() => {
    if (!needed) return;
    let live = true;
    loaded ??= import("@edgehold/protocol/names").then((names) => names.checkName);
    void loaded.then((rule) => live && setCheckName(() => rule));
    return () => {
      live = false;
    };
  }, [needed]);
  return checkName?.(name);
}
