"""WBS fixtures."""
import pytest

from tests.wbs.helpers import make_officer


@pytest.fixture
def team(app):
    """The install's first Tim WBS key (active at once): the WBS channel accepts reports. Its e-mail."""
    with app.app_context():
        return make_officer().email
