#!/bin/sh
# Scores chrome removal on ../shared/eval/webpages (990 real pages, trafilatura's evaluation set)
# with the team's scorer, which runs `explainer extract` on the pages and counts which gold
# segments (article / furniture) occur in the headline + paragraphs it prints.
#   tools/score_pages.sh [text|html] [all|en] [DETAILS-FILE]
# A benchmark, not a test: run it by hand after changing src/clean.rs or src/html.rs.
set -e
cd "$(dirname "$0")/.."
shared="${EXPLAINER_SHARED:-../shared}"
cargo build --release --quiet
exe="$PWD/target/release/explainer"
input="${1:-text}"; lang="${2:-all}"
set -- --input "$input" --lang "$lang" ${3:+--details "$3"}
exec python3 "$shared/eval/webpages/score_pages.py" --cmd "$exe extract --no-edits {files}" "$@"
