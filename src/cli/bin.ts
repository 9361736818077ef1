#!/usr/bin/env node
// The installed `callgrade` command. --version answers before the program loads: scripts call it to check the
// tool is there, and it should cost no more than starting Node.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) {
  const { packageVersion } = await import("../core/package-root.js");
  process.stdout.write(`${packageVersion()}\n`);
} else {
  // Node runs out of work while the command still waits only when a promise can never settle (a config
  // whose top-level `await` waits for nothing): it would exit with code 13 and no word. Say what happened.
  let finished = false;
  process.once("beforeExit", () => {
    if (finished) return;
    process.stderr.write(
      "callgrade: stopped waiting: nothing was left running, yet the command had not finished. A promise that never settles is the cause: most likely a top-level `await` in the config, or in a module it imports\n",
    );
    process.exitCode = 2;
  });
  const { main } = await import("./main.js");
  process.exitCode = await main(process.argv);
  finished = true;
}
