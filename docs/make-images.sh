#!/bin/bash
# Regenerates the README's pictures (docs/images/*.png) from the default scenario, seed 1.
# Every picture is a chart parley itself writes; this only picks them out of the folders.
#   bash docs/make-images.sh        (about 3 minutes on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build --silent   # bin/parley.mjs runs dist/
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
parley() { node bin/parley.mjs "$@" >/dev/null; }

parley run --runs 10000 --seed 1 --out "$work/run"
parley run --variant all --runs 4000 --seed 1 --out "$work/variants"
parley run --mechanism all --runs 4000 --seed 1 --out "$work/mechanisms"
parley sweep --param actors.russia.reservation=0.38:0.7:9 --runs 4000 --seed 1 --out "$work/sweep"
parley sensitivity --runs 4000 --seed 1 --out "$work/sensitivity"
parley replay "$work/run" --run 7 --out "$work/replay"

mkdir -p docs/images
cp "$work/run/charts/outcome-shares.png" "$work/run/charts/agreed-terms.png" "$work/run/charts/assumption-effects.png" docs/images/
cp "$work/variants/charts/compare-outcomes.png" docs/images/compare-outcomes.png
cp "$work/mechanisms/charts/compare-outcomes.png" docs/images/mechanisms-outcomes.png
cp "$work/replay/concession-paths.png" docs/images/concession-paths.png
cp "$work"/sweep/charts/*.png docs/images/
for f in "$work"/sensitivity/charts/*.png; do cp "$f" "docs/images/sensitivity-$(basename "$f")"; done
ls docs/images
