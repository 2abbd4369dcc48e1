#!/usr/bin/env bash
# Entrypoint of the hopper-streams image: works out what this replica advertises as Kafka
# Streams' application.server, then runs the streams app with the given arguments.
#
# Every replica of a scaled service shares the service's environment, so application.server
# cannot come from compose: each container resolves its own name here. Its hostname (the short
# container id unless compose sets one) resolves on the compose network, so the other replicas
# can forward interactive queries to it. HOPPER_ADVERTISE=ip advertises the container's IP
# address instead; an explicit HOPPER_APPLICATION_SERVER always wins.
set -euo pipefail

port=${HOPPER_REST_PORT:-7070}
if [[ -z ${HOPPER_APPLICATION_SERVER:-} ]]; then
  case ${HOPPER_ADVERTISE:-hostname} in
    hostname) host=${HOSTNAME:-$(cat /etc/hostname)} ;;
    ip) host=$(hostname -i | awk '{print $1}') ;;
    *)
      echo "streams-entrypoint: HOPPER_ADVERTISE must be hostname or ip, not '${HOPPER_ADVERTISE}'" >&2
      exit 2
      ;;
  esac
  if [[ -z $host ]]; then
    echo "streams-entrypoint: cannot determine this container's ${HOPPER_ADVERTISE:-hostname}" >&2
    exit 2
  fi
  export HOPPER_APPLICATION_SERVER="${host}:${port}"
fi
echo "streams-entrypoint: application.server=${HOPPER_APPLICATION_SERVER}, state in ${HOPPER_STATE_DIR:-default}" >&2

# shellcheck disable=SC2086 # JAVA_OPTS holds several JVM flags on purpose.
exec java ${JAVA_OPTS:-} -jar /opt/hopper/hopper-streams.jar "$@"
