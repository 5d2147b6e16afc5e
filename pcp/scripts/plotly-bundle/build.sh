#!/usr/bin/env bash
# Builds static/js/plotly-dashboards.min.js, the plotly.js the metric pages load.
#
# The dashboards draw only scatter (lines, markers) and bar traces, with shapes, annotations,
# a legend and hover; entry.js registers just those (plotly.js's src/core.js without sliders,
# menus, range sliders and selectors, images, 3D annotations or error bars). That and brotli
# (WhiteNoise serves .br files when the brotli package is installed) keep a metric page's first
# visit under 350 kB; bench/metrics.py measures it. Only the built file is committed.
#
# The maplibre stylesheet plotly.js imports is for maps only: it is left out (--loader:.css=empty).
# Needs node and npm (the npm registry). Run from anywhere: bash pcp/scripts/plotly-bundle/build.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../../../static/js/plotly-dashboards.min.js"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$here/package.json" "$here/entry.js" "$work/"
cd "$work"
npm install --ignore-scripts --no-audit --no-fund >/dev/null 2>&1
version="$(node -p 'require("plotly.js/package.json").version')"
npx esbuild --version >/dev/null
{
  printf '/*! plotly.js v%s (MIT licence, Copyright Plotly, Inc.): scatter and bar only,\n' "$version"
  printf '    built by pcp/scripts/plotly-bundle/build.sh */\n'
  npx esbuild entry.js --bundle --minify --format=iife --global-name=Plotly --target=es2016 \
    --define:global=window --define:define.amd=false --alias:regl=@plotly/regl \
    --loader:.css=empty --log-level=error --outfile=bundle.js
  cat bundle.js
} >"$out"
echo "wrote $out ($(wc -c <"$out") bytes)"
