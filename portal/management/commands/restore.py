from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from portal import backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into an empty database and the "
        "upload folders, and check every table's row count against the backup."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The backup's tar file.")

    def handle(self, *args, **options):
        try:
            counts = backup.restore(Path(options["file"]))
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        # The dump carries no grants: give the runtime role its rights again.
        if settings.DATABASE_RUNTIME_URL:
            call_command("grant_runtime_role")
        self.stdout.write(
            f"Restored {len(counts)} tables, {sum(counts.values())} rows, as in the backup."
        )
