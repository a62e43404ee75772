/**
 * workerOptions (src/parallel/worker-source.ts): what a worker thread is started with. Nothing of
 * its own unless --input-type is on the command line (then an empty execArgv) or in NODE_OPTIONS
 * (then the environment without it, every other option kept). The packed-tarball test
 * (test/e2e/package.test.ts) starts real workers under each.
 */
import { describe, expect, it } from 'vitest';
import { workerOptions } from '../src/parallel/worker-source.ts';

describe('workerOptions', () => {
  it('inherits everything when the process has no --input-type', () => {
    expect(workerOptions(['--max-old-space-size=2048', '-e', 'code'], { NODE_OPTIONS: '--max-old-space-size=512' })).toEqual({});
    expect(workerOptions([], {})).toEqual({});
  });

  it('gives an empty execArgv for --input-type on the command line, in either spelling', () => {
    expect(workerOptions(['--input-type=module', '-e', 'code'], {})).toEqual({ execArgv: [] });
    expect(workerOptions(['--max-old-space-size=2048', '--input-type', 'module'], {})).toEqual({ execArgv: [] });
  });

  it('takes --input-type out of NODE_OPTIONS and keeps the rest of it and of the environment', () => {
    const env = { HOME: '/home/a', NODE_OPTIONS: '--max-old-space-size=512 --input-type=module --enable-source-maps' };
    const { env: given, execArgv } = workerOptions([], env);
    expect(execArgv).toBeUndefined();
    expect(given?.HOME).toBe('/home/a');
    expect(given?.NODE_OPTIONS?.split(/\s+/)).toEqual(['--max-old-space-size=512', '--enable-source-maps']);
    expect(workerOptions([], { NODE_OPTIONS: '--input-type module' }).env?.NODE_OPTIONS).toBe('');
    expect(workerOptions([], { NODE_OPTIONS: '--input-type' }).env?.NODE_OPTIONS).toBe('');
    expect(workerOptions([], { NODE_OPTIONS: '--input-types-are-fine' })).toEqual({});
  });
});
