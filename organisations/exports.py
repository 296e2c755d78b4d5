"""The register as CSV or XLSX for coordinators.

The contact person only where they agreed to be published (contact_is_public).
Cells that a spreadsheet would run as a formula are prefixed with an apostrophe.
Both the directory's export and the admin's (organisations/admin.py) write
through here, so the columns and these rules are the same in both.
"""

import csv
import io
import re

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import audit_log

# OWASP's list plus a line feed. The check also looks past leading blanks,
# which some importers trim before they read a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
# Control characters that XML 1.0, so XLSX, cannot hold (openpyxl refuses them,
# NUL among them); never meaningful in the register.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe(value):
    """Neutralise formula injection (OWASP CSV injection). Control characters go
    first, so that none can hide a formula from the check and then vanish."""
    if not isinstance(value, str):
        return value
    value = CONTROL.sub("", value)
    if value.startswith(FORMULA_START) or value.lstrip().startswith(FORMULA_START):
        return "'" + value
    return value


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def _when(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def columns():
    return [
        (_("Name"), lambda o: o.name),
        (_("Organisation number"), lambda o: o.organisation_number or ""),
        (_("Legal form"), lambda o: o.get_legal_form_display()),
        (_("Status"), lambda o: o.get_status_display()),
        (_("Public"), lambda o: _yes_no(o.is_public)),
        (_("Categories"), lambda o: ", ".join(c.name for c in o.categories.all())),
        (_("Districts"), lambda o: ", ".join(d.name for d in o.districts.all())),
        (_("Areas and target groups"), lambda o: ", ".join(a.name for a in o.areas.all())),
        (_("Website"), lambda o: o.website),
        (_("E-mail"), lambda o: o.email),
        (_("Phone"), lambda o: o.phone),
        (_("Postal address"), lambda o: o.address),
        (_("Contact person"), lambda o: o.contact_name if o.contact_is_public else ""),
        (_("Contact e-mail"), lambda o: o.contact_email if o.contact_is_public else ""),
        (_("Contact phone"), lambda o: o.contact_phone if o.contact_is_public else ""),
        (_("Members"), lambda o: "" if o.member_count is None else o.member_count),
        (_("Has staff"), lambda o: _yes_no(o.has_staff)),
        (_("Seeks collaboration"), lambda o: _yes_no(o.seeks_collaboration)),
        (_("Offers premises"), lambda o: _yes_no(o.offers_premises)),
        (_("Offers volunteers"), lambda o: _yes_no(o.offers_volunteers)),
        (_("Offers knowledge"), lambda o: _yes_no(o.offers_knowledge)),
        (_("Registered"), lambda o: _when(o.created_at)),
        (_("Approved"), lambda o: _when(o.approved_at)),
        (_("Data confirmed"), lambda o: _when(o.confirmed_at)),
        (_("Unconfirmed since"), lambda o: _when(o.unconfirmed_since)),
    ]


def rows(organisations):
    cols = columns()
    yield [label for label, _value in cols]
    for organisation in organisations:
        yield [safe(value(organisation)) for _label, value in cols]


def _filename(ext: str) -> str:
    return f"foreningsregistret-{timezone.localdate():%Y-%m-%d}.{ext}"


def csv_response(organisations) -> HttpResponse:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # so Excel reads UTF-8
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows(rows(organisations))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


def xlsx_response(organisations) -> HttpResponse:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Associations"))
    for row in rows(organisations):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_filename("xlsx")}"'
    return response


def record(request, *, file_format: str, source: str) -> None:
    """Audit who exported the register, how, and with which filters: the file holds
    contact persons' names and e-mail where they agreed to be published."""
    audit_log(
        actor=request.user,
        action="organisation.register_exported",
        data={"format": file_format, "source": source, "filters": request.GET.urlencode()},
    )
