/**
 * Captions: every chart parley draws carries, in the image itself, where its numbers come from —
 * scenario (with variant and override digest, provenance.ts), mechanism, runs and seed — so a PNG
 * pasted into a slide keeps its provenance. The caption is the bottom title of a one-element
 * vconcat around the chart, so any spec (layers, facets, concatenations) takes one unchanged.
 */
import type { TopLevelSpec } from 'vega-lite';
import { provenanceLabel, type Provenance } from '../simulation/provenance.ts';
import type { Summary } from '../simulation/summary-types.ts';
import { chartText, VEGA_LITE_SCHEMA } from './common.ts';
import { thousands } from '../format/numbers.ts';

/** Caption lines are broken at about this many characters (a 600-pixel chart at 12 px). */
export const CAPTION_LINE_CHARS = 100;
/** Overrides beyond this many characters are cut (the digest in the first line still names them exactly). */
const OVERRIDE_CHARS = 2 * CAPTION_LINE_CHARS;

const CAPTION_MARK = 'parley-caption';

/** Joins `parts` with " · " into lines of at most about CAPTION_LINE_CHARS characters. */
export function joinIntoLines(parts: readonly string[], separator = ' · ', limit = CAPTION_LINE_CHARS): string[] {
  const lines: string[] = [];
  for (const part of parts) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + separator.length + part.length <= limit) lines[last] += `${separator}${part}`;
    else lines.push(part);
  }
  return lines;
}

/** The overrides as `--set …` words on lines of their own, cut (with "…") past OVERRIDE_CHARS. */
function overrideLines(overrides: readonly string[]): string[] {
  if (overrides.length === 0) return [];
  let text = overrides.map((o) => `--set ${o}`).join(' ');
  if (text.length > OVERRIDE_CHARS) text = `${text.slice(0, OVERRIDE_CHARS - 1)}…`;
  const lines: string[] = [];
  for (let at = 0; at < text.length; at += CAPTION_LINE_CHARS) lines.push(text.slice(at, at + CAPTION_LINE_CHARS));
  return lines;
}

/** A caption from its facts: "parley · <facts joined> ", then the overrides. */
export function caption(facts: readonly string[], provenance: Provenance | null): string[] {
  return [...joinIntoLines(['parley', ...facts]), ...overrideLines(provenance?.overrides ?? [])];
}

/** A batch's caption: scenario (with variant and override digest), mechanism, runs and seed. */
export function batchCaption(summary: Summary, provenance: Provenance | null = null): string[] {
  const label = provenance === null ? summary.scenario.name : provenanceLabel(provenance);
  return caption([label, `mechanism ${summary.mechanism}`, `${thousands(summary.runs)} runs`, `seed ${summary.seed}`], provenance);
}

type Spec = Record<string, unknown>;

/** Whether `spec` is a chart wrapped by withCaption. */
function isCaptioned(spec: Spec): spec is Spec & { vconcat: [Spec] } {
  return (spec.usermeta as Spec | undefined)?.[CAPTION_MARK] === true && Array.isArray(spec.vconcat) && spec.vconcat.length === 1;
}

/** The chart with `lines` as its caption, under it in small grey type. */
export function withCaption(spec: TopLevelSpec, lines: readonly string[]): TopLevelSpec {
  const { $schema, config, ...chart } = spec as unknown as Spec;
  return {
    $schema: ($schema as string | undefined) ?? VEGA_LITE_SCHEMA,
    description: chart.description,
    usermeta: { [CAPTION_MARK]: true },
    title: { text: lines.map(chartText), orient: 'bottom', anchor: 'start', fontSize: 12, fontWeight: 'normal', color: '#57606a', offset: 14, lineHeight: 15 },
    vconcat: [chart],
    ...(config === undefined ? {} : { config }),
  } as unknown as TopLevelSpec;
}

/** A chart's title as a page shows it under its own heading: the title's text goes (the heading says it), a subtitle stays as plain text. */
function withoutTitleText(spec: Spec): Spec {
  const title = spec.title;
  if (title !== null && typeof title === 'object' && 'subtitle' in title && title.subtitle !== undefined) {
    return { ...spec, title: { text: title.subtitle, anchor: 'start', fontSize: 13, fontWeight: 'normal', color: '#333' } };
  }
  return { ...spec, title: undefined };
}

/** The spec as a report embeds it under a heading with the chart's title: its own title left out, its caption kept. */
export function untitled(spec: TopLevelSpec): TopLevelSpec {
  const s = spec as unknown as Spec;
  if (isCaptioned(s)) return { ...s, vconcat: [withoutTitleText(s.vconcat[0])] } as unknown as TopLevelSpec;
  return withoutTitleText(s) as unknown as TopLevelSpec;
}
