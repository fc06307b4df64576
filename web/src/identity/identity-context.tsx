import { createContext, useContext, useMemo, type ReactNode } from "react";
import { ClerkProvider, useAuth } from "@clerk/react";
import { loadDevIdentity } from "./dev-identity.ts";

/** Who this page is, for every request it makes. */
export interface Identity {
  mode: "dev" | "clerk";
  /** False while Clerk is loading or when signed out. */
  signedIn: boolean;
  /** The dev player id; undefined in Clerk mode (the server reads the token's `sub`). */
  devPlayerId: string | undefined;
  /** A fresh Clerk session token, or null in dev mode / signed out. */
  getToken(): Promise<string | null>;
}

const IdentityContext = createContext<Identity | undefined>(undefined);

export function useIdentity(): Identity {
  const identity = useContext(IdentityContext);
  if (!identity) throw new Error("useIdentity must be used inside <IdentityProvider>");
  return identity;
}

/** Clerk mode when built with VITE_CLERK_PUBLISHABLE_KEY, else a local dev identity. */
export function IdentityProvider({ children }: { children: ReactNode }) {
  const publishableKey = import.meta.env.VITE_CLERK_PUBLISHABLE_KEY as string | undefined;
  if (publishableKey) {
    return (
      <ClerkProvider publishableKey={publishableKey}>
        <ClerkIdentity>{children}</ClerkIdentity>
      </ClerkProvider>
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

function ClerkIdentity({ children }: { children: ReactNode }) {
  const { isSignedIn, getToken } = useAuth();
  const identity = useMemo<Identity>(
    () => ({ mode: "clerk", signedIn: isSignedIn === true, devPlayerId: undefined, getToken: () => getToken() }),
    [isSignedIn, getToken],
  );
  return <IdentityContext.Provider value={identity}>{children}</IdentityContext.Provider>;
}
