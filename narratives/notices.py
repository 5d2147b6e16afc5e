"""E-mails the system sends, queued as background tasks so no request waits on a mail server.

Reminders before the deadline (send_reminders), notices to the officer who submitted entries
when the PAU returns or approves them, a notice to staff when an edition is published, and one
to the analyst who published when its files could not be made. Messages are queued inside the
change's transaction: with the database task backend a notice is stored with the change that
caused it, or not at all.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.tasks import task

from narratives.models import Edition, Entry, Transition
from priorities.roles import ROLE_GROUPS

SIGNATURE = "\n\nPerformance Analysis Unit"


@task(queue_name="email")
def email_send(*, messages: list[dict]) -> int:
    """Send each {"to": address, "subject": ..., "body": ...} as its own e-mail."""
    return send_mass_mail([(m["subject"], m["body"], None, [m["to"]]) for m in messages])


def emails_queue(messages: list[dict]) -> None:
    if messages:
        email_send.enqueue(messages=messages)


def site_url(path: str) -> str:
    """An address to quote in an e-mail: absolute when PCP_SITE_URL is set."""
    return f"{settings.PCP_SITE_URL.rstrip('/')}{path}"


def _entry_lines(entries: Iterable[Entry]) -> str:
    lines = []
    for entry in entries:
        text = " ".join(entry.text.split())
        text = text if len(text) <= 100 else f"{text[:99]}…"
        lines.append(f"- {text}\n  {site_url(f'/admin/narratives/entry/{entry.pk}/change/')}")
    return "\n".join(lines)


def entries_reviewed_notify(*, entries: list[Entry], to_status: str, by, comment: str = "") -> None:
    """Tell whoever submitted each entry that the PAU returned or approved it (one e-mail per
    person and step, listing their entries; the reviewer is not told of their own step)."""
    if not entries:
        return
    submitters = {}
    steps = Transition.objects.filter(
        entry__in=[entry.pk for entry in entries], to_status=Entry.Status.SUBMITTED
    ).select_related("by")
    for step in steps.order_by("entry_id", "at", "pk"):
        submitters[step.entry_id] = step.by  # the latest submission wins
    mine: dict[object, list[Entry]] = defaultdict(list)
    for entry in entries:
        person = submitters.get(entry.pk)
        if person is not None and person.email and person.is_active and person != by:
            mine[person].append(entry)
    emails_queue([_review_message(p, theirs, to_status, comment) for p, theirs in mine.items()])


def _review_message(person, theirs: list[Entry], to_status: str, comment: str) -> dict:
    period = theirs[0].period.label
    count = f"{len(theirs)} entr{'y' if len(theirs) == 1 else 'ies'}"
    if to_status == Entry.Status.RETURNED:
        subject = f"Quarterly update {period}: {count} returned for changes"
        body = (
            f"The PAU returned {count} you submitted for the {period} quarterly update, "
            f"with this comment:\n\n{comment}\n\nPlease change and submit again:\n"
        )
    else:
        subject = f"Quarterly update {period}: {count} approved"
        body = f"The PAU approved {count} you submitted for the {period} quarterly update:\n"
    body += f"\n{_entry_lines(theirs)}{SIGNATURE}"
    return {"to": person.email, "subject": subject, "body": body}


def edition_published_notify(*, edition: Edition) -> None:
    """Tell every member of staff with a role that the edition is public."""
    address = site_url(f"/editions/{edition.period.slug}/v{edition.version}/")
    subject = f"Quarterly update {edition.period.label} version {edition.version} published"
    body = f"{edition.title}, {edition.period.label}, version {edition.version}, is published:"
    body += f"\n\n{address}"
    if edition.change_note:
        body += f"\n\nWhat changed in this version: {edition.change_note}"
    staff = (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=ROLE_GROUPS.values())
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )
    emails_queue([{"to": to, "subject": subject, "body": body + SIGNATURE} for to in staff])


def edition_failed_notify(*, edition: Edition) -> None:
    """Tell the analyst who asked for the publication why its files could not be made."""
    analyst = edition.published_by
    if analyst is None or not analyst.email:
        return
    subject = f"Quarterly update {edition.period.label} version {edition.version} NOT published"
    body = (
        f"Publishing {edition.period.label} version {edition.version} failed, so it is not "
        f"public; the previous version, if any, still is.\n\nWhy: {edition.render_error}\n\n"
        f"Put it right and publish version {edition.version} again:\n"
        f"{site_url('/admin/narratives/edition/publish/')}{SIGNATURE}"
    )
    emails_queue([{"to": analyst.email, "subject": subject, "body": body}])
