"""Header values built from what people typed (company names, person names) cannot break the message.

A CR or LF in a header is header injection, and Django refuses to send such a message at all (BadHeaderError):
a company name with a line break would make its approval email fail every time. Control and line-separator
characters become spaces, runs of white space one space, and the value is cut to a length mail servers accept.
"""

import re
import unicodedata

SUBJECT_MAX_LENGTH = 200
_SPACE = re.compile(r"\s+")


def clean_header(value: str, max_length: int = SUBJECT_MAX_LENGTH) -> str:
    characters = (
        " " if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") else char for char in value
    )
    cleaned = _SPACE.sub(" ", "".join(characters)).strip()
    if len(cleaned) > max_length:
        cleaned = cleaned[: max_length - 1].rstrip() + "…"
    return cleaned
