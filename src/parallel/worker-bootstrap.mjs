// Starts a simulation worker from the TypeScript sources: a Node 20 worker does not inherit
// tsx's loader, so it registers tsx itself before importing the worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
