# Kept until every branch has moved (the builders are narratives.demo.sample_edition now).
from narratives.demo.sample_edition import sample_areas as area_tree  # noqa: F401
from narratives.demo.sample_edition import sample_edition as build_edition  # noqa: F401
from narratives.demo.sample_edition import sample_plan as plan_with_commitments  # noqa: F401
