/**
 * `parley validate [MODEL]`: checks a model file (with any --set and --variant) and says what it
 * holds, or lists every problem (exit 2). With --json the answer is one JSON object on stdout —
 * `valid`, the counts, and `problems` with file, field path, line and message — in both cases.
 */
// The API's functions from their own modules, not through index.ts (which loads all of them): see run-command.ts.
import { readAndPrepare } from '../node/model-file.ts';
import { parseOverrides } from '../scenario/overrides.ts';
import { formatPath, type ScenarioProblem } from '../scenario/problems.ts';
import { loadModel } from './load-model.ts';

export interface ValidateFlags {
  set: string[];
  variant?: string;
  json?: boolean;
}

function problemJson(p: ScenarioProblem) {
  return { file: p.file, path: p.path.length === 0 ? null : formatPath(p.path), line: p.line ?? null, column: p.column ?? null, message: p.message };
}

/** The model loaded, or its problems as JSON values (for --json: the answer either way). */
function loadForJson(model: string, flags: ValidateFlags) {
  const overrides = parseOverrides(flags.set);
  if (typeof overrides === 'string') return { ok: false as const, problems: [{ file: '--set', path: null, line: null, column: null, message: overrides }] };
  const loaded = readAndPrepare(model, overrides, flags.variant);
  if (!loaded.ok) return { ok: false as const, problems: loaded.problems.map(problemJson) };
  return { ok: true as const, loaded: { ...loaded, overrides } };
}

export function validateCommand(model: string, flags: ValidateFlags, io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream }): number {
  let loaded;
  if (flags.json) {
    const result = loadForJson(model, flags);
    if (!result.ok) {
      io.out.write(JSON.stringify({ model, valid: false, problems: result.problems }, null, 2) + '\n');
      return 2;
    }
    loaded = result.loaded;
  } else {
    loaded = loadModel(model, flags, { log: io.err });
  }
  const { compiled } = loaded;
  const facts = {
    actors: compiled.actors.length,
    issues: compiled.issues.length,
    feasiblePackages: compiled.packageCount,
    packages: compiled.packagesBeforeFeasibility,
    parameters: compiled.parameters.length,
    uncertainParameters: compiled.uncertainParameters.length,
  };
  if (flags.json) {
    io.out.write(
      JSON.stringify(
        {
          model,
          valid: true,
          scenario: loaded.scenario.name,
          ...facts,
          overrides: loaded.overrides.map((o) => o.text),
          rebalanced: loaded.rebalanced,
          problems: [],
        },
        null,
        2,
      ) + '\n',
    );
    return 0;
  }
  io.out.write(
    `${model}: valid — ${facts.actors} actors, ${facts.issues} issues, ${facts.feasiblePackages} feasible packages of ${facts.packages}, ` +
      `${facts.parameters} parameters (${facts.uncertainParameters} uncertain)\n`,
  );
  return 0;
}
