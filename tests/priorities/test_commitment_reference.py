"""A commitment's reference, as the edition numbers it, written in one place."""

import pytest

from tests.factories import CommitmentFactory, PriorityFactory


@pytest.mark.django_db
def test_a_commitment_is_referred_to_by_priority_and_order():
    commitment = CommitmentFactory(priority=PriorityFactory(number=7), order=12, text="Cut KSIs.")
    assert commitment.reference == "7.12"
    assert str(commitment) == "7.12 Cut KSIs."
