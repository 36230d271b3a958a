/** Measurements for bench/queue.bench.ts: latency samples, a timed drain, instances in child processes. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Jobs } from '../cloud/jobs/jobs.js';

export interface Latency {
  p50: number;
  p95: number;
  samples: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * Enqueues `latency` jobs through `enqueuer`, one at a time on an idle queue, and reads when
 * each started (the handler, in this process, writes `started`).
 */
export async function measureLatency(enqueuer: Jobs, started: Map<string, number>, samples: number, spreadMs = 30): Promise<Latency> {
  const delays: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    const id = (await enqueuer.queue.enqueue('latency', { i }))!;
    while (!started.has(id)) await new Promise((resolve) => setTimeout(resolve, 1));
    delays.push(started.get(id)! - t0);
    // Idle queue: let the loops go back to sleep, and enqueue the next one at a random point of
    // their polling cycle (`spreadMs`: the polling interval), not in step with it.
    await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * spreadMs));
  }
  delays.sort((a, b) => a - b);
  return { p50: percentile(delays, 50), p95: percentile(delays, 95), samples };
}

/** Enqueues `count` no-op jobs in one statement and waits until `completed()` reaches it. */
export async function drain(enqueuer: Jobs, count: number, completed: () => Promise<number>): Promise<{ ms: number; perSecond: number }> {
  const t0 = performance.now();
  for (let from = 0; from < count; from += 1000) {
    await enqueuer.queue.enqueueMany('noop', Array.from({ length: Math.min(1000, count - from) }, (_, i) => ({ n: from + i })));
  }
  while ((await completed()) < count) await new Promise((resolve) => setTimeout(resolve, 25));
  const elapsed = performance.now() - t0;
  return { ms: elapsed, perSecond: (count * 1000) / elapsed };
}

const INSTANCE = fileURLToPath(new URL('./queueInstance.ts', import.meta.url));

/** Starts `count` instances running `noop`, each in its own process; `stop` gives what each ran. */
export async function startInstances(url: string, count: number, options: { concurrency: number; pool: number; pollMs: number }): Promise<{ stop(): Promise<number[]> }> {
  const children: { child: ChildProcess; output: () => string }[] = [];
  await Promise.all(
    Array.from({ length: count }, () => {
      const child = spawn(process.execPath, ['--import', 'tsx', INSTANCE, url, String(options.concurrency), String(options.pool), String(options.pollMs)], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      children.push({ child, output: () => output });
      return new Promise<void>((resolve, reject) => {
        const check = setInterval(() => {
          if (output.includes('READY')) {
            clearInterval(check);
            resolve();
          }
        }, 20);
        child.on('exit', (code) => {
          clearInterval(check);
          reject(new Error(`a bench instance ended (${code})`));
        });
      });
    }),
  );
  return {
    async stop() {
      return Promise.all(
        children.map(
          ({ child, output }) =>
            new Promise<number>((resolve) => {
              child.removeAllListeners('exit');
              child.on('exit', () => resolve(Number(/RAN (\d+)/.exec(output())?.[1] ?? NaN)));
              child.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}
