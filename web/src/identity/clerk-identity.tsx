/**
 * Everything that touches @clerk/react, in one module the page loads lazily (only when built with a Clerk key).
 */
import { useMemo, type ReactNode } from "react";
import { ClerkProvider, Show, SignInButton, UserButton, useAuth } from "@clerk/react";
import { IdentityContext, type Identity } from "./identity-context.tsx";

export function ClerkIdentityProvider({ publishableKey, children }: { publishableKey: string; children: ReactNode }) {
  return (
    <ClerkProvider publishableKey={publishableKey}>
      <ClerkIdentity>{children}</ClerkIdentity>
    </ClerkProvider>
  );
}

function ClerkIdentity({ children }: { children: ReactNode }) {
  const { isSignedIn, getToken } = useAuth();
  const identity = useMemo<Identity>(
    () => ({ mode: "clerk", signedIn: isSignedIn === true, devPlayerId: undefined, getToken: (options) => getToken(options) }),
    [isSignedIn, getToken],
  );
  return <IdentityContext.Provider value={identity}>{children}</IdentityContext.Provider>;
}

/** Sign in when signed out, Clerk's user menu when signed in. */
export function ClerkAccountButtons() {
  return (
    <>
      <Show when="signed-out">
        <SignInButton mode="modal" />
      </Show>
      <Show when="signed-in">
        <UserButton />
      </Show>
    </>
  );
}
