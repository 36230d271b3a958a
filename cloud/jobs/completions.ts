/**
 * Completions of one queue's jobs gathered over one turn of the event loop and written with ONE
 * statement per distinct output (pg-boss's `complete` takes many ids and one output). Each
 * caller's promise settles with its statement: a failure reaches every job of that statement,
 * whose runs then count as failed (they are retried, as when a single completion fails).
 */
interface Waiting {
  id: string;
  done: () => void;
  failed: (error: unknown) => void;
}

export class JobCompletions {
  private pending = new Map<string, { output: object | undefined; waiting: Waiting[] }>();

  constructor(private readonly write: (ids: string[], output: object | undefined) => Promise<unknown>) {}

  complete(id: string, output: object | undefined): Promise<void> {
    return new Promise((done, failed) => {
      if (this.pending.size === 0) setImmediate(() => void this.flush());
      const key = output === undefined ? '' : JSON.stringify(output);
      const group = this.pending.get(key) ?? { output, waiting: [] };
      group.waiting.push({ id, done, failed });
      this.pending.set(key, group);
    });
  }

  private async flush(): Promise<void> {
    const groups = [...this.pending.values()];
    this.pending = new Map();
    await Promise.all(
      groups.map(async ({ output, waiting }) => {
        try {
          await this.write(
            waiting.map((w) => w.id),
            output,
          );
          for (const w of waiting) w.done();
        } catch (error) {
          for (const w of waiting) w.failed(error);
        }
      }),
    );
  }
}
