// Shares a few warm decoder processes among the files in flight. A file goes to an idle process that
// skips the same header size, or to a new one while there is room; the others wait, in order.
import type { DecodeOutcome, Decoder } from "./pocketsphinx-decoder.js";
import { since } from "./types.js";

export type PoolResult = { aborted: true } | { aborted?: false; outcome: DecodeOutcome; latencyMs: number };

export interface PoolOptions {
  /** Most processes at once. */
  max: number;
  /** A process with nothing to do exits after this long. */
  idleMs: number;
  start(headerBytes: number): Decoder;
}

interface Job {
  audioPath: string;
  headerBytes: number;
  decoder?: Decoder;
  settle(result: PoolResult): void;
}

export class DecoderPool {
  private readonly decoders = new Set<Decoder>();
  private readonly working = new Set<Decoder>();
  private readonly idleTimers = new Map<Decoder, NodeJS.Timeout>();
  private queue: Job[] = [];
  private closed = false;

  constructor(private readonly options: PoolOptions) {}

  /** Decodes one file; an abort drops it from the queue, or kills the process decoding it. */
  run(audioPath: string, headerBytes: number, signal: AbortSignal): Promise<PoolResult> {
    if (this.closed || signal.aborted) return Promise.resolve({ aborted: true });
    return new Promise((resolve) => {
      const onAbort = () => {
        this.queue = this.queue.filter((queued) => queued !== job);
        if (job.decoder) void this.retire(job.decoder, "kill");
        job.settle({ aborted: true });
        this.pump();
      };
      const job: Job = {
        audioPath,
        headerBytes,
        settle: (result) => {
          signal.removeEventListener("abort", onAbort);
          resolve(result);
        },
      };
      signal.addEventListener("abort", onAbort, { once: true });
      this.queue.push(job);
      this.pump();
    });
  }

  /** Queued files come back aborted; idle processes end, busy ones are killed. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue) job.settle({ aborted: true });
    this.queue = [];
    await Promise.all([...this.decoders].map((d) => this.retire(d, this.working.has(d) ? "kill" : "end")));
  }

  private pump(): void {
    for (const job of [...this.queue]) {
      const decoder = this.idle(job.headerBytes) ?? this.room(job.headerBytes);
      if (!decoder) continue;
      this.queue = this.queue.filter((queued) => queued !== job);
      void this.decode(job, decoder);
    }
  }

  private idle(headerBytes: number): Decoder | undefined {
    for (const decoder of this.decoders) {
      if (decoder.alive && !this.working.has(decoder) && decoder.headerBytes === headerBytes) return decoder;
    }
    return undefined;
  }

  /** A new process, when there is room, or when an idle one skipping another header size can make room. */
  private room(headerBytes: number): Decoder | undefined {
    if (this.decoders.size >= this.options.max) {
      const spare = [...this.decoders].find((decoder) => !this.working.has(decoder));
      if (!spare) return undefined;
      void this.retire(spare, "end");
    }
    const decoder = this.options.start(headerBytes);
    this.decoders.add(decoder);
    return decoder;
  }

  private async decode(job: Job, decoder: Decoder): Promise<void> {
    clearTimeout(this.idleTimers.get(decoder));
    this.working.add(decoder);
    job.decoder = decoder;
    const started = performance.now();
    const outcome = await decoder.decode(job.audioPath);
    this.working.delete(decoder);
    job.settle({ outcome, latencyMs: since(started) });
    if (!decoder.alive) this.decoders.delete(decoder);
    else if (this.decoders.has(decoder)) {
      this.idleTimers.set(
        decoder,
        setTimeout(() => void this.retire(decoder, "end"), this.options.idleMs),
      );
    }
    this.pump();
  }

  private retire(decoder: Decoder, how: "end" | "kill"): Promise<void> {
    clearTimeout(this.idleTimers.get(decoder));
    this.idleTimers.delete(decoder);
    this.decoders.delete(decoder);
    this.working.delete(decoder);
    return how === "kill" ? decoder.kill() : decoder.end();
  }
}
