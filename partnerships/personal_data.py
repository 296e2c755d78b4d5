"""The partnerships' personal data: who uploaded an agreement's documents. The
document stays with the agreement (it is the record of the decision); erasing the
account removes the name from it."""

from django.utils.translation import gettext_lazy as _

from portal import personal_data

from .models import AgreementDocument


def export_uploaded_documents(user) -> list[dict]:
    return [
        {"agreement": d.agreement.title, "document": d.name, "uploaded": d.created_at}
        for d in AgreementDocument.objects.filter(uploaded_by=user).select_related("agreement")
    ]


def erase_uploaded_documents(user) -> None:
    AgreementDocument.objects.filter(uploaded_by=user).update(uploaded_by=None)


personal_data.register(
    "partnerships.agreement_documents",
    label=_("Documents you added to agreements"),
    export=export_uploaded_documents,
    erase=erase_uploaded_documents,
    model=AgreementDocument,
    fields={"agreement": _("Agreement"), "document": _("Document"), "uploaded": _("Uploaded")},
)
