/** `parley init NAME`: writes a commented template model to start a scenario from. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeOutputFile } from './run-folder.ts';
import { UsageError } from '../node/usage-error.ts';

const TEMPLATE = new URL('./templates/scenario-template.yaml', import.meta.url);

export function initCommand(name: string, flags: { out?: string }, io: { out: NodeJS.WritableStream }): number {
  if (!/^[a-z][a-z0-9-]*$/.test(name))
    throw new UsageError([`NAME: expected an id of lower-case letters, digits and dashes, starting with a letter, got "${name}"`]);
  const file = flags.out ?? join('models', `${name}.yaml`);
  if (existsSync(file)) throw new UsageError([`${file} already exists; parley init never overwrites a file (choose another --out)`]);
  const title = name.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
  const text = readFileSync(TEMPLATE, 'utf8').replace('__NAME__', name).replace('__TITLE__', title);
  writeOutputFile(file, text, { flag: '--out', command: 'parley init' });
  io.out.write(`Wrote ${file}. Edit it, then: parley validate ${file} && parley run ${file}\n`);
  return 0;
}
