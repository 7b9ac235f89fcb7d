# The two commands of README.md. Everything heavy is cached per machine in
# $(RH_CACHE) (default ~/.cache/relationship-addons), outside this clone.
.PHONY: run test lint i18n dashboards screenshots
SHELL := /bin/bash

run:  ## Odoo 18.0 on http://localhost:8069 with our add-ons and demo data
	@bash setup/run.sh

test:  ## lint + every test on a throwaway database; TESTS=path for one file
	@bash setup/test.sh $(TESTS)

lint:
	@bash setup/lint.sh

dashboards:  ## rewrite the Dashboards app's files from setup/dashboards.py
	@python3 setup/dashboards.py

screenshots:  ## README's screenshots (docs/screenshots) from a fresh demo database
	@bash setup/screenshots.sh

i18n:  ## re-export the .pot files and merge new strings into es.po; ADDON=name for one
	@bash setup/i18n.sh $(ADDON)

.PHONY: bench
N ?= 10000 100000
bench:  ## health recompute benchmark, ORM vs SQL baseline; N="sizes" (default 10000 100000)
	@bash setup/bench.sh $(N)

.PHONY: bench-shapes
bench-shapes:  ## key account shape refresh benchmark; N="sizes" (default 10000)
	@bash setup/bench_shapes.sh $(if $(filter command line,$(origin N)),$(N),10000)

.PHONY: bench-night
bench-night:  ## the whole night of scheduled actions at scale; N="sizes" (default 10000 100000)
	@bash setup/bench_night.sh $(N)
