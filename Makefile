demo:
	bash pcp/scripts/demo.sh

test:
	bash pcp/scripts/test.sh

serve:
	bash pcp/scripts/serve.sh

# What CI checks before the tests: ruff's lint and format, and migrations in step with models.
lint:
	bash pcp/scripts/setup.sh
	.venv/bin/python -m ruff check .
	.venv/bin/python -m ruff format --check .
	.venv/bin/python manage.py makemigrations --check --dry-run

fmt:
	bash pcp/scripts/setup.sh
	.venv/bin/python -m ruff check --fix .
	.venv/bin/python -m ruff format .

.PHONY: demo test serve lint fmt
