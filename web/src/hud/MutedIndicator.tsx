import { useEffect, useState } from "react";
import type { MuteReason } from "@edgehold/protocol";

/** "muted · 42 s": this player's mute with the seconds left, ticking down once a second until it ends. */
export function MutedIndicator({ until, reason, now }: { until: number; reason: MuteReason | undefined; now: () => number }) {
  const [, setTick] = useState(0);
  const secondsLeft = Math.max(0, Math.ceil((until - now()) / 1000));
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
