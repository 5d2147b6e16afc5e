import pytest

from tests.second_factor import login_verified


@pytest.fixture
def analyst_client(client, w):
    login_verified(client, w.analyst)
    return client
