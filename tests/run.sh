#!/usr/bin/env bash
# Runs every test of the portal on this machine, from a fresh clone.
# It installs what is missing (Chromium, PostgreSQL and Redmine from Debian's packages) and
# starts PostgreSQL and Redmine on 127.0.0.1. Then it builds, runs all test projects and stops
# what it started. The last line it prints is "N passed, N failed, N skipped".
#
# Extra arguments go to `dotnet test`, e.g. tests/run.sh --filter "FullyQualifiedName~Sync".
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

apt_updated=""
install_package() {
  local package=$1
  if ! dpkg -s "$package" >/dev/null 2>&1; then
    if [ -z "$apt_updated" ]; then
      apt-get update -qq
      apt_updated=1
    fi
    echo "Installing $package from Debian's packages"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$package" >/dev/null
  fi
}

stop_services() {
  deploy/redmine/redmine.sh stop || true
  deploy/postgres/postgres.sh stop || true
}

install_package chromium

deploy/postgres/postgres.sh start
trap stop_services EXIT
eval "$(deploy/postgres/postgres.sh env)"

deploy/redmine/redmine.sh install
deploy/redmine/redmine.sh start
deploy/redmine/redmine.sh setup
# Every run starts from the database as it was right after setup, without earlier runs' projects.
deploy/redmine/redmine.sh reset
eval "$(deploy/redmine/redmine.sh env)"

dotnet build IntegrationPortal.sln -c Release -nologo -clp:ErrorsOnly

log=$(mktemp)
status=0
dotnet test IntegrationPortal.sln -c Release --no-build -nologo "$@" 2>&1 | tee "$log" || status=$?

# dotnet test prints one summary line per test assembly; add them up into the closing line.
# No summary line at all means no test ran, which counts as a failure.
summary=$(awk '
  /(Passed|Failed)! +- +Failed:/ {
    gsub(/,/, "");
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:") failed += $(i + 1);
      if ($i == "Passed:") passed += $(i + 1);
      if ($i == "Skipped:") skipped += $(i + 1);
    }
    assemblies++
  }
  END {
    printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped;
    if (assemblies == 0) exit 3
  }' "$log") || { [ "$status" -ne 0 ] || status=3; }
rm -f "$log"
echo "$summary"
exit "$status"
