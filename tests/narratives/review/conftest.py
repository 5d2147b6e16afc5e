import pytest

from tests.priorities.world import build_world
from tests.second_factor import login_verified


@pytest.fixture
def w(db):
    return build_world()


@pytest.fixture
def analyst_client(client, w):
    login_verified(client, w.analyst)
    return client
