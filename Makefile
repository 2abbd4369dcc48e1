# Hopper — the two commands that matter: `make run` and `make test`.
SHELL := /bin/bash
MVNW  := ./mvnw -B
JAVA  ?= java
PLATFORM_JAR := platform/target/hopper-platform.jar
# Rebuild the jar when any source or POM is newer than it.
SOURCES := $(shell find pom.xml */pom.xml */src/main -type f 2>/dev/null)
# The Confluent Platform stack (docker/README.md). docker/.env.local (git-ignored) overrides docker/.env;
# LICENSE=1 adds the licence overlay; SCALE=N runs N hopper-streams replicas.
SCALE ?= 1
COMPOSE := docker compose -f docker/compose.yaml $(if $(LICENSE),-f docker/compose.license.yaml) \
	--env-file docker/.env $(if $(wildcard docker/.env.local),--env-file docker/.env.local)

.PHONY: run test build bench up down logs ps connectors orders lint-docker clean fmt help

help:
	@echo "make run         the whole pipeline on the embedded platform (no Docker needed)"
	@echo "make test        every unit and integration test (./mvnw -B verify)"
	@echo "make bench       the benchmark (ARGS=--quick: smoke check under 3 min; docs/benchmarks.md)"
	@echo "make up|down|logs|ps|connectors   the Confluent Platform stack in docker/ (make up SCALE=3)"
	@echo "make orders      load synthetic orders into the docker/ stack"
	@echo "make lint-docker lint docker/ with the linters that are installed"
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

lint-docker:
	@bash docker/lint.sh

fmt:
	$(MVNW) -q spotless:apply

# make bench ARGS=--quick for the < 3 min smoke check; ARGS=--help lists the options.
bench: $(PLATFORM_JAR)
	$(JAVA) -cp $(PLATFORM_JAR) dev.hopper.platform.bench.Bench $(ARGS)

define need_compose
	@test -f docker/compose.yaml || { echo "docker/compose.yaml is not there yet (issue #8)." >&2; exit 2; }
	@docker compose version >/dev/null 2>&1 || { echo "Docker Compose v2 is not available: the docker/ stack needs a Docker engine with Compose (docker/README.md)." >&2; exit 2; }
endef

up:
	$(need_compose)
	$(COMPOSE) up -d --build --wait --scale hopper-streams=$(SCALE)
	@echo "Hopper on Confluent Platform is up (default ports; docker/.env sets them):"
	@echo "  Control Center   http://localhost:9021"
	@echo "  Grafana          http://localhost:3000"
	@echo "  Hopper REST      http://localhost:7070 (make ps shows each replica's port)"
	@echo "  Kafka            localhost:9092, Schema Registry http://localhost:8081, Connect http://localhost:8083"
	@echo "Load orders with: make orders"

orders:
	$(need_compose)
	$(COMPOSE) --profile orders run --rm hopper-orders

down:
	$(need_compose)
	$(COMPOSE) --profile orders down $(ARGS)

logs:
	$(need_compose)
	$(COMPOSE) logs -f --tail=200 $(SERVICE)

ps:
	$(need_compose)
	$(COMPOSE) ps

connectors:
	@curl -fsS "$${CONNECT_URL:-http://127.0.0.1:8083}/connectors?expand=status" && echo || { echo "Connect REST API not reachable at $${CONNECT_URL:-http://127.0.0.1:8083}" >&2; exit 1; }

clean:
	$(MVNW) -q clean
