/**
 * Two kinds of mechanism, which results must not confuse:
 *
 * - talks: offers are made round after round and answered (alternating-offers, random-proposer,
 *   single-text); they end in a deal, a collapse (breakdown), at the deadline, or stalled at the
 *   safety cap of an open-ended negotiation;
 * - forecast: one package is computed per run from the actors' positions or utilities
 *   (expected-utility, compromise, nash, kalai-smorodinsky); no one bargains, so nothing
 *   "collapses": the forecast is accepted (every actor whose consent it needs gets at least its
 *   reservation utility) or vetoed.
 */
import type { MechanismName } from '../compiled-scenario.ts';

export type MechanismKind = 'talks' | 'forecast';

const KINDS: Record<MechanismName, MechanismKind> = {
  'alternating-offers': 'talks',
  'random-proposer': 'talks',
  'single-text': 'talks',
  'expected-utility': 'forecast',
  compromise: 'forecast',
  nash: 'forecast',
  'kalai-smorodinsky': 'forecast',
};

export function mechanismKind(name: MechanismName): MechanismKind {
  return KINDS[name];
}
