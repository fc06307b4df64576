import { generateKeyPairSync } from "node:crypto";
import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

/**
 * Clerk-mode tests verify real RS256 session tokens offline. The key pairs are made fresh for each run: the
 * public half is bound as CLERK_JWT_KEY (exactly as an operator would), the private halves let the tests mint
 * valid tokens and tokens signed by the wrong key.
 */
function pemKeyPair() {
  return generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
}
const clerkKey = pemKeyPair();
const wrongKey = pemKeyPair();

const wrangler = { configPath: "./wrangler.toml" };

/**
 * The browser and page suites drive real Chromium against a real `wrangler dev` on whatever machine runs them (CI:
 * 2 cores). A stall of those processes that is not this project's (wrangler dev's asset server holding a page's
 * load for 30 s; its proxy answering "Your worker restarted mid-request") fails one attempt: such a test runs once
 * more. A test that passes only on its retry is still reported, "(retry x1)" and in the flaky summary; a broken one
 * fails both. The workerd suites get no retry: their rooms run on clocks the tests move.
 */
const REAL_PROCESS_RETRIES = 1;

/** A structured log line (worker/src/ops/log.ts) at level info. */
const INFO_LOG_LINE = /^\{"t":"[^"]*","level":"info"/;

/** The admin token of the workerd test workers (worker/test/support/room-api.ts sends it). */
const TEST_ADMIN_TOKEN = "test-admin-token";

export default defineConfig({
  test: {
    // The rooms' info-level JSON log lines (joins, leaves: worker/src/ops/log.ts) would bury the test output;
    // warnings and errors still show. (A root option: vitest reads onConsoleLog from here, not from a project.)
    onConsoleLog: (line) => !INFO_LOG_LINE.test(line),
    projects: [
      {
        test: {
          name: "unit",
          environment: "node",
          include: ["protocol/test/**/*.test.ts", "sim-core/test/**/*.test.ts", "web/test/**/*.test.ts", "scripts/test/**/*.test.ts"],
        },
      },
      {
        test: {
          name: "browser",
          environment: "node",
          include: ["sim-core/e2e/**/*.e2e.test.ts", "worker/e2e/**/*.e2e.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          retry: REAL_PROCESS_RETRIES,
        },
      },
      {
        test: {
          name: "e2e",
          environment: "node",
          // The page files share one wrangler dev and measure timing-sensitive netcode: one file at a time.
          fileParallelism: false,
          include: ["web/e2e/**/*.e2e.test.ts"],
          // One wrangler dev (port 8799, fresh state) for all web e2e files; it needs web/dist and sim.wasm built.
          globalSetup: ["web/e2e/global-setup.ts"],
          // Real Chromium (software WebGL) and a real wrangler dev on a 2-core box: generous, but every wait inside
          // the tests has its own shorter deadline.
          testTimeout: 120_000,
          hookTimeout: 120_000,
          retry: REAL_PROCESS_RETRIES,
        },
      },
      {
        plugins: [
          cloudflareTest({
            wrangler,
            // The real worker plus a test-only room class (worker/test/feature-seam.test.ts); SELF is the real worker.
            main: "./worker/test/support/test-worker.ts",
            miniflare: {
              durableObjects: {
                // The real room; one whose code starts with `clocked-` runs on a clock its test moves (test-worker.ts).
                ROOMS: { className: "TestRoomDurableObject", useSQLite: true },
                ACCOUNTS: { className: "AccountDurableObject", useSQLite: true },
                // The real directory on a clock its tests move (test-worker.ts), so expiry takes no waiting.
                DIRECTORY: { className: "TestDirectoryDurableObject", useSQLite: true },
                PARTIES: { className: "PartyDurableObject", useSQLite: true },
                EVENT_LOG: { className: "EventLogDurableObject", useSQLite: true },
                COUNTER_ROOMS: { className: "CounterRoomDurableObject", useSQLite: true },
                // Rooms with wildlife (worker/test/wildlife*.test.ts): the default population, one deer, one wolf.
                WILD_ROOMS: { className: "WildRoomDurableObject", useSQLite: true },
                DEER_ROOMS: { className: "DeerRoomDurableObject", useSQLite: true },
                WOLF_ROOMS: { className: "WolfRoomDurableObject", useSQLite: true },
                LAG_TEST_ROOMS: { className: "LagTestRoomDurableObject", useSQLite: true },
                UNCOMPENSATED_LAG_TEST_ROOMS: { className: "UncompensatedLagTestRoomDurableObject", useSQLite: true },
                // Closes connections that do not read their snapshots after 5 s, not 15 (reading-confirmation.test.ts).
                FLOW_TEST_ROOMS: { className: "FlowTestRoomDurableObject", useSQLite: true },
              },
              bindings: {
                // Dev mode is chosen explicitly (an unconfigured worker answers 503): the tests name their players.
                AUTH_MODE: "dev",
                // Idle sockets are closed after 3 s instead of 60 s, so the idle test takes seconds. Every other test
                // keeps its sockets busy or finishes well within that.
                IDLE_TIMEOUT_MS: "3000",
                // No creatures in the ordinary room (ROOMS): tests that count entities or walk about stay about
                // players. The wildlife tests use the rooms above, which set their own population.
                CREATURE_POPULATION: "0",
                // The operators' API (room diagnostics: tick work, rows written) answers this token.
                ADMIN_TOKEN: TEST_ADMIN_TOKEN,
              },
            },
          }),
        ],
        test: {
          name: "workerd",
          // obscenity ships CommonJS behind an ESM wrapper (`import mod from "./index.js"`); the workers pool's
          // module runner has no CommonJS default export, so it is pre-bundled (esbuild, as wrangler does anyway).
          deps: { optimizer: { ssr: { enabled: true, include: ["obscenity"] } } },
          include: ["worker/test/**/*.test.ts"],
          exclude: ["worker/test/clerk/**"],
          testTimeout: 20_000,
        },
      },
      {
        plugins: [
          cloudflareTest({
            wrangler,
            // The real worker, as in the workerd project; its rooms may run on a clock the test moves (test-worker.ts).
            main: "./worker/test/support/test-worker.ts",
            miniflare: {
              durableObjects: {
                ROOMS: { className: "TestRoomDurableObject", useSQLite: true },
                ACCOUNTS: { className: "AccountDurableObject", useSQLite: true },
                DIRECTORY: { className: "DirectoryDurableObject", useSQLite: true },
                PARTIES: { className: "PartyDurableObject", useSQLite: true },
                EVENT_LOG: { className: "EventLogDurableObject", useSQLite: true },
              },
              bindings: {
                CLERK_JWT_KEY: clerkKey.publicKey,
                CLERK_AUTHORIZED_PARTIES: "https://play.example.com, http://localhost:5173",
                // Session and resume-token timers in seconds instead of minutes, so expiry tests take seconds.
                SESSION_REFRESH_GRACE_MS: "1000",
                RESUME_TOKEN_TTL_MS: "4000",
                TEST_SIGNING_KEY: clerkKey.privateKey,
                TEST_WRONG_SIGNING_KEY: wrongKey.privateKey,
              },
            },
          }),
        ],
        test: {
          name: "workerd-clerk",
          // The same pre-bundling as the workerd project (obscenity is CommonJS behind an ESM wrapper).
          deps: { optimizer: { ssr: { enabled: true, include: ["obscenity"] } } },
          include: ["worker/test/clerk/**/*.test.ts"],
          testTimeout: 20_000,
        },
      },
    ],
  },
});
