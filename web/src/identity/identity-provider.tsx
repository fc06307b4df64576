import { Suspense, useMemo, type ReactNode } from "react";
import { loadDevIdentity } from "./dev-identity.ts";
import { IdentityContext, type Identity } from "./identity-context.tsx";
import { LazyClerkIdentityProvider } from "./lazy-clerk.ts";

/** The Clerk publishable key the page was built with (VITE_CLERK_PUBLISHABLE_KEY); undefined = dev identity. */
const clerkPublishableKey = (import.meta.env.VITE_CLERK_PUBLISHABLE_KEY as string | undefined) || undefined;

/** Clerk mode when built with VITE_CLERK_PUBLISHABLE_KEY, else a local dev identity. */
export function IdentityProvider({ children }: { children: ReactNode }) {
  if (clerkPublishableKey) {
    return (
      <Suspense fallback={<p className="identity-loading">Loading sign-in…</p>}>
        <LazyClerkIdentityProvider publishableKey={clerkPublishableKey}>{children}</LazyClerkIdentityProvider>
      </Suspense>
    );
  }
  return <DevIdentityProvider>{children}</DevIdentityProvider>;
}

function DevIdentityProvider({ children }: { children: ReactNode }) {
  const identity = useMemo<Identity>(() => {
    const dev = loadDevIdentity();
    return { mode: "dev", signedIn: true, devPlayerId: dev.playerId, getToken: async () => null };
  }, []);
  return <IdentityContext.Provider value={identity}>{children}</IdentityContext.Provider>;
}
