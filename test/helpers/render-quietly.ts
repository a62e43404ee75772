/** Renders a chart spec to SVG and returns it with every warning or error Vega-Lite and Vega logged. */
import * as vega from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from '../../src/charts/render.ts';

export async function renderQuietly(spec: TopLevelSpec): Promise<{ svg: string; messages: string[] }> {
  const messages: string[] = [];
  const logger = vega.logger(vega.Warn, undefined, (_method, level, args) => {
    messages.push(`${level} ${args.map(String).join(' ')}`);
  });
  return { svg: await renderSvg(spec, { logger }), messages };
}
