"""Notices the system gives, each stored for its recipient's home page (pcp.accounts.notices)
and e-mailed as a background task so no request waits on a mail server.

Notices to the officer who submitted entries when the PAU returns or approves them, to staff
when an edition is published, and to the analyst who published when its files could not be
made (reminders before the deadline are narratives.reminders'). Both are made inside the
change's transaction: the notice, and with the database task backend the e-mail, are stored
with the change that caused them, or not at all.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.tasks import task
from django.urls import reverse

from narratives.models import Edition, Entry, Transition
from pcp.accounts.models import Notice
from pcp.accounts.notices import notice_build, notices_record
from priorities.roles import ROLE_GROUPS

SIGNATURE = "\n\nPerformance Analysis Unit"
PUBLISH_PAGE = "/admin/narratives/edition/publish/"


@task(queue_name="email")
def email_send(*, messages: list[dict]) -> int:
    """Send each {"to": address, "subject": ..., "body": ...} as its own e-mail."""
    return send_mass_mail([(m["subject"], m["body"], None, [m["to"]]) for m in messages])


def emails_queue(messages: list[dict]) -> None:
    if messages:
        email_send.enqueue(messages=messages)


def site_url(path: str, *, base: str | None = None) -> str:
    """An address to quote in an e-mail: absolute when PCP_SITE_URL (or `base`) is set."""
    base = settings.PCP_SITE_URL if base is None else base
    return f"{base.rstrip('/')}{path}"


def notify_each(notices: Iterable[Notice]) -> int:
    """Record each notice and queue it as an e-mail to its recipient if they have an address;
    how many e-mails were queued."""
    notices = notices_record(notices=notices)
    messages = [
        {"to": n.user.email, "subject": n.subject, "body": f"{n.body}{SIGNATURE}"}
        for n in notices
        if n.user.email
    ]
    emails_queue(messages)
    return len(messages)


def notify(people: Iterable, *, kind: str, subject: str, body: str, link: str) -> None:
    """The same notice for each person (and its e-mail, to those with an address)."""
    notify_each(
        notice_build(user=p, kind=kind, subject=subject, body=body, link=link) for p in people
    )


def entry_link(entry: Entry) -> str:
    return f"/admin/narratives/entry/{entry.pk}/change/"


def _entry_lines(entries: Iterable[Entry]) -> str:
    lines = []
    for entry in entries:
        text = " ".join(entry.text.split())
        text = text if len(text) <= 100 else f"{text[:99]}…"
        lines.append(f"- {text}\n  {site_url(entry_link(entry))}")
    return "\n".join(lines)


def entries_reviewed_notify(*, entries: list[Entry], to_status: str, by, comment: str = "") -> None:
    """Tell whoever submitted each entry that the PAU returned or approved it (one notice and
    e-mail per person and step, listing their entries; the reviewer is not told of their own
    step, and only people with an e-mail address are e-mailed)."""
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
        if person is not None and person.is_active and person != by:
            mine[person].append(entry)
    notify_each(
        notice_build(user=person, **_review_notice(theirs, to_status, comment))
        for person, theirs in mine.items()
    )


def _review_notice(theirs: list[Entry], to_status: str, comment: str) -> dict:
    period = theirs[0].period
    count = f"{len(theirs)} entr{'y' if len(theirs) == 1 else 'ies'}"
    if to_status == Entry.Status.RETURNED:
        kind = Notice.Kind.RETURNED
        subject = f"Quarterly update {period.label}: {count} returned for changes"
        body = (
            f"The PAU returned {count} you submitted for the {period.label} quarterly update, "
            f"with this comment:\n\n{comment}\n\nPlease change and submit again:\n"
        )
    else:
        kind = Notice.Kind.APPROVED
        subject = f"Quarterly update {period.label}: {count} approved"
        body = f"The PAU approved {count} you submitted for the {period.label} quarterly update:\n"
    body += f"\n{_entry_lines(theirs)}"
    # One entry: its page; several: the officer's quarter, where each shows its state and comment.
    link = (
        entry_link(theirs[0])
        if len(theirs) == 1
        else reverse("my_quarter:period", args=[period.fy, period.quarter_slug])
    )
    return {"kind": kind, "subject": subject, "body": body, "link": link}


def edition_published_notify(*, edition: Edition) -> None:
    """Tell every member of staff with a role (the quarter's writers among them) that the
    edition is public."""
    link = f"/editions/{edition.period.slug}/v{edition.version}/"
    address = site_url(link)
    subject = f"Quarterly update {edition.period.label} version {edition.version} published"
    body = f"{edition.title}, {edition.period.label}, version {edition.version}, is published:"
    body += f"\n\n{address}"
    if edition.change_note:
        body += f"\n\nWhat changed in this version: {edition.change_note}"
    staff = (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=ROLE_GROUPS.values())
        .order_by("email", "pk")
        .distinct()
    )
    notify(staff, kind=Notice.Kind.PUBLISHED, subject=subject, body=body, link=link)


def edition_failed_notify(*, edition: Edition) -> None:
    """Tell the analyst who asked for the publication why its files could not be made."""
    analyst = edition.published_by
    if analyst is None:
        return
    subject = f"Quarterly update {edition.period.label} version {edition.version} NOT published"
    body = (
        f"Publishing {edition.period.label} version {edition.version} failed, so it is not "
        f"public; the previous version, if any, still is.\n\nWhy: {edition.render_error}\n\n"
        f"Put it right and publish version {edition.version} again:\n"
        f"{site_url(PUBLISH_PAGE)}"
    )
    notify([analyst], kind=Notice.Kind.NOT_PUBLISHED, subject=subject, body=body, link=PUBLISH_PAGE)
