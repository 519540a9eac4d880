# Termijnwacht — common tasks. Every target selects JDK 25 through infra/jdk.sh.
SHELL := /bin/bash
MVN := source infra/jdk.sh && mvn -B -q

.PHONY: help test lint build package demo bereken benchmark koude-start cli-tijd meting rapport-meting clean

help: ## show the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

test: lint ## run all tests (unit, property, peer, CLI, AWS on an emulator) and check each Lambda jar is at most 8 MB (mvn verify)
	bash infra/chromium.sh >/dev/null
	source infra/jdk.sh && mvn -B verify
	python3 infra/benchmarks/slank-model.py --controleer

lint: ## cfn-lint on the SAM template
	@command -v cfn-lint >/dev/null || { echo "cfn-lint ontbreekt (pip install cfn-lint)"; exit 1; }
	cfn-lint template.yaml

build: ## build every module and jar, without tests
	$(MVN) package -DskipTests

# The modules and jars come from template.yaml's CodeUri (functions/NAME/target/NAME.jar), so a new function needs no change here.
CODE_URIS = $$(grep -oE 'CodeUri: *functions/[a-z0-9-]+/target/[a-z0-9-]+\.jar' template.yaml | sed 's/CodeUri: *//')
package: ## the Lambda jars template.yaml deploys (CodeUri), without tests; then: sam deploy --guided (README)
	$(MVN) package -DskipTests -am -pl $$(for jar in $(CODE_URIS); do dirname "$$(dirname "$$jar")"; done | sort -u | paste -sd, -)
	@for jar in $(CODE_URIS); do test -s "$$jar" || { echo "make package: $$jar ontbreekt" >&2; exit 1; }; ls -l "$$jar"; done

demo: ## the whole chain for one gemeente and ten zaken over a quarter, on an embedded emulator
	./termijnwacht demo

bereken: ## example: the deadline of a regulier application received on Good-Friday eve
	./termijnwacht bereken --procedure regulier --ontvangen 2025-02-21

benchmark: ## JMH benchmark of the termijn engine (one thread, prints calculations/s)
	bash infra/benchmarks/run.sh

koude-start: ## cold start per function: tuned vs naive vs tuned with a trained AOT cache, fresh JVMs on the emulator
	bash infra/benchmarks/koude-start.sh --variant naief=infra/naief/target/naief --variant afgestemd=. --aot afgestemd+aot=. $(ARGS)

cli-tijd: ## wall time of ./termijnwacht bereken and demo, fresh processes (ARGS="--runs 21 . /tmp/vorige" compares with another checkout)
	bash infra/benchmarks/cli-tijd.sh $(ARGS)

OPEN ?= 10000
DUE ?= 10,1000
meting: ## both scanners' run time and items read per due item (OPEN=10000 DUE=10,1000; e.g. make meting OPEN=100000 DUE=100)
	source infra/jdk.sh && mvn -B -q install -DskipTests && java -cp "$$(ls infra/benchmarks/target/benchmarks.jar)" nl.termijnwacht.benchmarks.ScannerMeting $(OPEN) $(DUE)

rapport-meting: ## the weekly report at national size: 342 gemeenten, 1,000,000 zaken, 50,000 escalations (ZAKEN=… GEMEENTEN=… ESCALATIES=…)
	source infra/jdk.sh && mvn -B -q install -DskipTests && java -cp "$$(ls infra/benchmarks/target/benchmarks.jar)" nl.termijnwacht.benchmarks.RapportMeting $(ZAKEN) $(GEMEENTEN) $(ESCALATIES)

clean: ## remove build output
	$(MVN) clean
