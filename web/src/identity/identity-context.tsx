import { createContext, useContext } from "react";

/** Who this page is, for every request it makes. */
export interface Identity {
  mode: "dev" | "clerk";
  /** False while Clerk is loading or when signed out. */
  signedIn: boolean;
  /** The dev player id; undefined in Clerk mode (the server reads the token's `sub`). */
  devPlayerId: string | undefined;
  /** A fresh Clerk session token, or null in dev mode / signed out. `skipCache`: a newly minted one. */
  getToken(options?: { skipCache?: boolean }): Promise<string | null>;
}

export const IdentityContext = createContext<Identity | undefined>(undefined);

export function useIdentity(): Identity {
  const identity = useContext(IdentityContext);
  if (!identity) throw new Error("useIdentity must be used inside <IdentityProvider>");
  return identity;
}
