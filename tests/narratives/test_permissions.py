"""The permission matrix: every admin URL of the domain (changelist, add, change, delete,
history, history versions, import, export, actions) and the review pages, for each role,
against objects inside and outside the officer's areas. Nothing outside an officer's areas may
show (by list, by URL, by export) or change; nobody gets more than their role allows.

Expectations are written out here per role rather than read from the admin, so that a wrong
permission in the code fails the test.
"""

import datetime
from decimal import Decimal

import pytest
from django.contrib import admin
from django.contrib.auth.models import AnonymousUser
from django.forms.models import model_to_dict
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from metrics.models import Metric, MetricValue, SeriesBreak, Target
from narratives.editions.files import file_store
from narratives.models import Edition, EditionFile, FindingAcceptance, Operation, Transition
from narratives.review.views import period_url
from priorities.models import AreaAlias
from tests.priorities.adminforms import _form_values
from tests.priorities.world import build_world
from tests.second_factor import login_verified

DOMAIN_APPS = ("priorities", "metrics", "narratives")
ALL = {"view", "add", "change", "delete"}
READ_ONLY_MODELS = {"narratives.transition", "narratives.findingacceptance", "narratives.edition"}
OFFICER_ALLOWED = {
    "narratives.entry": ALL,
    "narratives.operation": {"view", "add"},
    "narratives.transition": {"view"},
    "narratives.findingacceptance": {"view"},
    "narratives.edition": {"view"},
    "metrics.metricvalue": {"view", "add", "change"},
    "metrics.metric": {"view"},
    "metrics.target": {"view"},
    "metrics.seriesbreak": {"view"},
    "priorities.plan": {"view"},
    "priorities.priority": {"view"},
    "priorities.commitment": {"view"},
    "priorities.area": {"view"},
    "priorities.areaalias": {"view"},
    "priorities.period": {"view"},
    "priorities.assignment": set(),
}
IMPORTERS = {"analyst": "*", "officer": {"metrics.metricvalue", "narratives.entry"}}


def allowed(role: str, label: str) -> set[str]:
    if role == "analyst":
        return {"view"} if label in READ_ONLY_MODELS else ALL
    if role == "manager":
        return {"view"}
    return OFFICER_ALLOWED.get(label, set())


