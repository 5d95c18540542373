/**
 * Collects items into batches for one model run at a time (at most `maxBatch` per run). Items
 * submitted in the same tick share a run; items submitted while a run is in flight queue up and
 * form the next batch, so batches grow with load without adding latency when idle (no timers).
 */
export class MicroBatcher<In, Out> {
  readonly #run: (items: In[]) => Promise<Out[]>;
  readonly #maxBatch: number;
  #pending: Array<{ item: In; resolve: (o: Out) => void; reject: (e: unknown) => void }> = [];
  #draining = false;

  constructor(run: (items: In[]) => Promise<Out[]>, maxBatch = 64) {
    this.#run = run;
    this.#maxBatch = maxBatch;
  }

  submit(item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.#pending.push({ item, resolve, reject });
      if (!this.#draining) {
        this.#draining = true;
        // A microtask lets every synchronous caller of this tick (Promise.all, array input) join.
        queueMicrotask(() => void this.#drain());
      }
    });
  }

  async #drain(): Promise<void> {
    while (this.#pending.length > 0) {
      const batch = this.#pending.splice(0, this.#maxBatch);
      try {
        const outputs = await this.#run(batch.map((b) => b.item));
        for (const [j, b] of batch.entries()) b.resolve(outputs[j]!);
      } catch (error) {
        for (const b of batch) b.reject(error);
      }
    }
    this.#draining = false;
  }
}
