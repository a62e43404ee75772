/**
 * Draws a Vega-Lite spec as an SVG string, headless in Node: compile to Vega, then a View with
 * no renderer of its own. No canvas and no fonts are needed: text widths come from a table of
 * sans-serif advance widths (text-width.ts) instead of Vega's much wider default guess. Vega and
 * Vega-Lite come from their single-file builds (vega-bundles.ts), loaded on the first drawing.
 */
import type * as Vega from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { sansSerifWidth } from './text-width.ts';
import { vegaLibraries, type VegaLibraries } from './vega-bundles.ts';

export interface RenderOptions {
  /** Receives Vega-Lite's and Vega's warnings (by default they go to the console). */
  logger?: Vega.LoggerInterface;
}

interface TextItem {
  text?: unknown;
  fontSize?: number;
  fontWeight?: unknown;
  /** Maximum width in pixels (0: none); Vega truncates longer text with an ellipsis. */
  limit?: number;
}

/** vega-scenegraph's text-measuring hook; exported by vega at run time but not in its typings. */
interface TextMetrics {
  width: (item: TextItem, text?: unknown) => number;
  estimateWidth: (item: TextItem, text?: unknown) => number;
}

function textWidth(item: TextItem, text?: unknown): number {
  // Vega hands over whatever the datum holds and stringifies it as `line + ''`; measure that same text.
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- the text is Vega's, of no declared type
  const value = String(text ?? item.text ?? '').trim();
  const width = sansSerifWidth(value, item.fontSize ?? 11, item.fontWeight);
  return item.limit !== undefined && item.limit > 0 ? Math.min(width, item.limit) : width;
}

function useSansSerifWidths(vega: typeof Vega): void {
  const metrics = (vega as unknown as { textMetrics?: TextMetrics }).textMetrics;
  // Vega's browser build finds no canvas to measure text with in Node; replace its rough estimate.
  if (metrics !== undefined && metrics.width === metrics.estimateWidth) metrics.width = textWidth;
}

/**
 * A logger that remembers Vega's errors: Vega reports a dataflow that fails (an operator that
 * cannot be built, an expression that does not parse) as a logged error and draws an empty chart,
 * which must never reach a report silently.
 */
function errorCollecting(vega: typeof Vega, forward: Vega.LoggerInterface | undefined): { logger: Vega.LoggerInterface; errors: string[] } {
  const errors: string[] = [];
  const base = forward ?? vega.logger(vega.Warn);
  const logger: Vega.LoggerInterface = {
    level(...args: [number?]) {
      if (args.length === 0) return base.level();
      base.level(args[0]);
      return logger;
    },
    error(...args: readonly unknown[]) {
      errors.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '));
      base.error(...args);
      return logger;
    },
    warn(...args: readonly unknown[]) {
      base.warn(...args);
      return logger;
    },
    info(...args: readonly unknown[]) {
      base.info(...args);
      return logger;
    },
    debug(...args: readonly unknown[]) {
      base.debug(...args);
      return logger;
    },
  };
  return { logger, errors };
}

/** The chart's title for a message: its text, whether the title is given as text or as title parameters. */
function chartName(spec: TopLevelSpec): string {
  const title = typeof spec.title === 'object' && !Array.isArray(spec.title) ? spec.title.text : spec.title;
  if (typeof title === 'string') return title;
  if (Array.isArray(title)) return title.join(' ');
  return spec.description ?? '';
}

/** The spec drawn as SVG with Vega and Vega-Lite from their single-file builds. */
export function renderSvg(spec: TopLevelSpec, options: RenderOptions = {}): Promise<string> {
  return renderSvgWith(vegaLibraries(), spec, options);
}

/** The spec drawn as SVG with the given Vega and Vega-Lite (e.g. the packages' ES modules, to compare). */
export async function renderSvgWith({ vega, vegaLite }: VegaLibraries, spec: TopLevelSpec, options: RenderOptions = {}): Promise<string> {
  useSansSerifWidths(vega);
  const { logger } = options;
  const compiled = vegaLite.compile(spec, logger === undefined ? {} : { logger });
  const collected = errorCollecting(vega, logger);
  const view = new vega.View(vega.parse(compiled.spec), { renderer: 'none', logger: collected.logger });
  try {
    const svg = await view.toSVG();
    if (collected.errors.length > 0) throw new Error(`Vega could not draw the chart "${chartName(spec)}": ${collected.errors.join('; ')}`);
    return svg;
  } finally {
    view.finalize();
  }
}
