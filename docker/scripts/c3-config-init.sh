#!/usr/bin/env bash
# One-shot job of the c3-config-init service: prepares the c3-config volume that Control Center,
# its Prometheus and its Alertmanager share (CONFIG_PATH=/mnt/config in all three).
#
# - Files already in the volume are kept: Control Center edits the trigger rules and the
#   Alertmanager config there when alerts are defined in its UI.
# - Missing ones are seeded from docker/control-center/ (mounted read-only at C3_SEED_DIR).
# - Recording rules come from the image itself when it ships them, so they match its version.
# - The volume is made writable for the images' non-root users, whose ids differ.
set -euo pipefail

config=${C3_CONFIG_DIR:-/mnt/config}
seed=${C3_SEED_DIR:-/opt/hopper/c3-seed}

mkdir -p "$config"

seed_once() {
  local name=$1
  if [[ -s "$config/$name" ]]; then
    echo "c3-config-init: keeping $name"
  else
    cp "$seed/$name" "$config/$name"
    echo "c3-config-init: seeded $name"
  fi
}

seed_once prometheus-generated.yml
seed_once alertmanager-generated.yml
seed_once trigger_rules-generated.yml

shipped=""
for dir in /etc/confluent-control-center /opt/confluent-control-center/etc/confluent-control-center \
  /usr/share/confluent-control-center /etc/prometheus; do
  if [[ -s "$dir/recording_rules-generated.yml" ]]; then
    shipped="$dir/recording_rules-generated.yml"
    break
  fi
done
if [[ -n $shipped ]]; then
  cp -f "$shipped" "$config/recording_rules-generated.yml"
  echo "c3-config-init: recording rules from the image ($shipped)"
else
  seed_once recording_rules-generated.yml
fi

# TLS and basic-auth settings of Prometheus and Alertmanager: none inside this private network.
for name in web-config-prom.yml web-config-am.yml; do
  if [[ ! -e "$config/$name" ]]; then
    : >"$config/$name"
    echo "c3-config-init: created empty $name"
  fi
done

chmod 0777 "$config"
chmod 0666 "$config"/*.yml
echo "c3-config-init: done"
