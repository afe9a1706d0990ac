"""Equipment pictures follow the site's rules for every uploaded picture (dkz_site.images)."""

from dkz_site.images import MAX_BYTES
from dkz_site.images import reencode_image as reencode_equipment_image
from dkz_site.images import validate_image as validate_equipment_image

__all__ = [
    "MAX_BYTES",
    "reencode_equipment_image",
    "validate_equipment_image",
]