@pytest.fixture
def world(db):
    w = build_world()
    metric = Metric.objects.create(code="matrix-hours", name="Volunteer hours")
    step = {"from_status": "draft", "to_status": "submitted", "by": w.officer}
    # Scoped objects: (inside the North officer's areas, outside them, marker text outside).
    w.scoped = {
        "narratives.entry": (w.colbury_draft, w.marshby_draft, "Marshby draft text"),
        "narratives.transition": (
            Transition.objects.create(entry=w.colbury_draft, comment="COLBURY-STEP", **step),
            Transition.objects.create(entry=w.marshby_draft, comment="MARSHBY-STEP", **step),
            "MARSHBY-STEP",
        ),
        "narratives.findingacceptance": (
            FindingAcceptance.objects.create(entry=w.colbury_draft, key="a", reason="COLBURY-OK"),
            FindingAcceptance.objects.create(entry=w.marshby_draft, key="b", reason="MARSHBY-OK"),
            "MARSHBY-OK",
        ),
        "metrics.metricvalue": (
            MetricValue.objects.create(metric=metric, period=w.q2, area=w.colbury, value=1111),
            MetricValue.objects.create(
                metric=metric, period=w.q2, area=w.marshby, value=Decimal("987654")
            ),
            "987654",
        ),
        "metrics.target": (
            Target.objects.create(metric=metric, period=w.q2, area=w.colbury, value=2222),
            Target.objects.create(metric=metric, period=w.q2, area=w.marshby, value=876543),
            "876543",
        ),
    }
    AreaAlias.objects.create(name="Marsh", area=w.marshby)
    SeriesBreak.objects.create(metric=metric, period=w.q2, note="Counted from the new system.")
    # A published edition whose internal set holds a marker the public must never see.
    edition = Edition.objects.create(
        period=w.q1,
        version="1.0",
        title="Quarterly Update",
        data_to=datetime.date(2020, 6, 1),
        produced=datetime.date(2020, 7, 1),
        published_at=timezone.now(),
        snapshot_json='{"entries": []}',
        operation_keys=["GAMBIT"],
        internal_protective_marking="OFFICIAL-SENSITIVE",
        internal_snapshot_html="<p>INTERNAL-ONLY</p>",
        internal_snapshot_json='{"entries": [], "marker": "INTERNAL-ONLY"}',
        internal_snapshot_csv="INTERNAL-ONLY",
        internal_snapshot_pdf=b"%PDF INTERNAL-ONLY",
        internal_snapshot_docx=b"PK INTERNAL-ONLY",
    )
    public_files = {
        "html": "<p>PUBLIC-EDITION</p>",
        "json": '{"entries": []}',
        "csv": "priority",
        "pdf": b"%PDF PUBLIC-EDITION",
        "docx": b"PK PUBLIC-EDITION",
    }
    for fmt, content in public_files.items():
        stored = file_store(edition=edition, fmt=fmt, content=content)
        EditionFile.objects.create(
            edition=edition, format=fmt, name=stored.name, size=stored.size, sha256=stored.sha256
        )
    Operation.objects.filter(pk=w.gambit.pk).update(description="GAMBIT-UNAPPROVED")
    w.covert = Operation.objects.create(name="COVERT-OP", not_for_publication=True)
    w.colbury_draft.operations.add(w.covert)
    return w


def domain_admins():
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label in DOMAIN_APPS:
            yield f"{model._meta.app_label}.{model._meta.model_name}", model, model_admin


def url(label: str, suffix: str, *args) -> str | None:
    try:
        return reverse(f"admin:{label.replace('.', '_')}_{suffix}", args=args)
    except NoReverseMatch:
        return None


def snapshot(w):
    """Every object an officer or manager might try to change, as plain values."""
    objects = [outside for _inside, outside, _marker in w.scoped.values()]
    objects += [model.objects.first() for _label, model, _admin in domain_admins()]
    return [(type(o).__name__, o.pk, repr(model_to_dict(o))) for o in objects if o is not None]


class Walk:
    """Requests the pages and collects every expectation that fails, to report them all."""

    def __init__(self, client, role):
        self.client, self.role, self.failures = client, role, []

    def expect(self, method, target, statuses, absent=None, present=None, data=None, public=False):
        """`public` pages answer anonymous readers too; every other page sends them to log in."""
        response = getattr(self.client, method)(target, data or {})
        body = response.content.decode(errors="replace") if not response.streaming else ""
        if self.role == "anonymous" and not public:
            statuses = {302}
            if response.status_code == 302 and "/login/" not in response["Location"]:
                self.failures.append(f"{method} {target}: redirected to {response['Location']}")
        if response.status_code not in statuses:
            self.failures.append(f"{method} {target}: {response.status_code}, wanted {statuses}")
        if absent and absent in body:
            self.failures.append(f"{method} {target}: shows {absent!r}")
        if present and response.status_code == 200 and present not in body:
            self.failures.append(f"{method} {target}: should show {present!r}")
        return response


def ok_or_forbidden(can: bool) -> set[int]:
    return {200} if can else {403}


