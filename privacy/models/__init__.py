"""Privacy models, one module per concern; import them from `privacy.models`."""

from .blocking import BlockedEmail, BlockedEmailQuerySet
from .common import normalise_email
from .consent import AppendOnlyError, ConsentPurpose, ConsentRecord, ConsentRecordQuerySet
from .policy import MATERIAL_CHANGE_NOTICE, PolicyVersion, PolicyVersionQuerySet

__all__ = [
    "MATERIAL_CHANGE_NOTICE",
    "AppendOnlyError",
    "BlockedEmail",
    "BlockedEmailQuerySet",
    "ConsentPurpose",
    "ConsentRecord",
    "ConsentRecordQuerySet",
    "PolicyVersion",
    "PolicyVersionQuerySet",
    "normalise_email",
]

# Data-subject requests and the retention runner (issue 7).
from .requests import (  # noqa: E402
    DataSubjectRequest,
    DataSubjectRequestQuerySet,
    ErasureLogEntry,
    IllegalTransition,
    RequestEvent,
    RequestState,
    RequestType,
)
from .retention import RetentionRun  # noqa: E402

__all__ += [
    "DataSubjectRequest",
    "DataSubjectRequestQuerySet",
    "ErasureLogEntry",
    "IllegalTransition",
    "RequestEvent",
    "RequestState",
    "RequestType",
    "RetentionRun",
]
