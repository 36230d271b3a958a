/** The job of the SIGKILL test, defined the same way in the test and in its child process. */
import type { DefineOptions } from './queue.js';

export const KILLABLE = 'killable';
/** A run is given up 2 s after it started (the killed one), then retried at once. */
export const KILLABLE_OPTIONS: DefineOptions = { retryLimit: 2, retryDelay: 0, retryBackoff: false, expireInSeconds: 2 };
