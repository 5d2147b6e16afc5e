"""An entry marked not for publication stays so when it is copied or brought back: carried
forward into next quarter as a draft, or restored after deletion."""

import pytest

from narratives.entries.copies import entries_carry_forward, entry_restore
from narratives.models import Entry
from tests.priorities.world import build_world


@pytest.fixture
def w(db):
    world = build_world()
    for entry in (world.last_colbury, world.last_colbury_child):
        entry.not_for_publication = entry is world.last_colbury
        entry.save()
    return world


def test_a_carried_forward_copy_keeps_the_mark(w):
    parent, child = entries_carry_forward(area=w.north, period=w.q2, by=w.officer)
    assert parent.not_for_publication is True
    assert child.not_for_publication is False  # withheld anyway: it sits under its parent


def test_a_restored_entry_keeps_the_mark(w):
    parent_pk = w.last_colbury.pk
    w.last_colbury.delete()
    entry_restore(entry_id=parent_pk, by=w.analyst)
    assert Entry.objects.get(pk=parent_pk).not_for_publication is True
