import { Suspense } from "react";
import { Link } from "react-router";
import { useIdentity } from "./identity-context.tsx";
import { LazyClerkAccountButtons } from "./lazy-clerk.ts";

/** Who you are and how to change it: Clerk's sign-in/user buttons, or a clearly labelled local dev identity. */
export function AccountBar({ roomCode }: { roomCode?: string }) {
  const identity = useIdentity();
  const charactersLink = roomCode ? `/characters?room=${encodeURIComponent(roomCode)}` : "/characters";
  return (
    <div className="account-bar" data-testid="account-bar">
      {identity.mode === "clerk" ? (
        <Suspense fallback={null}>
          {/* The provider has already fetched this chunk by the time Clerk mode renders the bar. */}
          <LazyClerkAccountButtons />
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
