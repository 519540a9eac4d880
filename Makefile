# Termijnwacht — common tasks. Every target selects JDK 25 through infra/jdk.sh.
SHELL := /bin/bash
MVN := source infra/jdk.sh && mvn -B -q

.PHONY: help test lint build demo bereken benchmark clean

help: ## show the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

test: lint ## run all tests: unit, property, peer, CLI, and AWS tests on an emulator (moto_server)
	source infra/jdk.sh && mvn -B test

lint: ## cfn-lint on the SAM template
	@command -v cfn-lint >/dev/null || { echo "cfn-lint ontbreekt (pip install cfn-lint)"; exit 1; }
	cfn-lint template.yaml

build: ## build every module and jar, without tests
	$(MVN) package -DskipTests

demo: ## the whole chain for one gemeente and ten zaken over a quarter, on an embedded emulator
	./termijnwacht demo

bereken: ## example: the deadline of a regulier application received on Good-Friday eve
	./termijnwacht bereken --procedure regulier --ontvangen 2025-02-21

benchmark: ## JMH benchmark of the termijn engine (one thread, prints calculations/s)
	bash infra/benchmarks/run.sh

clean: ## remove build output
	$(MVN) clean
