import { useCallback, useEffect, useState } from "react";
import { isTyping } from "../input/keyboard.ts";

/** The net-graph's open state, toggled by F3 or the backtick key (and a HUD button); kept across reloads. */
export function useNetGraphToggle(): [boolean, () => void] {
  const [open, setOpen] = useState(() => readStored());
  const toggle = useCallback(() => setOpen((value) => !value), []);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.code !== "F3" && event.code !== "Backquote") return;
      if (isTyping(event.target)) return;
      // F3 is "find next" in some browsers.
      event.preventDefault();
      if (!event.repeat) toggle();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [toggle]);

  useEffect(() => {
    try {
      sessionStorage.setItem(KEY, open ? "1" : "0");
    } catch {
      // Storage unavailable: the toggle still works for this page.
    }
  }, [open]);

  return [open, toggle];
}

const KEY = "edgehold.netGraph";

function readStored(): boolean {
  try {
    return sessionStorage.getItem(KEY) === "1";
  } catch {
    return false;
  }
}
