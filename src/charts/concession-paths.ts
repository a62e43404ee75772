/**
 * Concession paths of one replayed run: each actor's aspiration round by round (the line) and
 * its utility of the package on the table in each round (the dots). Where an actor's dot reaches
 * its line, it accepts; a deal is the round where every actor whose consent the offer needs does.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Replay } from '../simulation/replay.ts';
import { byRank, CHART_CONFIG, chartText, VEGA_LITE_SCHEMA } from './common.ts';

export const CONCESSION_PATHS_TITLE = 'How each actor’s demands fell during the talks';

export function concessionPathsSpec(replay: Replay, actorLabels: string[], runLabel: string): TopLevelSpec {
  const values = replay.rounds.flatMap((r) =>
    actorLabels.map((actor, a) => ({
      round: r.round,
      actor,
      actorRank: a,
      aspiration: Number.isFinite(r.aspirations[a]) ? r.aspirations[a] : null,
      offered: Number.isFinite(r.utilities[a]) ? r.utilities[a] : null,
    })),
  );
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: CONCESSION_PATHS_TITLE, subtitle: chartText(runLabel) },
    config: CHART_CONFIG,
    width: 560,
    height: 320,
    data: { values },
    encoding: {
      x: { field: 'round', type: 'quantitative', title: 'Round', axis: { tickMinStep: 1 } },
      color: { field: 'actor', type: 'nominal', title: 'Actor', sort: byRank('actorRank') },
    },
    layer: [
      { mark: { type: 'line', strokeWidth: 2 }, encoding: { y: { field: 'aspiration', type: 'quantitative', title: 'Utility (line: aspiration; dots: the offer on the table)' } } },
      { mark: { type: 'point', filled: true, size: 30 }, encoding: { y: { field: 'offered', type: 'quantitative' }, tooltip: [{ field: 'actor' }, { field: 'round' }, { field: 'offered', format: '.3f' }, { field: 'aspiration', format: '.3f' }] } },
    ],
  };
}
