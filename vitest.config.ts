import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    globalSetup: ["tests/helpers/build.ts"],
    // CI sets CI=true, which switches Ink to printing only its last frame; screen tests read every frame.
    // Tests that run the CLI set CI themselves (tests/helpers/cli.ts).
    env: { CI: "false" },
  },
});
