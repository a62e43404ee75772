/**
 * A small valid model whose every label is a name that has broken programs before: JavaScript's
 * inherited property names, quotes, markup that closes a <script>, right-to-left overrides,
 * characters of field paths and templates. Ids stay plain (reserved ids are refused); labels may
 * say anything and must reach charts and reports as text only.
 */
import { stringify } from 'yaml';

/** Names JavaScript objects inherit: as a Vega expression literal each is read as code. */
export const INHERITED_NAMES = [...Object.getOwnPropertyNames(Object.prototype), 'prototype'];

export const HOSTILE_LABELS = {
  actorA: 'constructor',
  actorB: '__proto__',
  actorC: `"Quoted" 'single' </script><script>window.pwned = 1</script>`,
  actorD: '\u202Eevil RTL\u202C a.b[0] ${x} \\ ∑ 🕊',
  issueX: 'hasOwnProperty',
  issueZ: 'valueOf',
  optionX0: 'toString',
  optionX1: 'prototype',
  optionX2: '<b>&amp;</b> datum.share',
  patience: '</title><img src=x onerror="window.pwned=2">',
  backstop: 'it\'s "yes" or {{no}}',
  title: '</title><script>window.pwned = 3</script> Talks',
};

export function hostileModel(): Record<string, unknown> {
  const L = HOSTILE_LABELS;
  const tastes = (ideal: number, x: [number, number, number]) => ({
    capability: 1,
    reservation: { dist: 'uniform', min: 0.2, max: 0.35, label: `${L.patience} reservation` },
    patience: { dist: 'uniform', min: 0.85, max: 0.99, label: L.patience },
    salience: { x: 0.5, z: 0.5 },
    preferences: { x: { x0: x[0], x1: x[1], x2: x[2] }, z: { ideal } },
  });
  return {
    name: 'hostile-names',
    title: L.title,
    negotiation: { rounds: 12, breakdownRisk: { dist: 'uniform', min: 0.01, max: 0.05, label: 'toLocaleString' } },
    vetoPlayers: ['a', 'b'],
    issues: {
      x: { label: L.issueX, kind: 'categorical', options: { x0: { label: L.optionX0 }, x1: { label: L.optionX1 }, x2: { label: L.optionX2 } } },
      z: { label: L.issueZ, kind: 'continuous', range: [0, 1], levels: 6, unit: 'propertyIsEnumerable' },
    },
    actors: {
      a: { label: L.actorA, ...tastes(1, [1, 0.5, 0]), reservation: { dist: 'uniform', min: 0.2, max: 0.35, label: '__lookupGetter__' } },
      b: { label: L.actorB, ...tastes(0, [0, 0.5, 1]) },
      c: { label: L.actorC, ...tastes(0.4, [0.3, 1, 0.2]) },
      d: {
        label: L.actorD,
        ...tastes(0.6, [0.5, 0.2, 1]),
        capability: { dist: 'bernoulli', p: 0.5, ifTrue: 2, ifFalse: 1, label: 'isPrototypeOf' },
        concession: { dist: 'triangular', min: 0.5, mode: 1, max: 4, label: L.backstop },
      },
    },
    variants: { patient: { description: L.actorC, set: { 'actors.a.patience': 0.99 } } },
  };
}

export function hostileModelYaml(): string {
  return stringify(hostileModel());
}
