#!/usr/bin/env bash
# Seeds backlogs of several sizes, each into a throwaway SQLite database, with the portal's own
# seed-backlog command, and prints open requests against the decisions they need and the grouping
# time as a Markdown table. Sizes: BACKLOG_BENCH_SIZES (default "50 200 1000"); configuration:
# BACKLOG_BENCH_CONFIGURATION (default Release).
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
sizes="${BACKLOG_BENCH_SIZES:-50 200 1000}"
configuration="${BACKLOG_BENCH_CONFIGURATION:-Release}"
work="$(mktemp -d -t backlog-bench-XXXXXX)"
trap 'rm -rf "$work"' EXIT

dotnet build -c "$configuration" -v quiet -nologo "$root/src/IntegrationPortal.Web" >/dev/null

echo "| Requests seeded | Open requests | Decisions needed | Groups (requests in them) | Single requests | Grouping, ms | Loading, ms |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
for size in $sizes; do
  output="$(cd "$work" && Database__Provider=Sqlite Database__ConnectionString= Database__DataDirectory="$work/db-$size" \
    dotnet run --no-build -c "$configuration" --project "$root/src/IntegrationPortal.Web" -- seed-backlog --count "$size" --seed 1 2>/dev/null)"
  summary="$(grep '^Open requests:' <<<"$output")"
  timing="$(grep '^Loading the open requests' <<<"$output")"
  open="$(sed -E 's/^Open requests: ([0-9]+)\..*/\1/' <<<"$summary")"
  decisions="$(sed -E 's/.*Decisions needed: ([0-9]+) .*/\1/' <<<"$summary")"
  groups="$(sed -E 's/.*\(([0-9]+) groups covering ([0-9]+) requests, ([0-9]+) single.*/\1 (\2)/' <<<"$summary")"
  singles="$(sed -E 's/.*requests, ([0-9]+) single requests\)\./\1/' <<<"$summary")"
  loading="$(sed -E 's/.*took ([0-9.]+) ms; grouping.*/\1/' <<<"$timing")"
  grouping="$(sed -E 's/.*grouping them took ([0-9.]+) ms.*/\1/' <<<"$timing")"
  echo "| $size | $open | $decisions | $groups | $singles | $grouping | $loading |"
done
