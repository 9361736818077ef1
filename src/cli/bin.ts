#!/usr/bin/env node
// The installed `callgrade` command. --version answers before the program loads: scripts call it to check the
// tool is there, and it should cost no more than starting Node.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) {
  const { packageVersion } = await import("../core/package-root.js");
  process.stdout.write(`${packageVersion()}\n`);
} else {
  const { main } = await import("./main.js");
  process.exitCode = await main(process.argv);
}
