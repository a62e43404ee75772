/**
 * NegMAS's reference negotiations as parley scenarios: opposed linear-additive utilities with
 * random weights, reservation value 0.2, time-based (Boulware) aspiration negotiators, no
 * discounting and no breakdown risk.
 *
 * Same work: a NegMAS step is every party offering once (its SAO mechanism with 100 steps), while
 * a parley round is one offer. So parley plays rounds = 100 × parties, and the two make about as
 * many offers per negotiation (NegMAS: 179 in the 2-party 5 × 5 case, 352 in the 4-party one).
 *
 * The NegMAS figures (NegMAS 0.15.7, this machine, one core, from issue 14's paired
 * re-measurement): in 0.15.7 `preferences/inv_ufun/_common.py:_nearest_around` overwrites its
 * window argument (`n = len(a) - 1`), so every offer scans all outcomes in Python, 57 % of its
 * time. With that one line fixed NegMAS runs 2p 5 × 5 at 27.0/s and 4p 5 × 5 at 12.1/s (stock:
 * 9.8 and 4.5, measured alongside), with the same agreement rates and steps. The 1 × 100 case was
 * not re-measured with the fix (PyPI is not reachable from this machine): its 37.5/s is stock
 * NegMAS, measured earlier, and the bug costs less there (100 outcomes to scan, not 3,125).
 *
 * With 5 issues the weights are drawn afresh in every run (uniform, rescaled to sum to 1), so each
 * negotiation builds its utility tables from scratch. With one issue the weight is 1: every run is
 * the same negotiation, though all its rounds are still played.
 */
export interface ReferenceCase {
  name: string;
  parties: number;
  issues: number;
  values: number;
  /** NegMAS negotiations per second on this machine (one core). */
  negmasPerSecond: number;
  /** How that figure was measured: with the one-line fix of `_nearest_around`, or stock 0.15.7. */
  negmasBuild: 'fixed' | 'stock';
  /** Offers per negotiation NegMAS made in that measurement (null: not recorded). */
  negmasOffers: number | null;
}

/** A NegMAS step is one offer per party: the same offers per negotiation take 100 × parties parley rounds. */
export const NEGMAS_STEPS = 100;

export const REFERENCE_CASES: ReferenceCase[] = [
  { name: '2 parties, 1 issue × 100 values', parties: 2, issues: 1, values: 100, negmasPerSecond: 37.5, negmasBuild: 'stock', negmasOffers: null },
  { name: '2 parties, 5 issues × 5 values', parties: 2, issues: 5, values: 5, negmasPerSecond: 27.0, negmasBuild: 'fixed', negmasOffers: 179 },
  { name: '4 parties, 5 issues × 5 values', parties: 4, issues: 5, values: 5, negmasPerSecond: 12.1, negmasBuild: 'fixed', negmasOffers: 352 },
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
    negotiation: { rounds: NEGMAS_STEPS * c.parties, breakdownRisk: 0 },
    vetoPlayers: partyIds,
    issues,
    actors,
  };
}
