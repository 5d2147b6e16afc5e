"""Builders of whole made-up worlds for tests, beside the per-model factories (tests/factories.py):
a quarter with everything the public must not see (`public_world`), edition texts in other
converters' layouts (`text_editions`). The made-up edition at any scale that tests and
benchmarks share is the product's narratives.demo.sample_edition."""
