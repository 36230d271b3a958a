/**
 * Schedules: node-cron says when, the job queue does the work. Every instance runs the same
 * schedules; at each tick each of them enqueues the tick's job with the same id, derived from the
 * schedule's name and the tick's instant. The job table's primary key lets exactly one of those
 * inserts in (`ON CONFLICT DO NOTHING`), so a tick's work runs once however many instances
 * ticked, and if it fails or its process dies it is retried like any job.
 *
 * Why not only an advisory lock around the tick: a transaction-scoped lock only keeps two
 * instances out of the tick at the same moment. Instances' clocks and timers differ by
 * milliseconds to seconds, so the second one would often take the lock after the first released
 * it and run the tick again; what makes "once" hold is a record of the tick that outlives the
 * lock, and the job row is that record (kept until archived, 12 hours after it ends).
 */
import { createHash } from 'node:crypto';
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { JobQueue } from './queue.js';

export interface ScheduleOptions {
  /** IANA time zone the cron expression is read in (default UTC), e.g. 'Africa/Porto-Novo'. */
  timezone?: string;
  /** Added to the data of each tick's job. */
  data?: Record<string, unknown>;
}

/** What a scheduled job receives (besides the schedule's own data). */
export interface TickData {
  schedule: string;
  /** The tick's instant, ISO UTC (the same on every instance). */
  tick: string;
}

interface Schedule {
  name: string;
  expression: string;
  job: string;
  timezone: string;
  data: Record<string, unknown>;
}

/** The job id of one tick of one schedule: the same on every instance (a UUID-shaped hash). */
export function tickJobId(schedule: string, at: Date): string {
  const hex = createHash('sha256').update(`${schedule}\n${tickInstant(at).toISOString()}`).digest('hex');
  // Version 8 (custom) and the RFC variant, so that it is a well-formed UUID.
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Cron's finest unit is the second: two instances' ticks are the same second. */
function tickInstant(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 1000) * 1000);
}

function checkTimezone(timezone: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    throw new Error(`unknown time zone ${timezone}`);
  }
}

export class Schedules {
  private readonly schedules = new Map<string, Schedule>();
  private tasks: ScheduledTask[] = [];
  private started = false;
  private readonly counts = new Map<string, { ticked: number; enqueued: number }>();

  constructor(
    private readonly queue: JobQueue,
    private readonly logger: Logger,
  ) {}

  /** At each time `expression` matches (in `timezone`), the job `job` runs once across instances. */
  add(name: string, expression: string, job: string, options: ScheduleOptions = {}): void {
    if (this.schedules.has(name)) throw new Error(`schedule ${name} is added twice`);
    if (!cron.validate(expression)) throw new Error(`schedule ${name}: invalid cron expression "${expression}"`);
    const timezone = options.timezone ?? 'UTC';
    checkTimezone(timezone);
    this.schedules.set(name, { name, expression, job, timezone, data: options.data ?? {} });
    if (this.started) this.arm(this.schedules.get(name)!);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    for (const schedule of this.schedules.values()) this.arm(schedule);
  }

  private arm(schedule: Schedule): void {
    const task = cron.createTask(schedule.expression, (context) => this.fire(schedule.name, context.date), {
      name: `styliste:${schedule.name}`,
      timezone: schedule.timezone,
    });
    this.tasks.push(task);
    void task.start();
  }

  private async fire(name: string, at: Date): Promise<void> {
    try {
      await this.tick(name, at);
    } catch (error) {
      this.logger.error({ area: 'jobs', schedule: name, tick: at.toISOString(), err: error }, 'scheduled tick could not be enqueued');
    }
  }

  /**
   * Enqueues the job of schedule `name` for the tick at `at`: its id, or null when an instance
   * already did (what node-cron calls at each tick; callable directly with a chosen instant).
   */
  async tick(name: string, at: Date): Promise<string | null> {
    const schedule = this.schedules.get(name);
    if (!schedule) throw new Error(`unknown schedule ${name}`);
    const instant = tickInstant(at);
    const data: TickData & Record<string, unknown> = { ...schedule.data, schedule: name, tick: instant.toISOString() };
    const counts = this.counts.get(name) ?? { ticked: 0, enqueued: 0 };
    this.counts.set(name, counts);
    counts.ticked++;
    const id = await this.queue.enqueue(schedule.job, data, { id: tickJobId(name, instant) });
    if (id) counts.enqueued++;
    if (id) this.logger.info({ area: 'jobs', schedule: name, tick: data.tick, jobId: id }, 'scheduled tick enqueued');
    return id;
  }

  /** Ticks this instance saw of schedule `name`, and how many of them it was the one to enqueue. */
  tickCounts(name: string): { ticked: number; enqueued: number } {
    return { ...(this.counts.get(name) ?? { ticked: 0, enqueued: 0 }) };
  }

  /** When schedule `name` ticks next (for the admin portal and tests). */
  nextRun(name: string): Date | null {
    const schedule = this.schedules.get(name);
    if (!schedule) return null;
    const probe = cron.createTask(schedule.expression, () => undefined, { timezone: schedule.timezone });
    const [next] = probe.getNextRuns(1);
    void probe.destroy();
    return next ?? null;
  }

  async stop(): Promise<void> {
    const tasks = this.tasks;
    this.tasks = [];
    this.started = false;
    await Promise.all(tasks.map((task) => task.destroy()));
  }
}
