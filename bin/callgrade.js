#!/usr/bin/env node
// The CLI entry. callgrade ships TypeScript sources; tsx compiles them on load, so `npm ci` is the only setup.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

// Our own tsconfig, not the one of whatever folder the user runs in: it sets the JSX runtime for Ink.
register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv);
