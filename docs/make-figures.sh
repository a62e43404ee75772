#!/bin/bash
# Prints the figures the README quotes for the default scenario ("The default scenario"), from the
# commands that produce them, so the README can be checked against what parley prints today.
#   bash docs/make-figures.sh        (about 2 minutes on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build --silent   # bin/parley.mjs runs dist/
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
parley() { node bin/parley.mjs "$@"; }
json() { node -e "const s=JSON.parse(require('fs').readFileSync('$1','utf8')); $2"; }

echo "== parley run --runs 10000 --seed 1"
parley run --runs 10000 --seed 1 --no-charts --out "$work/run" | sed -n '1,12p'
json "$work/run/summary.json" '
  const pct = (p) => (100 * p.share).toFixed(1) + "% (" + (100 * p.low).toFixed(1) + "–" + (100 * p.high).toFixed(1) + ")";
  console.log("P(zone)", pct(s.zone.exists), "· P(deal | zone)", pct(s.zone.dealGivenZone), "· P(deal)", pct(s.outcomes.deal));'

echo; echo "== parley run --variant all --runs 4000 --seed 1"
parley run --variant all --runs 4000 --seed 1 --no-charts --out "$work/variants" | grep -iE "deal|variant|points" | head -20

echo; echo "== parley run --mechanism all --runs 4000 --seed 1"
parley run --mechanism all --runs 4000 --seed 1 --no-charts --out "$work/mechanisms" | grep -iE "deal|accepted|points" | head -20

echo; echo "== parley sweep --param actors.russia.patience=0.9:0.99:10 --runs 4000 --seed 1"
parley sweep --param actors.russia.patience=0.9:0.99:10 --runs 4000 --seed 1 --out "$work/sweep-patience" | head -20

echo; echo "== parley sweep --param negotiation.rounds=6:60:10 --runs 4000 --seed 1"
parley sweep --param negotiation.rounds=6:60:10 --runs 4000 --seed 1 --out "$work/sweep-rounds" | head -20
