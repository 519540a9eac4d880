# Termijnwacht — common tasks. Every target selects JDK 25 through infra/jdk.sh.
SHELL := /bin/bash
MVN := source infra/jdk.sh && mvn -B -q

.PHONY: help test lint build demo bereken benchmark koude-start meting clean

help: ## show the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

test: lint ## run all tests: unit, property, peer, CLI, and AWS tests on an emulator (moto_server)
	bash infra/chromium.sh >/dev/null
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

koude-start: ## cold start of each function in fresh JVMs against the emulator (prints a table)
	bash infra/benchmarks/koude-start.sh

meting: ## termijn-scanner run time and items read for 10,000 open zaken with 10 and 1,000 due
	source infra/jdk.sh && mvn -B -q install -DskipTests && java -cp "$$(ls infra/benchmarks/target/benchmarks.jar)" nl.termijnwacht.benchmarks.ScannerMeting

clean: ## remove build output
	$(MVN) clean
