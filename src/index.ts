// The package's public API: what a user's callgrade.config.ts imports.
export { defineConfig } from "./config/define.js";
export type { Config, ConfigInput, ModelConfig } from "./config/schema.js";
export type { Case, MatchSpec, Turn } from "./core/types.js";
