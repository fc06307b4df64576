import { useEffect, useState } from "react";
import type { MuteReason } from "@edgehold/protocol";

/**
 * "muted · 42 s": this player's mute with the seconds left (`mutedSecondsLeft`: ChatState's, read at each render),
 * ticking down once a second until it ends.
 */
export function MutedIndicator({ reason, mutedSecondsLeft }: { reason: MuteReason | undefined; mutedSecondsLeft: () => number }) {
  const [, setTick] = useState(0);
  const secondsLeft = mutedSecondsLeft();
  useEffect(() => {
    if (secondsLeft <= 0) return;
    const timer = setInterval(() => setTick((t) => t + 1), 1000);
    return () => clearInterval(timer);
  }, [secondsLeft > 0]);
  if (secondsLeft <= 0) return null;
  return (
    <div className="chat-muted" role="status" data-testid="chat-muted">
      muted{reason === "flood" ? " for flooding" : reason === "owner" ? " by the room owner" : ""} · {secondsLeft} s
    </div>
  );
}
