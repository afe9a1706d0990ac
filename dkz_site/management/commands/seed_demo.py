"""Demo data for `make run`: each app contributes through an optional `<app>/demo.py` with `seed(stdout)`.

Idempotent: running it twice leaves the same data, so `make run` can call it every time.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Load idempotent demo data (members, equipment, enquiries, policy versions)."

    def handle(self, *args, **options):
        for config in apps.get_app_configs():
            module_name = f"{config.name}.demo"
            if find_spec(module_name) is None:
                continue
            with transaction.atomic():
                import_module(module_name).seed(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
