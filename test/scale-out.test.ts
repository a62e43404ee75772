/**
 * The shipped scale-out scripts (docs/scale-out/): the README shows them as they are, and the
 * Kubernetes Indexed Job is a valid batch/v1 Job (against the JSON schema kubernetes-models generates
 * from Kubernetes' OpenAPI spec) whose pods cover every shard exactly once. The Slurm script runs on a
 * real Slurm in `npm run test:slurm` (test/slurm/run.sh), not here.
 */
import { readFileSync } from 'node:fs';
import { Job } from 'kubernetes-models/batch/v1';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const readme = readFileSync('docs/scale-out/README.md', 'utf8');
const sbatch = readFileSync('docs/scale-out/parley.sbatch', 'utf8');
const jobText = readFileSync('docs/scale-out/parley-job.yaml', 'utf8');

/** The README's fenced code blocks, each as its text between the fences. */
function codeBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```[a-z]*\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

/** Validates a manifest read from YAML (unknown shape: the schema is what checks it). */
function validateJob(manifest: unknown): void {
  new Job(manifest as ConstructorParameters<typeof Job>[0]).validate();
}

interface IndexedJob {
  spec: { completionMode?: string; completions?: number; parallelism?: number; template: { spec: { containers: { args?: string[] }[] } } };
}

describe('docs/scale-out', () => {
  it('docs/scale-out/README.md shows the shipped Slurm script and Kubernetes Job, unchanged', () => {
    expect(codeBlocks(readme)).toContain(sbatch);
    expect(codeBlocks(readme)).toContain(jobText);
  });

  it('the Kubernetes Job validates against the batch/v1 Job schema', () => {
    expect(() => validateJob(parse(jobText))).not.toThrow();
  });

  it('the schema check can fail: a misspelt completion mode and a missing container name are refused', () => {
    const job = parse(jobText) as IndexedJob;
    const lowerCase = structuredClone(job);
    lowerCase.spec.completionMode = 'indexed';
    expect(() => validateJob(lowerCase)).toThrow(/completionMode must be equal to one of the allowed values/);
    const unnamed = structuredClone(job) as { spec: { template: { spec: { containers: { name?: string }[] } } } };
    delete unnamed.spec.template.spec.containers[0].name;
    expect(() => validateJob(unnamed)).toThrow(/must have required property name/);
  });

  it('its pods are the shards: Indexed, one completion per shard, and the index is the shard number', () => {
    const { spec } = parse(jobText) as IndexedJob;
    expect(spec.completionMode).toBe('Indexed');
    const command = spec.template.spec.containers[0].args?.join(' ') ?? '';
    const shard = /--shard "\$JOB_COMPLETION_INDEX\/(\d+)"/.exec(command);
    expect(shard, command).not.toBeNull();
    // Indices run 0…completions−1, so --shard K/N covers the batch exactly when N = completions.
    expect(Number(shard![1])).toBe(spec.completions);
    expect(spec.parallelism).toBeLessThanOrEqual(spec.completions!);
    expect(command).toMatch(/--out "[^"]*\$JOB_COMPLETION_INDEX"/);
  });
});
