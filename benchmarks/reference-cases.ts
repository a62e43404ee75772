/**
 * NegMAS's reference negotiations as parley scenarios: opposed linear-additive utilities with
 * random weights, reservation value 0.2, 100 rounds, time-based (Boulware) aspiration
 * negotiators, no discounting and no breakdown risk. NegMAS 0.15.7 was measured on this machine,
 * one core (figures from the performance issue):
 *   2 parties, 1 issue × 100 values: 37.5 negotiations/s
 *   2 parties, 5 issues × 5 values (3,125 packages): 8.6 negotiations/s
 *   4 parties, 5 issues × 5 values: 3.7 negotiations/s
 * All reached agreement after about 90 rounds. With 5 issues the weights are drawn afresh in every
 * run (uniform, rescaled to sum to 1), so each negotiation builds its utility tables from scratch.
 * With one issue the weight is 1: every run is the same negotiation (its utilities are computed
 * once per worker), though all its rounds are still played.
 */
export interface ReferenceCase {
  name: string;
  parties: number;
  issues: number;
  values: number;
  negmasPerSecond: number;
}

export const REFERENCE_CASES: ReferenceCase[] = [
  { name: '2 parties, 1 issue × 100 values', parties: 2, issues: 1, values: 100, negmasPerSecond: 37.5 },
  { name: '2 parties, 5 issues × 5 values', parties: 2, issues: 5, values: 5, negmasPerSecond: 8.6 },
  { name: '4 parties, 5 issues × 5 values', parties: 4, issues: 5, values: 5, negmasPerSecond: 3.7 },
];

/** The model (as a plain object, validated like a file): parties alternate between wanting high and low values. */
export function referenceScenario(c: ReferenceCase): unknown {
  const issueIds = Array.from({ length: c.issues }, (_, i) => `issue-${i + 1}`);
  const optionIds = Array.from({ length: c.values }, (_, k) => `v${k}`);
  const partyIds = Array.from({ length: c.parties }, (_, k) => `party-${k + 1}`);
  const issues = Object.fromEntries(
    issueIds.map((id) => [id, { label: id, kind: 'ordinal', options: Object.fromEntries(optionIds.map((o) => [o, { label: o }])) }]),
  );
  const actors = Object.fromEntries(
    partyIds.map((id, k) => [
      id,
      {
        label: id,
        capability: 1,
        reservation: 0.2,
        patience: 1,
        concession: 'boulware',
        // Random weights with mean 1/issues; each run rescales them to sum to 1.
        salience: Object.fromEntries(issueIds.map((i) => [i, c.issues === 1 ? 1 : { dist: 'uniform', min: 0, max: 2 / c.issues }])),
        preferences: Object.fromEntries(
          issueIds.map((i) => [i, Object.fromEntries(optionIds.map((o, j) => [o, k % 2 === 0 ? j / (c.values - 1) : 1 - j / (c.values - 1)]))]),
        ),
      },
    ]),
  );
  return {
    name: `negmas-${c.parties}p-${c.issues}x${c.values}`,
    title: `NegMAS reference: ${c.name}`,
    negotiation: { rounds: 100, breakdownRisk: 0 },
    vetoPlayers: partyIds,
    issues,
    actors,
  };
}