def walk_model(walk: Walk, w, label, model, model_admin):
    role = walk.role
    can = allowed(role, label)
    scoped = w.scoped.get(label)
    if scoped:
        inside, outside, marker = scoped
        hidden = role == "officer"
        targets = [(inside, False), (outside, hidden)]
    else:
        marker, hidden = None, False
        targets = [(model.objects.first(), False)]
    shows_marker = marker if role in ("analyst", "manager") else None

    walk.expect(
        "get",
        url(label, "changelist"),
        ok_or_forbidden(bool(can & {"view", "change"})),
        absent=marker if role == "officer" else None,
        present=shows_marker,
    )
    walk.expect("get", url(label, "add"), ok_or_forbidden("add" in can))
    for obj, invisible in targets:
        if obj is None:
            continue
        absent = marker if invisible else None
        seen = ok_or_forbidden(bool(can & {"view", "change"}))
        walk.expect("get", url(label, "change", obj.pk), {302} if invisible else seen, absent)
        walk.expect("get", url(label, "history", obj.pk), {302, 404} if invisible else seen, absent)
        record = obj.history.earliest() if hasattr(obj, "history") else None
        if record is not None:
            version = url(label, "simple_history", obj.pk, record.history_id)
            walk.expect("get", version, {404} if invisible else seen, absent)
            if invisible or "change" not in can:
                walk.expect("post", version, {403, 404}, absent)
        # Without delete rights at all, the answer is 403 whether or not the object is
        # theirs to see, so it tells nothing; with them, an invisible object "doesn't exist".
        may_delete = "delete" in can and (label != "narratives.entry" or obj.status == "draft")
        deleting = ({302} if "delete" in can else {403}) if invisible else None
        walk.expect("get", url(label, "delete", obj.pk), deleting or ok_or_forbidden(may_delete))
        if invisible:
            delete = url(label, "delete", obj.pk)
            walk.expect("post", delete, deleting, absent, data={"post": "yes"})
            walk.expect("post", url(label, "change", obj.pk), {302}, absent)
        elif "change" not in can:
            walk.expect("post", url(label, "change", obj.pk), {403})
            walk.expect("post", url(label, "delete", obj.pk), {403}, data={"post": "yes"})
    walk_import_export(walk, label, model_admin, marker, shows_marker)
    if role in ("officer", "manager", "anonymous"):
        walk_actions(walk, label, model_admin, targets)


def walk_import_export(walk: Walk, label, model_admin, marker, shows_marker):
    importers = IMPORTERS.get(walk.role, set())
    import_url, export_url = url(label, "import"), url(label, "export")
    if import_url:
        may = importers == "*" or label in importers
        walk.expect("get", import_url, ok_or_forbidden(may))
    if export_url:
        page = walk.expect("get", export_url, {200} if walk.role != "anonymous" else {302})
        if page.status_code == 200:
            data = _form_values(page.context["form"])
            data["format"] = "0"
            hidden = marker if walk.role == "officer" else None
            walk.expect("post", export_url, {200}, absent=hidden, present=shows_marker, data=data)


def walk_actions(walk: Walk, label, model_admin, targets):
    changelist = url(label, "changelist")
    names = [name for name in (model_admin.actions or [])] + ["delete_selected"]
    picks = [str(obj.pk) for obj, invisible in targets if obj is not None]
    if walk.role == "officer":  # their own entries may move on; others' must not
        picks = [str(obj.pk) for obj, invisible in targets if invisible] or picks
        if label in ("narratives.entry", "metrics.metricvalue"):
            picks = [str(obj.pk) for obj, invisible in targets if invisible]
    for name in names:
        data = {"action": name, "_selected_action": picks, "post": "yes"}
        data.update(confirm_return="yes", comment="Moved by the matrix test")
        walk.client.post(changelist, data)


@pytest.mark.parametrize("role", ["officer", "manager", "analyst", "anonymous"])
def test_every_admin_url_for_each_role(client, world, role):
    user = AnonymousUser() if role == "anonymous" else getattr(world, role)
    if role != "anonymous":
        login_verified(client, user)
    before = snapshot(world)
    walk = Walk(client, role)
    for label, model, model_admin in domain_admins():
        walk_model(walk, world, label, model, model_admin)
    walk_custom_pages(walk, world)
    walk_account_pages(walk, world)
    walk_public_pages(walk, world)
    assert walk.failures == [], "\n".join(walk.failures)
    if role != "analyst":
        assert snapshot(world) == before
        world.gambit.refresh_from_db()
        assert world.gambit.approved_description == ""  # not in the snapshot: not editable


