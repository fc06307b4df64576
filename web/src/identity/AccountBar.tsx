import { lazy, Suspense } from "react";
import { Link } from "react-router";
import { useIdentity } from "./identity-context.tsx";

// Same lazily loaded chunk as the Clerk provider (already fetched by the time this renders in Clerk mode).
const ClerkAccountButtons = lazy(() => import("./clerk-identity.tsx").then((m) => ({ default: m.ClerkAccountButtons })));

/** Who you are and how to change it: Clerk's sign-in/user buttons, or a clearly labelled local dev identity. */
export function AccountBar({ roomCode }: { roomCode?: string }) {
  const identity = useIdentity();
  const charactersLink = roomCode ? `/characters?room=${encodeURIComponent(roomCode)}` : "/characters";
  return (
    <div className="account-bar" data-testid="account-bar">
      {identity.mode === "clerk" ? (
        <Suspense fallback={null}>
          <ClerkAccountButtons />
        </Suspense>
      ) : (
        <span className="dev-identity" title="No Clerk key configured: the server trusts this id (dev mode only)">
          dev identity <code>{identity.devPlayerId}</code> (local, unverified)
        </span>
      )}
      <Link to={charactersLink}>Characters</Link>
    </div>
  );
}
