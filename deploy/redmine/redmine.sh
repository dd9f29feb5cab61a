#!/usr/bin/env bash
# Runs a local Redmine 5 (Debian 12 package, SQLite, WEBrick) on 127.0.0.1 for the Redmine
# connector tests and for demos. Every subcommand is safe to run again. Run as root.
set -euo pipefail

REDMINE_PORT="${REDMINE_PORT:-3000}"
REDMINE_STATE_DIR="${REDMINE_STATE_DIR:-/var/tmp/integrationportal-redmine}"

readonly REDMINE_HOME=/usr/share/redmine
readonly DATABASE_CONFIG=/etc/redmine/default/database.yml
readonly SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly SEED_FILE="$SCRIPT_DIR/seed/issues.json"
readonly SEED_PROJECT=portal-demo

# State files. The run folder belongs to www-data because the server writes its pid file there.
readonly RUN_DIR="$REDMINE_STATE_DIR/run"
readonly PID_FILE="$RUN_DIR/server.pid"
readonly LOG_FILE="$REDMINE_STATE_DIR/server.log"
readonly API_KEY_FILE="$REDMINE_STATE_DIR/api_key"
readonly PASSWORD_FILE="$REDMINE_STATE_DIR/admin_password"
readonly SNAPSHOT_FILE="$REDMINE_STATE_DIR/clean.sqlite3"

readonly BASE_URL="http://127.0.0.1:$REDMINE_PORT"
readonly START_TIMEOUT_SECONDS=90

usage() {
  cat <<EOF
Usage: $0 COMMAND

Commands:
  install  Install the Debian packages redmine and redmine-sqlite when missing.
  start    Start Redmine on $BASE_URL in the background and wait until it responds.
  setup    Enable the REST API, set the admin password, store the admin API key and,
           the first time, a snapshot of the clean database.
  all      install, start and setup.
  seed     Create the project '$SEED_PROJECT' with the issues in seed/issues.json.
  env      Print 'export REDMINE_URL=... REDMINE_API_KEY=...' for eval.
  reset    Stop, restore the clean database snapshot, start.
  stop     Stop the server started by 'start'.

Environment:
  REDMINE_PORT       TCP port on 127.0.0.1 (default 3000).
  REDMINE_STATE_DIR  Folder for the pid file, log, API key, admin password and database
                     snapshot (default /var/tmp/integrationportal-redmine).
EOF
}

log() {
  echo "redmine.sh: $*" >&2
}

fail() {
  log "error: $*"
  exit 1
}

as_redmine() {
  runuser -u www-data -- env REDMINE_INSTANCE=default RAILS_ENV=production "$@"
}

database_file() {
  local path
  path="$(sed -n 's/^[[:space:]]*database:[[:space:]]*//p' "$DATABASE_CONFIG" | head -n 1)"
  [[ -n "$path" ]] || fail "no 'database:' entry in $DATABASE_CONFIG"
  echo "$path"
}

require_installed() {
  [[ -d "$REDMINE_HOME" && -f "$DATABASE_CONFIG" ]] \
    || fail "Redmine is not installed; run '$0 install' first"
}

prepare_state_dir() {
  mkdir -p "$REDMINE_STATE_DIR" "$RUN_DIR"
  chmod 755 "$REDMINE_STATE_DIR"
  chown www-data:www-data "$RUN_DIR"
}

cmd_install() {
  if dpkg-query -W -f='${Status}\n' redmine redmine-sqlite 2>/dev/null \
      | grep -c '^install ok installed$' | grep -qx 2; then
    log "redmine and redmine-sqlite are already installed"
    return
  fi
  log "installing redmine and redmine-sqlite"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends redmine redmine-sqlite
}

