import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          environment: "node",
          include: ["protocol/test/**/*.test.ts", "sim-core/test/**/*.test.ts", "web/test/**/*.test.ts"],
        },
      },
      {
        plugins: [cloudflareTest({ wrangler: { configPath: "./wrangler.toml" } })],
        test: {
          name: "workerd",
          include: ["worker/test/**/*.test.ts"],
          testTimeout: 20_000,
        },
      },
    ],
  },
});
