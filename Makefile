# Hopper — the two commands that matter: `make run` and `make test`.
SHELL := /bin/bash
MVNW  := ./mvnw -B
JAVA  ?= java
PLATFORM_JAR := platform/target/hopper-platform.jar
# Rebuild the jar when any source or POM is newer than it.
SOURCES := $(shell find pom.xml */pom.xml */src/main -type f 2>/dev/null)
COMPOSE := docker compose -f docker/compose.yaml --env-file docker/.env

.PHONY: run test build bench up down logs ps connectors clean fmt help

help:
	@echo "make run         the whole pipeline on the embedded platform (no Docker needed)"
	@echo "make test        every unit and integration test (./mvnw -B verify)"
	@echo "make bench       the benchmark"
	@echo "make up|down|logs|ps|connectors   the Confluent Platform stack in docker/"
	@echo "make fmt         format the Java sources"
	@echo "make clean       remove build outputs (keeps ./data)"

$(PLATFORM_JAR): $(SOURCES)
	$(MVNW) -q package -DskipTests -Dspotless.check.skip=true
	@touch $(PLATFORM_JAR)

build: $(PLATFORM_JAR)

run: $(PLATFORM_JAR)
	$(JAVA) -jar $(PLATFORM_JAR) $(ARGS)

test:
	$(MVNW) verify

fmt:
	$(MVNW) -q spotless:apply

bench:
	@echo "make bench: the benchmark harness is not built yet (issue #10)." >&2; exit 2

define need_compose
	@test -f docker/compose.yaml || { echo "docker/compose.yaml is not there yet (issue #8)." >&2; exit 2; }
	@command -v docker >/dev/null || { echo "docker is not installed: 'make up' needs a Docker engine." >&2; exit 2; }
endef

up:
	$(need_compose)
	$(COMPOSE) up -d --build --wait

down:
	$(need_compose)
	$(COMPOSE) down

logs:
	$(need_compose)
	$(COMPOSE) logs -f --tail=200

ps:
	$(need_compose)
	$(COMPOSE) ps

connectors:
	@curl -fsS "$${CONNECT_URL:-http://127.0.0.1:8083}/connectors?expand=status" && echo || { echo "Connect REST API not reachable at $${CONNECT_URL:-http://127.0.0.1:8083}" >&2; exit 1; }

clean:
	$(MVNW) -q clean
