// A small file system that fills up on demand: a tmpfs of a chosen size (mounting needs root, as in CI and the
// dev container), and a ballast file that leaves only so much free. A test that cannot mount one fails: a
// full-disk test that silently skips proves nothing.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statfsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface SmallDisk {
  dir: string;
  /** Free bytes left on it. */
  free(): number;
  /** Fills it with ballast until only about `bytes` are free. */
  fillLeaving(bytes: number): void;
  /** Removes the ballast: the space it held is free again. */
  freeSpace(): void;
  unmount(): void;
}

export function mountSmallDisk(sizeKiB: number): SmallDisk {
  const dir = mkdtempSync(path.join(tmpdir(), "cg-small-disk-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${sizeKiB}k,mode=0777`, "tmpfs", dir], {
      stdio: "pipe",
    });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(
      `cannot mount a ${sizeKiB} KiB tmpfs at ${dir} for the full-disk tests (they need root or CAP_SYS_ADMIN): ${stderr || String(error)}`,
    );
  }
  const ballast = path.join(dir, "ballast");
  const free = () => {
    const stats = statfsSync(dir);
    return stats.bavail * stats.bsize;
  };
  return {
    dir,
    free,
    fillLeaving(bytes) {
      const fill = free() - bytes;
      if (fill > 0) writeFileSync(ballast, Buffer.alloc(fill, 1));
    },
    freeSpace() {
      rmSync(ballast, { force: true });
    },
    unmount() {
      execFileSync("umount", ["-l", dir], { stdio: "pipe" });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
