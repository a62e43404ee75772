/**
 * Concession paths of one replayed run, one small panel per actor (seven tangled lines in one plot
 * hide who moved): the actor's aspiration round by round (the line), its utility of the package
 * on the table in each round (the dots), and its fallback, the value of no deal (the red line).
 * Where the dots reach the line, the actor accepts; a deal is the round where every actor whose
 * consent the offer needs does. All panels share one utility scale.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Replay } from '../simulation/replay.ts';
import { BAR_COLOR, byRank, CHART_CONFIG, chartText, PANEL_TITLE_SIZE, RESERVATION_COLOR, VEGA_LITE_SCHEMA } from './common.ts';

export const CONCESSION_PATHS_TITLE = 'How each actor’s demands fell during the talks';

/** Panels per row. */
const COLUMNS = 4;

export function concessionPathsSpec(replay: Replay, actorLabels: string[], runLabel: string): TopLevelSpec {
  const { reservation } = replay.context.instance;
  const values = replay.rounds.flatMap((r) =>
    actorLabels.map((actor, a) => ({
      round: r.round,
      actor: chartText(actor),
      actorRank: a,
      aspiration: Number.isFinite(r.aspirations[a]) ? r.aspirations[a] : null,
      offered: Number.isFinite(r.utilities[a]) ? r.utilities[a] : null,
    })),
  );
  const fallbacks = actorLabels.map((actor, a) => ({ actor: chartText(actor), actorRank: a, fallback: reservation[a], label: 'fallback' }));
  // One scale for every panel: [0, 1], widened to any utility outside it (a package below an actor's worst listed option).
  const all = [...values.flatMap((v) => [v.aspiration, v.offered]), ...fallbacks.map((f) => f.fallback)].filter(
    (x): x is number => x !== null && Number.isFinite(x),
  );
  const utility = { type: 'quantitative' as const, title: 'Utility', scale: { domain: [Math.min(0, ...all), Math.max(1, ...all)], nice: false } };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: CONCESSION_PATHS_TITLE,
      subtitle: [chartText(runLabel), 'Line: what the actor asks (aspiration) · dots: its value of the offer on the table · red: its fallback (no deal)'],
    },
    config: { ...CHART_CONFIG, header: { ...CHART_CONFIG.header, labelFontSize: PANEL_TITLE_SIZE, labelFontWeight: 'bold' } },
    data: { values: [...values, ...fallbacks] },
    facet: { field: 'actor', type: 'nominal', sort: byRank('actorRank'), title: null },
    columns: COLUMNS,
    spacing: { row: 16, column: 12 },
    spec: {
      width: 200,
      height: 130,
      layer: [
        {
          transform: [{ filter: 'isValid(datum.fallback)' }],
          mark: { type: 'rule', color: RESERVATION_COLOR, strokeWidth: 1.5, strokeDash: [5, 3] },
          encoding: {
            y: { ...utility, field: 'fallback' },
            tooltip: [
              { field: 'actor', title: 'Actor' },
              { field: 'fallback', title: 'Fallback (no deal)', format: '.3f' },
            ],
          },
        },
        {
          transform: [{ filter: 'isValid(datum.round)' }],
          mark: { type: 'line', strokeWidth: 2, color: '#333' },
          encoding: { x: { field: 'round', type: 'quantitative', title: 'Round', axis: { tickMinStep: 1 } }, y: { ...utility, field: 'aspiration' } },
        },
        {
          transform: [{ filter: 'isValid(datum.round)' }],
          mark: { type: 'point', filled: true, size: 22, color: BAR_COLOR },
          encoding: {
            x: { field: 'round', type: 'quantitative' },
            y: { ...utility, field: 'offered' },
            tooltip: [
              { field: 'actor', title: 'Actor' },
              { field: 'round', title: 'Round' },
              { field: 'offered', title: 'Value of the offer', format: '.3f' },
              { field: 'aspiration', title: 'Asks', format: '.3f' },
            ],
          },
        },
      ],
    },
  };
}
