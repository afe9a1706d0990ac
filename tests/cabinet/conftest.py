from tests.accreditation.conftest import *  # noqa: F401,F403
