/**
 * The JSON Schema of the model-file format, generated from the zod schema (zod's toJSONSchema),
 * so editors autocomplete and check model files (`# yaml-language-server: $schema=…` or `$schema`).
 * Parameters (a number or a distribution) are spelled out by hand: zod cannot describe the
 * short forms its preprocessing accepts.
 */
import { z } from 'zod';
import { paramSchemas, type ParamRange } from './param.ts';
import { scenarioSchema } from './schema.ts';

const provenance = {
  source: { type: 'string', description: 'Where the number comes from: ¶N of the article and a few words, or "assumption: why".' },
  label: { type: 'string', description: 'A short name for charts.' },
};

function distributionSchema(dist: string, fields: Record<string, object>, required: string[]) {
  return {
    type: 'object',
    properties: { dist: { const: dist }, ...fields, ...provenance },
    required: ['dist', ...required],
    additionalProperties: false,
  };
}

function paramJsonSchema(range: ParamRange, description: string): Record<string, unknown> {
  const bounded = { type: 'number', ...(range.minExclusive ? { exclusiveMinimum: range.min } : { minimum: range.min }), maximum: range.max };
  const n = { type: 'number' };
  return {
    description: `${description} A number, {value, source}, or a distribution sampled once per run.`,
    anyOf: [
      bounded,
      { type: 'object', properties: { value: bounded, dist: { const: 'fixed' }, ...provenance }, required: ['value'], additionalProperties: false },
      distributionSchema('uniform', { min: n, max: n }, ['min', 'max']),
      distributionSchema('normal', { mean: n, sd: { type: 'number', exclusiveMinimum: 0 }, min: n, max: n }, ['mean', 'sd', 'min', 'max']),
      distributionSchema('beta', { alpha: { type: 'number', exclusiveMinimum: 0 }, beta: { type: 'number', exclusiveMinimum: 0 }, min: n, max: n }, [
        'alpha',
        'beta',
      ]),
      distributionSchema('triangular', { min: n, mode: n, max: n }, ['min', 'mode', 'max']),
      distributionSchema('bernoulli', { p: { type: 'number', minimum: 0, maximum: 1 }, ifTrue: n, ifFalse: n }, ['p']),
    ],
  };
}

export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioSchema, {
    io: 'input',
    unrepresentable: 'any',
    override: (ctx) => {
      const param = paramSchemas.get(ctx.zodSchema as unknown as z.ZodType);
      if (param !== undefined) {
        // zod's override hook edits the schema object in place: empty it, then fill it anew.
        // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- every key goes; the object itself must stay
        for (const key of Object.keys(ctx.jsonSchema)) delete (ctx.jsonSchema as Record<string, unknown>)[key];
        Object.assign(ctx.jsonSchema, paramJsonSchema(param.range, param.description));
      }
    },
  }) as Record<string, unknown>;
  return {
    ...schema,
    title: 'parley scenario',
    description: 'A negotiation scenario for parley: actors, issues, consent rules, interactions and uncertain parameters.',
  };
}
