/**
 * The admin token `npm run dev`, the benches and the e2e servers give their local `wrangler dev` (the operators' API:
 * a room's tick work and rows written). Local dev mode trusts every client anyway, so a well-known token costs
 * nothing there; `EDGEHOLD_ADMIN_TOKEN` picks another. A deployment sets its own secret (`wrangler secret put
 * ADMIN_TOKEN`), never this.
 */
export const DEV_ADMIN_TOKEN = process.env.EDGEHOLD_ADMIN_TOKEN || "dev-admin-token";
