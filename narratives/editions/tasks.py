"""Background tasks of editions (Django's tasks framework; see TASKS in the settings)."""

from django.tasks import task

from narratives.editions.preview import preview_pdf_make
from narratives.editions.release import edition_release


@task
def edition_render(*, edition_id: int, plan_title: str, internal_marking: str = "") -> None:
    """Render, store and publish a requested edition (its public and internal sets)."""
    edition_release(edition_id=edition_id, plan_title=plan_title, internal_marking=internal_marking)


@task
def preview_pdf_render(*, period_id: int, fingerprint: str, internal: bool = True) -> None:
    """Render an analyst's preview PDF (internal, or public) for the period as it stands."""
    preview_pdf_make(period_id=period_id, fingerprint=fingerprint, internal=internal)
