#!/usr/bin/env bash
# http-probe.sh HOST PORT [PATH]: exits 0 when GET http://HOST:PORT/PATH answers 2xx, else 1.
#
# The container healthchecks use it because it needs nothing but bash: Confluent Platform 8.3
# images are built on ubi9-micro, which has bash but neither curl nor wget.
set -u

if [[ $# -lt 2 ]]; then
  echo "usage: http-probe.sh HOST PORT [PATH]" >&2
  exit 2
fi
host=$1
port=$2
path=${3:-/}
timeout_s=${HTTP_PROBE_TIMEOUT:-4}

# Connect (bash's /dev/tcp), send a minimal HTTP/1.0 request, read only the status line.
if ! exec 3<>"/dev/tcp/${host}/${port}"; then
  echo "http-probe: cannot connect to ${host}:${port}" >&2
  exit 1
fi
printf 'GET %s HTTP/1.0\r\nHost: %s\r\nUser-Agent: hopper-http-probe\r\nConnection: close\r\n\r\n' \
  "$path" "$host" >&3
status=""
if ! IFS= read -r -t "$timeout_s" status <&3; then
  echo "http-probe: no answer from ${host}:${port}${path} within ${timeout_s}s" >&2
  exec 3<&-
  exit 1
fi
exec 3<&-
status=${status%$'\r'}
if [[ $status =~ ^HTTP/[0-9.]+\ 2[0-9][0-9]([[:space:]]|$) ]]; then
  exit 0
fi
echo "http-probe: ${host}:${port}${path} answered '${status}'" >&2
exit 1
