import type { TestProject } from "vitest/node";
import { WranglerDev } from "../../scripts/lib/wrangler-dev.ts";

/**
 * Port for the e2e server: off wrangler's default 8787 so a developer's `npm run dev` can keep running. `E2E_PORT`
 * moves it, so two checkouts can run their page suites on one machine at once.
 */
const E2E_PORT = Number(process.env.E2E_PORT) || 8799;

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the `wrangler dev` the end-to-end tests run against. */
    edgeholdUrl: string;
  }
}

/**
 * Wildlife in the e2e rooms: deer only. Deer are drawn, named and hittable like any creature, but never attack;
 * wolves (the default population has 4) find a standing player within seconds and bite it to death in ~7 s, which
 * would turn every timing-sensitive page test (0 corrections, a player that must be able to move or shoot) into a
 * race against the wolves. The wolves' own behaviour is covered by the workerd tests.
 */
const E2E_CREATURES = "deer=4";

/**
 * Starts one `wrangler dev` (the real binary, a fresh Durable Object state directory) serving the built page and
 * the API for every e2e test file, and stops it (SIGINT) afterwards. `npm test` builds sim.wasm and web/dist first.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await WranglerDev.start({ port: E2E_PORT, vars: { CREATURE_POPULATION: E2E_CREATURES } });
  project.provide("edgeholdUrl", server.url);
  return () => server.stop();
}
