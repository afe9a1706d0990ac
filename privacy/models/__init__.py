"""Privacy models, one module per concern; import them from `privacy.models`."""

from .blocking import BlockedEmail, BlockedEmailQuerySet
from .breaches import Breach, BreachQuerySet, BreachSubject
from .calendar import WorkingDayCorrection, WorkingDayCorrectionQuerySet
from .common import AppendOnlyError, AppendOnlyQuerySet, ByEmailQuerySet, normalise_email
from .consent import ConsentPurpose, ConsentRecord, ConsentRecordQuerySet
from .cookies import CookieChoice, CookieConsentLog
from .policy import MATERIAL_CHANGE_NOTICE, PolicyVersion, PolicyVersionQuerySet
from .processors import HOME_COUNTRY, Processor, ProcessorQuerySet
from .retention import RetentionScheduleEntry

__all__ = [
    "HOME_COUNTRY",
    "MATERIAL_CHANGE_NOTICE",
    "AppendOnlyError",
    "AppendOnlyQuerySet",
    "BlockedEmail",
    "BlockedEmailQuerySet",
    "ConsentPurpose",
    "ConsentRecord",
    "ConsentRecordQuerySet",
    "CookieChoice",
    "CookieConsentLog",
    "PolicyVersion",
    "PolicyVersionQuerySet",
    "Processor",
    "ProcessorQuerySet",
    "RetentionScheduleEntry",
    "Breach",
    "BreachQuerySet",
    "BreachSubject",
    "WorkingDayCorrection",
    "WorkingDayCorrectionQuerySet",
    "ByEmailQuerySet",
    "normalise_email",
]

# Data-subject requests and the retention runner.
from .requests import (  # noqa: E402
    DataSubjectRequest,
    DataSubjectRequestQuerySet,
    ErasureLogEntry,
    IllegalTransition,
    RequestChannel,
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
    "RequestChannel",
    "RequestEvent",
    "RequestState",
    "RequestType",
    "RetentionRun",
]
