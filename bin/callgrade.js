#!/usr/bin/env node
// The CLI entry. callgrade ships TypeScript sources; tsx compiles them on load, so `npm ci` is the only setup.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv);
