"""The register as CSV or XLSX for coordinators.

The contact person only where they agreed to be published (contact_is_public).
Both the directory's export and the admin's (organisations/admin.py) write
through here, so the columns and these rules are the same in both; how each
value is written (typed cells, local time, the formula guard) is
``portal.spreadsheets``'s, as for every export in the portal.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from portal import spreadsheets
from portal.audit import audit_log


def columns():
    return [
        (_("Name"), lambda o: o.name),
        (_("Organisation number"), lambda o: o.organisation_number or ""),
        (_("Legal form"), lambda o: o.get_legal_form_display()),
        (_("Status"), lambda o: o.get_status_display()),
        (_("Public"), lambda o: o.is_public),
        (_("Categories"), lambda o: ", ".join(c.display_name for c in o.categories.all())),
        (_("Districts"), lambda o: ", ".join(d.name for d in o.districts.all())),
        (_("Areas and target groups"), lambda o: ", ".join(a.display_name for a in o.areas.all())),
        (_("Website"), lambda o: o.website),
        (_("E-mail"), lambda o: o.email),
        (_("Phone"), lambda o: o.phone),
        (_("Postal address"), lambda o: o.address),
        (_("Contact person"), lambda o: o.contact_name if o.contact_is_public else ""),
        (_("Contact e-mail"), lambda o: o.contact_email if o.contact_is_public else ""),
        (_("Contact phone"), lambda o: o.contact_phone if o.contact_is_public else ""),
        (_("Members"), lambda o: o.member_count),
        (_("Has staff"), lambda o: o.has_staff),
        (_("Seeks collaboration"), lambda o: o.seeks_collaboration),
        (_("Offers premises"), lambda o: o.offers_premises),
        (_("Offers volunteers"), lambda o: o.offers_volunteers),
        (_("Offers knowledge"), lambda o: o.offers_knowledge),
        (_("Registered"), lambda o: o.created_at),
        (_("Approved"), lambda o: o.approved_at),
        (_("Data confirmed"), lambda o: o.confirmed_at),
        (_("Unconfirmed since"), lambda o: o.unconfirmed_since),
    ]


def _table(organisations):
    cols = columns()
    headers = [label for label, _value in cols]
    return headers, ([value(o) for _label, value in cols] for o in organisations)


def _filename(ext: str) -> str:
    return f"foreningsregistret-{timezone.localdate():%Y-%m-%d}.{ext}"


def csv_response(organisations):
    headers, rows = _table(organisations)
    return spreadsheets.csv_response(headers=headers, rows=rows, filename=_filename("csv"))


def xlsx_response(organisations):
    headers, rows = _table(organisations)
    return spreadsheets.xlsx_response(
        headers=headers, rows=rows, title=_("Associations"), filename=_filename("xlsx")
    )


def record(request, *, file_format: str, source: str) -> None:
    """Audit who exported the register, how, and with which filters: the file holds
    contact persons' names and e-mail where they agreed to be published."""
    audit_log(
        actor=request.user,
        action="organisation.register_exported",
        data={"format": file_format, "source": source, "filters": request.GET.urlencode()},
    )
