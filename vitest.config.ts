import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const packages = ["core", "plan", "kernels", "io", "graph", "scheduler", "dataframe", "testing"];

export default defineConfig({
  resolve: { conditions: ["source"] },
  ssr: { resolve: { conditions: ["source"] } },
  test: {
    globalSetup: [fileURLToPath(new URL("./vitest.global-setup.ts", import.meta.url))],
    projects: [
      ...packages.map((name) => ({
        extends: true as const,
        test: { name, root: `packages/${name}`, include: ["test/**/*.test.ts"] },
      })),
      { extends: true as const, test: { name: "examples", root: "examples", include: ["**/*.test.ts"] } },
    ],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
