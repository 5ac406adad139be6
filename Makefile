# Sluice developer entry points. `make help` lists them (kubebuilder-style `##@` sections).
SHELL := /usr/bin/env bash
.DEFAULT_GOAL := help
NODE_MODULES := node_modules/.package-lock.json

##@ General

.PHONY: help
help: ## Show this help.
	@awk 'BEGIN {FS = ":.*##"; printf "Usage: make \033[36m<target>\033[0m\n"} /^[a-zA-Z0-9_-]+:.*?##/ { printf "  \033[36m%-16s\033[0m %s\n", $$1, $$2 } /^##@/ { printf "\n\033[1m%s\033[0m\n", substr($$0, 5) }' $(MAKEFILE_LIST)

##@ Run

.PHONY: run
run: build ## Run Sluice locally, nothing to set up: embedded PostgreSQL, test cluster with examples/, operator, API (KUBECONFIG/DATABASE_URL: use yours).
	node cli/bin/sluice.js dev

DEMO_ADDRESS ?= 127.0.0.1:50051
DEMO_QUERIES ?= 300

.PHONY: demo
demo: build ## A synthetic day of traffic through a running `make run` (Route, model, ReportUsage), then its unit economics.
	node cli/bin/sluice.js demo --address $(DEMO_ADDRESS) --queries $(DEMO_QUERIES)

.PHONY: run-api
run-api: build ## Run the API alone against DATABASE_URL, REDIS_URL and KUBECONFIG from the environment.
	node api/dist/main.js

.PHONY: run-operator
run-operator: build ## Run the operator alone against the cluster named by KUBECONFIG (or in-cluster config).
	node operator/dist/main.js

.PHONY: migrate
migrate: build ## Apply database migrations to DATABASE_URL.
	node cli/bin/sluice.js migrate up

##@ Development

$(NODE_MODULES): package.json package-lock.json
	npm ci
	@touch $@

.PHONY: install
install: $(NODE_MODULES) ## Install dependencies exactly as locked (npm ci).

.PHONY: build
build: $(NODE_MODULES) ## Compile every package (tsc -b) into its dist/.
	npx tsc -b

.PHONY: generate
generate: $(NODE_MODULES) ## Regenerate code from its source of truth (proto -> proto/gen, CRD YAML -> crds/gen and the chart's crds/).
	npm run --silent generate
	node charts/scripts/sync-crds.mjs

.PHONY: check-generated
check-generated: generate ## Fail if generated code differs from what is committed.
	@if [ -n "$$(git status --porcelain -- proto/gen crds/gen charts/sluice/crds)" ]; then \
	  echo "Generated code is out of date; run 'make generate' and commit:"; git status --short -- proto/gen crds/gen charts/sluice/crds; git --no-pager diff --stat -- proto/gen crds/gen charts/sluice/crds; exit 1; \
	fi

.PHONY: breaking
breaking: $(NODE_MODULES) ## Fail if proto/ breaks compatibility with its previous revision (buf breaking; BREAKING_AGAINST=<git ref> to choose).
	@bash proto/scripts/breaking.sh

.PHONY: lint
lint: $(NODE_MODULES) ## Type-check everything, then eslint and prettier.
	npx tsc -b
	npx tsc -p tsconfig.check.json
	npx eslint --max-warnings 0 .
	npx prettier --check .

.PHONY: format
format: $(NODE_MODULES) ## Fix formatting and auto-fixable lint findings.
	npx prettier --write .
	npx eslint --fix .

##@ Test

.PHONY: test
test: build ## Run all tests (unit, integration on real PostgreSQL and Redis, e2e) with coverage.
	npm test

.PHONY: test-unit
test-unit: $(NODE_MODULES) ## Unit tests only (no services needed).
	npm run test:unit

.PHONY: test-int
test-int: build ## Integration tests only (real PostgreSQL and Redis).
	npm run test:int

FUZZ_RUNS ?= 500

.PHONY: fuzz
fuzz: build ## The API's fuzz suite alone, longer (FUZZ_RUNS per RPC, default 500; FUZZ_SEED=<n> replays a run).
	FUZZ_RUNS=$(FUZZ_RUNS) node --experimental-vm-modules node_modules/jest/bin/jest.js api/test/fuzz/ --selectProjects integration

.PHONY: e2e
e2e: build ## End-to-end tests: whole processes, as a user runs them (E2E_KUBECONFIG=...: on that cluster).
	npm run test:e2e $(if $(E2E_KUBECONFIG),-- --runInBand) # one cluster: journeys must take turns

.PHONY: bench
bench: build ## Benchmarks with figures and ratios against an in-run baseline (results in api/bench/results.json).
	npx tsc -p api/bench/tsconfig.json
	node api/bench/dist/main.js

.PHONY: bench-route
bench-route: build ## Only the Route parts of `make bench`: the decision alone, Route against Health/Check and a bare grpc-js echo of its sizes (results in api/bench/results-route.json).
	npx tsc -p api/bench/tsconfig.json
	node api/bench/dist/route-main.js

.PHONY: bench-semantic
bench-semantic: build ## Only the semantic cache index part of `make bench` (SEMANTIC_CORPUS=numbered: the Route bench's numbered prompts).
	npx tsc -p api/bench/tsconfig.json
	node api/bench/dist/semantic-main.js

ECON_SIZES ?= 1000000,10000000

