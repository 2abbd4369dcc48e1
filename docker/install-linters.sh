#!/usr/bin/env bash
# Installs the linters make lint-docker uses, from the registries this project may use:
# dockerfile-utils from npm (into HOPPER_TOOLS_DIR), shellcheck, promtool and amtool from Debian
# (when running as root with apt-get). Best effort: whatever cannot be installed is reported, and
# make lint-docker then skips it with a message.
set -uo pipefail

tools_dir=${HOPPER_TOOLS_DIR:-${HOME:-/tmp}/.cache/hopper-tools}
dockerfile_utils_version=0.16.3

if [[ -x "$tools_dir/node_modules/.bin/dockerfile-utils" ]] || command -v dockerfile-utils >/dev/null 2>&1; then
  echo "install-linters: dockerfile-utils present"
elif command -v npm >/dev/null 2>&1; then
  mkdir -p "$tools_dir"
  if timeout 300 npm install --prefix "$tools_dir" --no-audit --no-fund --loglevel=error \
    "dockerfile-utils@$dockerfile_utils_version" >/dev/null 2>&1; then
    echo "install-linters: installed dockerfile-utils $dockerfile_utils_version"
  else
    echo "install-linters: could not install dockerfile-utils from npm"
  fi
else
  echo "install-linters: npm not found, dockerfile-utils not installed"
fi

missing=()
command -v shellcheck >/dev/null 2>&1 || missing+=(shellcheck)
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
command -v amtool >/dev/null 2>&1 || missing+=(prometheus-alertmanager)
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-linters: shellcheck, promtool, amtool present"
elif [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  # The packages only provide the binaries here; no service is started without an init system.
  if timeout 300 apt-get update -qq >/dev/null 2>&1 \
    && DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null 2>&1; then
    echo "install-linters: installed ${missing[*]}"
  else
    echo "install-linters: could not install ${missing[*]} with apt-get"
  fi
else
  echo "install-linters: not root or no apt-get; missing: ${missing[*]}"
fi
exit 0
