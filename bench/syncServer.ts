/**
 * Servers for the sync benchmark, each in its own child process so that the load generator does
 * not share their event loop: the real cloud entry (`cloud/server.ts`, what `npm start` runs) on
 * a Postgres URL, and the bare Express baseline (`bench/syncHello.ts`). Both are started with
 * `node --import tsx`, optionally under `--cpu-prof`, and stopped with SIGTERM (the cloud entry
 * closes its pool and exits, which writes the profile). BENCH_SERVER_LOG=error (a LOG_LEVEL) shows
 * the server's log instead of silencing it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface ChildServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export interface ChildOptions {
  env?: Record<string, string>;
  /** Write a V8 CPU profile of the child into this folder (on exit). */
  cpuProfDir?: string;
}

function startChild(script: string, ready: RegExp, options: ChildOptions): Promise<ChildServer> {
  const args = ['--import', 'tsx'];
  if (options.cpuProfDir) args.push('--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`);
  args.push(join(ROOT, script));
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`${script} n’a pas démarré en 60 s :\n${output}`)), 60_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        // Keep draining so a chatty child never blocks on a full pipe (shown with BENCH_SERVER_LOG).
        if (process.env.BENCH_SERVER_LOG) {
          child.stdout?.pipe(process.stderr);
          child.stderr?.pipe(process.stderr);
        } else child.stdout?.resume();
        resolve({
          url: match[1]!,
          pid: child.pid!,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
              child.once('exit', () => {
                clearTimeout(kill);
                done();
              });
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => fail(new Error(`${script} s’est arrêté (code ${code}) :\n${output}`)));
  });
}

/** The real cloud server (cloud/server.ts main) on `databaseUrl`, logs silent, a random port. */
export function startCloudChild(databaseUrl: string, jwtSecret: string, options: ChildOptions = {}): Promise<ChildServer> {
  return startChild('cloud/server.ts', /prêt sur (http:\/\/[\d.]+:\d+)/, {
    ...options,
    env: {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      DATABASE_URL: databaseUrl,
      JWT_SECRET: jwtSecret,
      LOG_LEVEL: process.env.BENCH_SERVER_LOG ?? 'silent',
      DATA_DIR: join(tmpdir(), 'styliste-bench-cloud-data'),
      ...options.env,
    },
  });
}

/** The bare Express "hello" baseline. */
export function startHelloChild(options: ChildOptions = {}): Promise<ChildServer> {
  return startChild('bench/syncHello.ts', /prêt sur (http:\/\/[\d.]+:\d+)/, options);
}

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux). */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100;
  } catch {
    return NaN;
  }
}

/** CPU time (ms) of every `postgres` process on this machine, by pid (the server and its backends). */
export function postgresCpuMs(): Map<number, number> {
  const out = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      out.set(Number(entry), processCpuMs(Number(entry)));
    } catch {
      // The process ended meanwhile.
    }
  }
  return out;
}

/** CPU used by postgres processes between two `postgresCpuMs` readings (new backends count whole). */
export function postgresCpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}
