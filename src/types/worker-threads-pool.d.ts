// Types for worker-threads-pool 2.0 (the package ships none): a pool that starts at most `max`
// workers at once and queues the rest.
declare module 'worker-threads-pool' {
  import type { Worker, WorkerOptions } from 'node:worker_threads';

  export default class Pool {
    constructor(options?: { max?: number; maxWaiting?: number });
    readonly size: number;
    acquire(filename: string | URL, options: WorkerOptions, callback: (error: Error | null, worker: Worker) => void): void;
    acquire(filename: string | URL, callback: (error: Error | null, worker: Worker) => void): void;
    destroy(callback?: () => void): void;
  }
}
