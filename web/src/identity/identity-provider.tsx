import { lazy, Suspense, useMemo, type ReactNode } from "react";
import { loadDevIdentity } from "./dev-identity.ts";
import { IdentityContext, type Identity } from "./identity-context.tsx";

/** The Clerk publishable key the page was built with (VITE_CLERK_PUBLISHABLE_KEY); undefined = dev identity. */
export const clerkPublishableKey = (import.meta.env.VITE_CLERK_PUBLISHABLE_KEY as string | undefined) || undefined;

// Clerk's SDK is most of the page's JavaScript: it is fetched only by pages built with a Clerk key.
const ClerkIdentityProvider = lazy(() => import("./clerk-identity.tsx").then((m) => ({ default: m.ClerkIdentityProvider })));

/** Clerk mode when built with VITE_CLERK_PUBLISHABLE_KEY, else a local dev identity. */
export function IdentityProvider({ children }: { children: ReactNode }) {
  if (clerkPublishableKey) {
    return (
      <Suspense fallback={<p className="identity-loading">Loading sign-in…</p>}>
        <ClerkIdentityProvider publishableKey={clerkPublishableKey}>{children}</ClerkIdentityProvider>
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
