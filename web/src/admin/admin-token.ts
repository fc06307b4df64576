/**
 * The admin token lives in this tab's sessionStorage: it survives a reload of the monitor, not the tab, and never
 * reaches another site (the page sends it only to its own /api/admin).
 */
const KEY = "edgehold.adminToken";

export function loadAdminToken(): string | undefined {
  try {
    return sessionStorage.getItem(KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function saveAdminToken(token: string | undefined): void {
  try {
    if (token) sessionStorage.setItem(KEY, token);
    else sessionStorage.removeItem(KEY);
  } catch {
    // Storage refused (private mode): the token lasts as long as the page.
  }
}
