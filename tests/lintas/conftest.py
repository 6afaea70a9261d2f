import pytest


@pytest.fixture(autouse=True)
def wbs_team(app):
    """The WBS team has an active key: without one the WBS channel is closed and refuses every move."""
    from tests.wbs.helpers import make_officer

    with app.app_context():
        make_officer()
