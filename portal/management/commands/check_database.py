from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError, connection
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = "Check that the database can be reached; one clear line when it cannot."

    def handle(self, *args, **options):
        try:
            connection.ensure_connection()
        except OperationalError as exc:
            settings = connection.settings_dict
            where = settings.get("HOST") or settings.get("NAME")
            raise CommandError(
                _("Cannot reach the database at %(where)s: %(reason)s")
                % {"where": where, "reason": str(exc).strip().splitlines()[0]}
            ) from None
