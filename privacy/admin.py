"""Privacy admin: each concern registers its ModelAdmins in its own module, imported here."""

from .retention_admin import RetentionRunAdmin  # noqa: F401
from .subject_requests.admin import DataSubjectRequestAdmin, ErasureLogEntryAdmin  # noqa: F401
