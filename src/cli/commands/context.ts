// Paths every command resolves the same way: --store and --out mean the same everywhere.
import path from "node:path";
import { DEFAULT_STORE, Store } from "../../store/index.js";

export function storePath(
  flag: string | undefined,
  configured?: { baseDir: string; store?: string },
): string {
  if (flag) return path.resolve(flag);
  if (configured?.store) return path.resolve(configured.baseDir, configured.store);
  return path.resolve(DEFAULT_STORE);
}

export function reportDir(
  flag: string | undefined,
  runId: string,
  configured?: { baseDir: string; reportsDir?: string },
): string {
  return flag ? path.resolve(flag) : path.join(reportRoot(undefined, configured), runId);
}

/** The folder reports go under: --out itself, else the configured reportsDir, else `reports/`. */
export function reportRoot(
  flag: string | undefined,
  configured?: { baseDir: string; reportsDir?: string },
): string {
  if (flag) return path.resolve(flag);
  if (configured?.reportsDir) return path.resolve(configured.baseDir, configured.reportsDir);
  return path.resolve("reports");
}

/** Opens the store, runs `body`, and closes the store whatever happens. */
export async function withStore<T>(file: string, body: (store: Store) => Promise<T>): Promise<T> {
  const store = Store.open(file);
  try {
    return await body(store);
  } finally {
    store.close();
  }
}

export function display(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith("..") ? file : relative;
}

/** `{ key: value }` when the value is set, else `{}`: exactOptionalPropertyTypes-friendly spreading. */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
