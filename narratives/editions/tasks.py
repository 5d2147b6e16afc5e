"""Background tasks of editions (Django's tasks framework; see TASKS in the settings)."""

from django.tasks import task

from narratives.editions.preview import preview_pdf_make
from narratives.editions.release import edition_release


@task
def edition_render(*, edition_id: int, plan_title: str) -> None:
    """Render, store and publish a requested edition."""
    edition_release(edition_id=edition_id, plan_title=plan_title)


@task
def preview_pdf_render(*, period_id: int, fingerprint: str) -> None:
    """Render an analyst's preview PDF for the period as its entries stand."""
    preview_pdf_make(period_id=period_id, fingerprint=fingerprint)
