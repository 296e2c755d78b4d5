from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from portal import sweeps


class Command(BaseCommand):
    help = "Run every reminder sweep once, without a Celery worker, and print what each did."

    def handle(self, *args, **options):
        results = sweeps.run_all()
        if not results:
            self.stdout.write(_("No sweeps are registered."))
        failed = 0
        for name, count in results.items():
            if count < 0:
                failed += 1
                self.stdout.write(self.style.ERROR(f"{name}: " + _("failed (see the log)")))
            else:
                self.stdout.write(f"{name}: " + _("%(count)d scheduled") % {"count": count})
        if failed:
            # The others have run; a non-zero exit tells cron or CI that one did not.
            raise CommandError(
                _("%(failed)d of %(total)d sweeps failed.")
                % {"failed": failed, "total": len(results)}
            )
