// A real PostgreSQL server for the tests: Debian's binaries (installed by scripts/test-tools.sh), a cluster
// made on a temporary data folder and started on a free port, stopped (or killed, or restarted) by the test.
// No system service is used. As root, initdb and pg_ctl run as the `postgres` user, which they require.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/** The folder of initdb and pg_ctl: PG_BIN, else the newest /usr/lib/postgresql/<version>/bin. */
export function postgresBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(path.join(root, v, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const [newest] = versions;
  if (newest === undefined) {
    throw new Error(
      "no PostgreSQL server binaries in /usr/lib/postgresql: run `bash scripts/test-tools.sh` (it installs Debian's postgresql), or set PG_BIN",
    );
  }
  return path.join(root, newest, "bin");
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

export interface TestPostgres {
  /** postgres://callgrade:PASSWORD@127.0.0.1:PORT/callgrade */
  url: string;
  password: string;
  port: number;
  /** A new, empty database on the same server, and its URL. */
  database(name: string): string;
  /** Stops the server: `fast` as an operator would, `immediate` as a crash does. */
  stop(mode?: "fast" | "immediate"): void;
  start(): void;
  /** Stops it for good and removes its folder. */
  destroy(): void;
}

export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBin();
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(tmpdir(), "cg-pg-"));
  const data = path.join(dir, "data");
  const port = await freePort();
  const password = `pw-${Math.random().toString(36).slice(2)}!@/:`;
  if (root) {
    chmodSync(dir, 0o755);
    const pg = execFileSync("id", ["-u", "postgres"]).toString().trim();
    const group = execFileSync("id", ["-g", "postgres"]).toString().trim();
    chownSync(dir, Number(pg), Number(group));
  }
  const as = (program: string, args: string[]) => {
    const [command, argv] = root
      ? ["runuser", ["-u", "postgres", "--", path.join(bin, program), ...args]]
      : [path.join(bin, program), args];
    const result = spawnSync(command, argv, { encoding: "utf8", cwd: dir });
    if (result.status !== 0) {
      throw new Error(
        `${program} ${args.join(" ")} failed (${result.status}): ${result.stderr || result.stdout}`,
      );
    }
  };
  // Password auth over TCP, so URLs carry a real password the tests can look for in everything written.
  const pwfile = path.join(dir, "pw");
  execFileSync("sh", ["-c", `printf '%s' "$PW" > "${pwfile}"`], { env: { PW: password } });
  if (root) execFileSync("chown", ["postgres", pwfile]);
  as("initdb", [
    "-D",
    data,
    "-U",
    "callgrade",
    "--pwfile",
    pwfile,
    "-A",
    "scram-sha-256",
    "-E",
    "UTF8",
    "--no-sync",
  ]);
  rmSync(pwfile);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const start = () => as("pg_ctl", ["-D", data, "-o", options, "-l", path.join(dir, "log"), "-w", "start"]);
  start();
  const base = (db: string) => `postgres://callgrade:${encodeURIComponent(password)}@127.0.0.1:${port}/${db}`;
  const psql = (sql: string) =>
    execFileSync(path.join(bin, "psql"), [base("postgres"), "-v", "ON_ERROR_STOP=1", "-qc", sql], {
      encoding: "utf8",
    });
  psql("CREATE DATABASE callgrade");
  return {
    url: base("callgrade"),
    password,
    port,
    database(name) {
      psql(`CREATE DATABASE "${name}"`);
      return base(name);
    },
    stop(mode = "fast") {
      as("pg_ctl", ["-D", data, "-m", mode, "-w", "stop"]);
    },
    start,
    destroy() {
      try {
        as("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } catch {
        // Already stopped.
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
