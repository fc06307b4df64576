import { lazy } from "react";

/**
 * Clerk's SDK is the page's largest optional dependency: these components fetch `clerk-identity.tsx` (one chunk) the
 * first time they render, which only happens in pages built with a Clerk key.
 */
const loadClerk = () => import("./clerk-identity.tsx");

export const LazyClerkIdentityProvider = lazy(() => loadClerk().then((m) => ({ default: m.ClerkIdentityProvider })));
export const LazyClerkAccountButtons = lazy(() => loadClerk().then((m) => ({ default: m.ClerkAccountButtons })));
