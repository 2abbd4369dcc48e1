#!/usr/bin/env bash
# make lint-docker: lints docker/ with the tools that are installed, and says which are not.
#   the Dockerfile: dockerfile-utils (npm)
#   the shell scripts: ShellCheck (Debian package shellcheck)
#   Prometheus config and rules, Alertmanager config: promtool and amtool (Debian)
# docker/install-linters.sh installs them (CI runs it). A missing tool is skipped with a message;
# a tool that reports a problem fails the run.
set -uo pipefail
cd "$(dirname "$0")" || exit 2

tools_dir=${HOPPER_TOOLS_DIR:-${HOME:-/tmp}/.cache/hopper-tools}
ok=0
failed=0
skipped=0

find_tool() {
  if command -v "$1" >/dev/null 2>&1; then
    command -v "$1"
  elif [[ -x "$tools_dir/node_modules/.bin/$1" ]]; then
    echo "$tools_dir/node_modules/.bin/$1"
  fi
}

check() { # name, command...
  local name=$1
  shift
  local out
  if out=$("$@" 2>&1); then
    echo "lint-docker: ok      $name"
    ok=$((ok + 1))
  else
    echo "lint-docker: FAILED  $name"
    while IFS= read -r line; do echo "    $line"; done <<<"$out"
    failed=$((failed + 1))
  fi
}

skip() {
  echo "lint-docker: SKIPPED $1 ($2 is not installed; docker/install-linters.sh installs it)"
  skipped=$((skipped + 1))
}

dfu=$(find_tool dockerfile-utils)
if [[ -n $dfu ]]; then
  # Any diagnostic, warning or error, counts as a problem.
  check "Dockerfile (dockerfile-utils)" bash -c "out=\$('$dfu' lint Dockerfile); rc=\$?; echo \"\$out\"; [[ \$rc -eq 0 && -z \$out ]]"
else
  skip "Dockerfile" dockerfile-utils
fi

if [[ -n $(find_tool shellcheck) ]]; then
  check "shell scripts (shellcheck)" shellcheck -x scripts/*.sh lint.sh install-linters.sh
else
  skip "shell scripts" shellcheck
fi

if [[ -n $(find_tool promtool) ]]; then
  check "prometheus/prometheus.yml (promtool)" promtool check config prometheus/prometheus.yml
  check "Control Center rule seeds (promtool)" promtool check rules \
    control-center/recording_rules-generated.yml control-center/trigger_rules-generated.yml
else
  skip "Prometheus config" promtool
fi

if [[ -n $(find_tool amtool) ]]; then
  check "Control Center Alertmanager seed (amtool)" amtool check-config control-center/alertmanager-generated.yml
else
  skip "Alertmanager config" amtool
fi

echo "lint-docker: $ok checks ok, $failed failed, $skipped skipped"
[[ $failed -eq 0 ]]
