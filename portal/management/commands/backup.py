from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal import backup


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump, custom format) and the uploaded files into one "
        "tar file, with each table's row count for the restore to check."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", help="Where to write it (default var/backups/...).")

    def handle(self, *args, **options):
        try:
            path = backup.backup(Path(options["file"]) if options["file"] else None)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backup written to {path}")