.PHONY: bench-economics
bench-economics: build ## Every economics report at 1M and 10M usage rows in a throwaway database, 24 h and 30-day windows (results in api/bench/results-economics.json; about 20 min on 2 cores, most of it filling 10M rows; ECON_SIZES=1000000 for a 5-minute loop).
	npx tsc -p api/bench/tsconfig.json
	ECON_SIZES=$(ECON_SIZES) node api/bench/dist/economics-bench.js

OPERATOR_MODELS ?= 1000

.PHONY: bench-operator
bench-operator: build ## The operator at OPERATOR_MODELS InferenceModels (default 1000, about 8 min; 200 for a quick loop) on the test server: apply -> every child vs the rate-limit floor, no-op resync requests, RSS, Events' share of writes (not in CI).
	npx tsc -p operator/bench/tsconfig.json
	OPERATOR_MODELS=$(OPERATOR_MODELS) node operator/bench/dist/main.js

SOAK_MINUTES ?= 3

.PHONY: soak
soak: build ## Route + ReportUsage for SOAK_MINUTES against the API in a child process; prints RSS and live heap at start, plateau and end (not in CI).
	npx tsc -p api/bench/tsconfig.json
	SOAK_MINUTES=$(SOAK_MINUTES) node api/bench/dist/soak.js

##@ Router model

.PHONY: train-router
train-router: build ## Retrain router-model/artifacts/router-model.bin from router-model/data/examples.jsonl (same bytes every run).
	node router-model/scripts/train-router.mjs

.PHONY: check-router-model
check-router-model: build ## Fail if retraining gives an artifact other than the committed one (drift, like check-generated).
	@tmp="$$(mktemp)"; trap 'rm -f "$$tmp"' EXIT; \
	node router-model/scripts/train-router.mjs "$$tmp" && \
	if ! cmp -s "$$tmp" router-model/artifacts/router-model.bin; then \
	  echo "router-model/artifacts/router-model.bin is not what the data and code train; run 'make train-router' and commit it."; exit 1; \
	fi

.PHONY: eval-router
eval-router: build ## The committed router model on the held-out test split; fails under router-model/eval-floors.json.
	node router-model/scripts/eval-router.mjs

##@ Helm chart

HELM_RENDER := .sluice/bin/helm-render
CHART_RENDER_DIR := .sluice/chart-render
# Go in GOPATH mode builds against Debian's -dev packages, offline (charts/tools/helm-render/README.md).
GO_DEBIAN := GO111MODULE=off GOPATH=/usr/share/gocode GOFLAGS= GOCACHE=$${GOCACHE:-$(CURDIR)/.sluice/go-cache}

$(HELM_RENDER): $(wildcard charts/tools/helm-render/*.go)
	@mkdir -p $(@D)
	$(GO_DEBIAN) go build -o $@ ./charts/tools/helm-render

.PHONY: chart-renderer
chart-renderer: $(HELM_RENDER) ## Build charts/tools/helm-render, Helm's template engine without helm (Go and Sprig from Debian; see its README).

.PHONY: chart-render
chart-render: $(HELM_RENDER) ## Render charts/sluice as `helm template` does with values.yaml and each ci/ file into .sluice/chart-render/ (VALUES=f.yaml: that file, to stdout).
	@if [ -n "$(VALUES)" ]; then $(HELM_RENDER) charts/sluice -f $(VALUES); exit; fi; \
	mkdir -p $(CHART_RENDER_DIR); \
	for f in charts/sluice/values.yaml charts/sluice/ci/*-values.yaml; do \
	  out="$(CHART_RENDER_DIR)/$$(basename "$$f")"; \
	  $(HELM_RENDER) charts/sluice -f "$$f" --notes "$${out%.yaml}-NOTES.txt" > "$$out" || exit 1; \
	  echo "$$out: $$(grep -c '^# Source:' "$$out") objects"; \
	done

##@ Test cluster

KUBE_DIR := .sluice
KUBE_PID := $(KUBE_DIR)/kube-server.pid

.PHONY: kube-up
kube-up: build ## Start the Kubernetes-API test server in the background; prints `export KUBECONFIG=...`.
	@mkdir -p $(KUBE_DIR)
	@if [ -f $(KUBE_PID) ] && kill -0 "$$(cat $(KUBE_PID))" 2>/dev/null; then \
	  echo "kube-server already running (pid $$(cat $(KUBE_PID)))"; \
	else \
	  nohup node kube-sim/dist/kube-server/main.js --kubeconfig $(KUBE_DIR)/kubeconfig > $(KUBE_DIR)/kube-server.log 2>&1 & \
	  echo $$! > $(KUBE_PID); \
	  for i in $$(seq 1 50); do grep -q 'listening on' $(KUBE_DIR)/kube-server.log && break; sleep 0.1; done; \
	  grep 'listening on' $(KUBE_DIR)/kube-server.log || { cat $(KUBE_DIR)/kube-server.log; exit 1; }; \
	fi
	@echo "export KUBECONFIG=$(CURDIR)/$(KUBE_DIR)/kubeconfig"

.PHONY: kube-down
kube-down: ## Stop the Kubernetes-API test server started by kube-up.
	@if [ -f $(KUBE_PID) ]; then kill "$$(cat $(KUBE_PID))" 2>/dev/null || true; rm -f $(KUBE_PID); echo "kube-server stopped"; \
	else echo "kube-server not running"; fi
