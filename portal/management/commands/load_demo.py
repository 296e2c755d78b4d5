from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext as _


def demo_loaders() -> list[tuple[str, object]]:
    """The core's loader first, then each installed app's ``<app>.demo.load``,
    in INSTALLED_APPS order."""
    loaders = []
    configs = sorted(apps.get_app_configs(), key=lambda config: config.name != "portal")
    for config in configs:
        if not module_has_submodule(config.module, "demo"):
            continue
        load = getattr(import_module(f"{config.name}.demo"), "load", None)
        if callable(load):
            loaders.append((config.label, load))
    return loaders


class Command(BaseCommand):
    help = "Load the demo data (departments, one login per role, and every app's demo data)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even where DEMO_DATA_ALLOWED is off. Never on a production site: it "
            "creates logins with a published password.",
        )

    def handle(self, *args, **options):
        if not settings.DEMO_DATA_ALLOWED and not options["force"]:
            raise CommandError(
                _(
                    "Refusing to load demo data here (DEMO_DATA_ALLOWED is off): the demo "
                    "logins have a published password. Use --force on a test site."
                )
            )
        for label, load in demo_loaders():
            self.stdout.write(self.style.MIGRATE_HEADING(f"Demo data: {label}"))
            load(self.stdout)