server_pid() {
  local pid
  [[ -f "$PID_FILE" ]] || return 1
  pid="$(cat "$PID_FILE")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

responds() {
  curl --silent --output /dev/null --max-time 5 "$BASE_URL/" 2>/dev/null
}

# Debian's database.yml sets no busy timeout, so SQLite fails a write at once with "database is
# locked" (HTTP 500) whenever two requests write at the same moment. Tests write in parallel.
set_busy_timeout() {
  if ! grep -q '^  timeout:' "$DATABASE_CONFIG"; then
    sed -i '/^  adapter: sqlite3$/a\  timeout: 15000' "$DATABASE_CONFIG"
    log "set a 15 s SQLite busy timeout in $DATABASE_CONFIG"
  fi
}

cmd_start() {
  require_installed
  prepare_state_dir
  set_busy_timeout
  if server_pid >/dev/null; then
    log "already running on $BASE_URL (pid $(server_pid))"
    return
  fi
  if responds; then
    fail "another process already listens on $BASE_URL; stop it or set REDMINE_PORT"
  fi
  rm -f "$PID_FILE"
  log "starting Redmine on $BASE_URL, log in $LOG_FILE"
  (
    cd "$REDMINE_HOME"
    setsid runuser -u www-data -- env REDMINE_INSTANCE=default RAILS_ENV=production \
      rackup -r webrick -s webrick -E production -o 127.0.0.1 -p "$REDMINE_PORT" \
      -P "$PID_FILE" config.ru </dev/null >>"$LOG_FILE" 2>&1 &
  )
  local waited=0
  until responds; do
    if (( waited >= START_TIMEOUT_SECONDS )); then
      fail "Redmine did not respond on $BASE_URL within ${START_TIMEOUT_SECONDS}s; see $LOG_FILE"
    fi
    sleep 1
    waited=$((waited + 1))
  done
  log "Redmine responds on $BASE_URL after ${waited}s"
}

cmd_stop() {
  local pid waited=0
  if ! pid="$(server_pid)"; then
    log "not running"
    rm -f "$PID_FILE"
    return
  fi
  log "stopping pid $pid"
  kill "$pid"
  while kill -0 "$pid" 2>/dev/null; do
    if (( waited >= 30 )); then
      fail "pid $pid did not exit within 30s after SIGTERM"
    fi
    sleep 1
    waited=$((waited + 1))
  done
  rm -f "$PID_FILE"
}

cmd_setup() {
  require_installed
  prepare_state_dir

  if [[ ! -s "$PASSWORD_FILE" ]]; then
    (umask 077 && head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$PASSWORD_FILE")
  fi

  # The Ruby script reads the password from the environment, so it never shows in ps output.
  local setup_script
  setup_script="$(mktemp /tmp/redmine-setup.XXXXXX.rb)"
  chmod 644 "$setup_script"
  cat >"$setup_script" <<'RUBY'
Setting.rest_api_enabled = '1'
admin = User.find_by_login('admin') or abort('the admin user does not exist')
admin.password = ENV.fetch('REDMINE_ADMIN_PASSWORD')
admin.password_confirmation = admin.password
admin.must_change_passwd = false
admin.status = User::STATUS_ACTIVE
admin.save!
puts admin.api_key
RUBY
  local api_key
  api_key="$(cd "$REDMINE_HOME" && REDMINE_ADMIN_PASSWORD="$(cat "$PASSWORD_FILE")" \
    as_redmine bin/rails runner "$setup_script" | tail -n 1)"
  rm -f "$setup_script"
  [[ "$api_key" =~ ^[0-9a-f]{40}$ ]] || fail "setup did not print an API key"
  (umask 077 && echo "$api_key" >"$API_KEY_FILE")
  log "REST API enabled; admin API key stored in $API_KEY_FILE"

  if [[ ! -f "$SNAPSHOT_FILE" ]]; then
    # A copy taken while the server can write to the database may be inconsistent, so the
    # server is stopped for the copy.
    local was_running=false
    if server_pid >/dev/null; then
      was_running=true
      cmd_stop
    fi
    cp --preserve=mode,ownership "$(database_file)" "$SNAPSHOT_FILE"
    log "clean database snapshot stored in $SNAPSHOT_FILE"
    if [[ "$was_running" == true ]]; then
      cmd_start
    fi
  fi
}

cmd_reset() {
  require_installed
  [[ -f "$SNAPSHOT_FILE" ]] || fail "no snapshot in $SNAPSHOT_FILE; run '$0 setup' first"
  cmd_stop
  local database
  database="$(database_file)"
  cp "$SNAPSHOT_FILE" "$database"
  chown root:www-data "$database"
  chmod 660 "$database"
  log "database restored from $SNAPSHOT_FILE"
  cmd_start
}

read_api_key() {
  [[ -s "$API_KEY_FILE" ]] || fail "no API key in $API_KEY_FILE; run '$0 setup' first"
  cat "$API_KEY_FILE"
}

cmd_env() {
  echo "export REDMINE_URL=$BASE_URL REDMINE_API_KEY=$(read_api_key)"
}

# Sends one REST call with the admin key and prints the response body. Fails on a status >= 400.
api() {
  local method="$1" path="$2" body="${3:-}" api_key
  api_key="$(read_api_key)"
  local args=(--silent --show-error --fail-with-body --max-time 30 -X "$method"
    -H "X-Redmine-API-Key: $api_key" -H 'Content-Type: application/json')
  if [[ -n "$body" ]]; then
    args+=(--data-binary "$body")
  fi
  curl "${args[@]}" "$BASE_URL$path"
}

cmd_seed() {
  [[ -f "$SEED_FILE" ]] || fail "seed file $SEED_FILE is missing"
  responds || fail "Redmine does not respond on $BASE_URL; run '$0 start' first"

  local status
  status="$(curl --silent --output /dev/null --write-out '%{http_code}' --max-time 30 \
    -H "X-Redmine-API-Key: $(read_api_key)" "$BASE_URL/projects/$SEED_PROJECT.json")"
  if [[ "$status" == 404 ]]; then
    local tracker_ids
    tracker_ids="$(api GET /trackers.json | ruby -rjson -e 'puts JSON.parse($stdin.read)["trackers"].map { |t| t["id"] }.to_json')"
    api POST /projects.json "$(ruby -rjson -e '
      puts({ project: { name: "Portal demo", identifier: ARGV[0], tracker_ids: JSON.parse(ARGV[1]),
                        enabled_module_names: ["issue_tracking"], is_public: false } }.to_json)
    ' "$SEED_PROJECT" "$tracker_ids")" >/dev/null
    log "created project $SEED_PROJECT"
  elif [[ "$status" != 200 ]]; then
    fail "GET /projects/$SEED_PROJECT.json returned HTTP $status"
  fi

  local count
  count="$(api GET "/issues.json?project_id=$SEED_PROJECT&status_id=*&limit=1" \
    | ruby -rjson -e 'puts JSON.parse($stdin.read)["total_count"]')"
  if (( count > 0 )); then
    log "project $SEED_PROJECT already has $count issues; nothing to seed"
    return
  fi

  local total i body
  total="$(ruby -rjson -e 'puts JSON.parse(File.read(ARGV[0])).length' "$SEED_FILE")"
  for ((i = 0; i < total; i++)); do
    body="$(ruby -rjson -e '
      entry = JSON.parse(File.read(ARGV[0]))[Integer(ARGV[1])]
      puts({ issue: { project_id: ARGV[2], subject: entry["subject"],
                      description: entry["description"] } }.to_json)
    ' "$SEED_FILE" "$i" "$SEED_PROJECT")"
    api POST /issues.json "$body" >/dev/null
  done
  log "created $total issues in $SEED_PROJECT ($BASE_URL/projects/$SEED_PROJECT/issues)"
}

main() {
  local command="${1:-}"
  case "$command" in
    install) cmd_install ;;
    start) cmd_start ;;
    setup) cmd_setup ;;
    all) cmd_install && cmd_start && cmd_setup ;;
    seed) cmd_seed ;;
    env) cmd_env ;;
    reset) cmd_reset ;;
    stop) cmd_stop ;;
    -h | --help | help) usage ;;
    *)
      usage >&2
      exit 2
      ;;
  esac
}

main "$@"
