/**
 * Collects items submitted in the same tick and processes them as one batch (at most `maxBatch`
 * per run). Runs never overlap: the runtime executes one session.run at a time anyway, and
 * serialising keeps batches as full as possible under load.
 */
export class MicroBatcher<In, Out> {
  readonly #run: (items: In[]) => Promise<Out[]>;
  readonly #maxBatch: number;
  #pending: Array<{ item: In; resolve: (o: Out) => void; reject: (e: unknown) => void }> = [];
  #scheduled = false;
  #running: Promise<void> = Promise.resolve();

  constructor(run: (items: In[]) => Promise<Out[]>, maxBatch = 64) {
    this.#run = run;
    this.#maxBatch = maxBatch;
  }

  submit(item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.#pending.push({ item, resolve, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        // A macrotask boundary lets every caller of this tick (Promise.all, concurrent requests) join.
        setTimeout(() => this.#flush(), 0);
      }
    });
  }

  #flush(): void {
    this.#scheduled = false;
    const taken = this.#pending;
    this.#pending = [];
    for (let i = 0; i < taken.length; i += this.#maxBatch) {
      const batch = taken.slice(i, i + this.#maxBatch);
      this.#running = this.#running.then(async () => {
        try {
          const outputs = await this.#run(batch.map((b) => b.item));
          for (const [j, b] of batch.entries()) b.resolve(outputs[j]!);
        } catch (error) {
          for (const b of batch) b.reject(error);
        }
      });
    }
  }
}
