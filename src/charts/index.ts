/**
 * Every chart of a batch, in report order. Each builder turns a Summary into a Vega-Lite spec
 * (data inlined); render.ts draws one as SVG, report.ts puts them all in one HTML page.
 */
import { actorUtilities } from './actor-utilities.ts';
import { agreedTerms } from './agreed-terms.ts';
import { assumptionEffects } from './assumption-effects.ts';
import type { ChartBuilder } from './common.ts';
import { convergence } from './convergence.ts';
import { outcomeShares } from './outcome-shares.ts';
import { roundsToDeal } from './rounds-to-deal.ts';
import { topPackages } from './top-packages.ts';
import { zoneOfAgreement } from './zone-of-agreement.ts';

export type { ChartBuilder };

export const chartBuilders: ChartBuilder[] = [
  outcomeShares,
  zoneOfAgreement,
  agreedTerms,
  topPackages,
  actorUtilities,
  assumptionEffects,
  roundsToDeal,
  convergence,
];