def walk_custom_pages(walk: Walk, w):
    role = walk.role
    writer = role in ("officer", "analyst")
    walk.expect("get", reverse("admin:narratives_entry_carry_forward"), ok_or_forbidden(writer))
    walk.expect(
        "get", reverse("admin:narratives_entry_deleted"), ok_or_forbidden(role == "analyst")
    )
    walk.expect("get", reverse("review:index"), ok_or_forbidden(role == "analyst"))
    walk.expect("get", period_url(w.q2), ok_or_forbidden(role == "analyst"))
    if role != "analyst":
        walk.expect(
            "post",
            period_url(w.q2),
            {403},
            data={"entries": [w.marshby_draft.pk], "action": "return", "comment": "x"},
        )
        walk.expect(
            "post", reverse("admin:narratives_entry_deleted"), {403}, data={"entry_id": "1"}
        )


# Sign-in and audit records, second-factor devices and users: superusers' pages only.
SUPERUSER_PAGES = [
    "accounts_downloadrecord",
    "axes_accesslog",
    "axes_accessfailurelog",
    "axes_accessattempt",
    "otp_totp_totpdevice",
    "otp_static_staticdevice",
    "auth_user",
    "auth_group",
]


def walk_account_pages(walk: Walk, w):
    for name in SUPERUSER_PAGES:
        walk.expect("get", reverse(f"admin:{name}_changelist"), {403})
    walk.expect("get", reverse("admin:auth_user_history", args=[w.officer.pk]), {403})
    # Everyone signed in manages their own second factor; nobody else's.
    walk.expect("get", reverse("accounts:two_factor"), {200})
    walk.expect("get", reverse("accounts:verify"), {302})


def walk_public_pages(walk: Walk, w):
    """Edition pages, files and the register: the internal edition is for staff only, and
    nothing withheld or unapproved shows to anyone on the public ones."""
    q1 = "/editions/2020-21/q1"
    staff = walk.role != "anonymous"
    for path in (f"{q1}/internal/", f"{q1}/v1.0/internal/"):
        walk.expect("get", path, {200}, present="INTERNAL-ONLY")
    for suffix in (".pdf", ".docx", ".json", ".csv"):
        walk.expect("get", f"{q1}/internal{suffix}", {200}, present="INTERNAL-ONLY")
        walk.expect("get", f"{q1}/v1.0/internal{suffix}", {200})
        walk.expect("get", f"{q1}{suffix}", {200}, absent="INTERNAL-ONLY", public=True)
    edition = walk.expect("get", f"{q1}/", {200}, absent="INTERNAL-ONLY", public=True)
    link = f'href="{q1}/v1.0/internal/"'
    if (link in edition.content.decode()) != staff:
        walk.failures.append(f"{q1}/: link to the internal edition shown={not staff}")
    register = walk.expect("get", "/operations/", {200}, absent="COVERT", public=True)
    if "Operation GAMBIT" not in register.content.decode():
        walk.failures.append("/operations/: should list Operation GAMBIT")
    walk.expect("get", "/operations/gambit/", {200}, absent="GAMBIT-UNAPPROVED", public=True)
    walk.expect("get", "/operations/covert-op/", {404}, public=True)
    changes = f"{q1}/changes/"
    walk.expect("get", changes, {200}, absent="INTERNAL-ONLY", public=True)


def test_the_matrix_covers_every_domain_model(world):
    labels = {label for label, _model, _admin in domain_admins()}
    assert labels >= set(OFFICER_ALLOWED)
    assert {"narratives.entry", "metrics.metricvalue"} <= labels
