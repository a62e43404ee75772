/**
 * A finished batch as a run folder in one call — summary.json, scenario.json, charts/ (specs, SVG,
 * PNG), report.html and manifest.json — written under a temporary name and renamed into place when
 * complete; an existing folder is never overwritten. `parley run` writes the same files through
 * the same writeReport, adding its command line, timings and runs.csv to the manifest.
 */
import type { Scenario } from '../scenario/schema.ts';
import type { Summary } from '../simulation/summary-types.ts';
import type { Model } from './model-file.ts';
import { RunFolder } from './run-folder.ts';
import { UsageError } from './usage-error.ts';
import { manifestModel, provenanceOf } from './provenance.ts';
import { PARLEY_VERSION } from './package-files.ts';
import { writeReport } from './write-charts.ts';

export interface RunFolderContents {
  scenario: Scenario;
  summary: Summary;
  /** The model file the batch came from, recorded in the manifest with its SHA-256. */
  model?: Pick<Model, 'file' | 'text' | 'overrides' | 'variant'>;
  /** Draw every chart as SVG and PNG (default true); the specs and report.html are always written. */
  drawings?: boolean;
}

/** Writes the run folder `destination` (which must not exist); returns its absolute path. */
export async function writeRunFolder(destination: string, contents: RunFolderContents): Promise<string> {
  const taken = RunFolder.check(destination);
  if (taken !== undefined) throw new UsageError([taken]);
  const folder = RunFolder.open(destination, { command: 'writeRunFolder' });
  try {
    const createdAt = new Date().toISOString();
    const { summary, model } = contents;
    const record =
      model === undefined
        ? undefined
        : manifestModel(
            model.file,
            model.text,
            model.overrides.map((o) => o.text),
            model.variant,
          );
    const provenance = provenanceOf(summary.scenario.name, record);
    const files = await writeReport(folder, summary, contents.scenario, { createdAt, provenance }, { drawings: contents.drawings });
    folder.writeJson('manifest.json', {
      parley: PARLEY_VERSION,
      ...(record === undefined ? {} : { model: record }),
      mechanism: summary.mechanism,
      scenario: summary.scenario.name,
      seed: summary.seed,
      runs: summary.runs,
      node: process.version,
      createdAt,
      files,
    });
    return folder.commit();
  } catch (e) {
    folder.discard();
    throw e;
  }
}
