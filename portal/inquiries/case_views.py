"""The handlers' pages: the list of cases and one case with its forms (assign or
hand over, reply, note, close, delay notice, a new link for the sender). Every
case is found among ``Inquiry.objects.visible_to(user)``: one the user may not
handle is a 404, like one that does not exist."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from organisations.views import paginate, query_without_page
from portal.uploads import attachment_response
from portal.workdays import WorkCalendar

from . import deadlines, routing, services, stats
from .filters import InquiryFilter
from .forms import AssignForm, CloseForm, DelayForm, NoteForm, ReplyForm
from .models import Inquiry


class CaseCount(Paginator):
    """Counts at most a thousand cases (COUNT over a LIMIT), without the list's
    order: the count needs no sorting, so the filters' indexes decide how it is
    read; ``capped`` tells the template that there are more."""

    cap = 1000

    @property
    def count(self):
        if not hasattr(self, "_capped_count"):
            self._capped_count = self.object_list.order_by()[: self.cap + 1].count()
        return min(self._capped_count, self.cap)

    @property
    def capped(self) -> bool:
        return self.count == self.cap and self._capped_count > self.cap


def _require_list(request):
    if not request.user.has_perm("inquiries.list_inquiries"):
        raise PermissionDenied


@login_required
@require_GET
def case_list(request):
    _require_list(request)
    queryset = (
        Inquiry.objects.visible_to(request.user)
        .select_related("department", "assignee")
        .order_by("-received_at", "-pk")
    )
    filterset = InquiryFilter(request.GET, queryset=queryset)
    # Counting every closed case ever would read the whole history for each page:
    # the count stops at a thousand, and filters narrow the rest.
    page, page_range = paginate(request, filterset.qs, default=25, paginator_class=CaseCount)
    now = timezone.now()
    rows = [(inquiry, inquiry.is_overdue(now)) for inquiry in page]
    return render(
        request,
        "inquiries/case_list.html",
        {
            "filter": filterset,
            "page": page,
            "page_range": page_range,
            "rows": rows,
            "query": query_without_page(request),
        },
    )


def _case(request, reference) -> Inquiry:
    return get_object_or_404(
        Inquiry.objects.visible_to(request.user).select_related(
            "department", "assignee", "organisation", "sender_user"
        ),
        reference=reference,
    )


def _case_page(request, inquiry: Inquiry, status=200, **forms):
    calendar = WorkCalendar()
    now = timezone.now()
    suggestion = None if inquiry.is_closed else routing.suggest(inquiry)
    initial = {}
    if suggestion and not inquiry.department_id:
        initial = {"department": suggestion.department, "assignee": suggestion.official}
    context = {
        "inquiry": inquiry,
        "thread": inquiry.messages.select_related("author").order_by("created_at", "pk"),
        "handovers": inquiry.handovers.select_related(
            "from_department", "from_user", "to_department", "to_user", "by"
        ),
        "attachments": inquiry.attachments.all(),
        "topics": inquiry.topics.all(),
        "districts": inquiry.districts.all(),
        "target_groups": inquiry.target_groups.all(),
        "age": calendar.working_days_between(inquiry.received_at, now),
        "overdue": inquiry.is_overdue(now),
        "forecast_late": deadlines.forecast_late(inquiry, now),
        "expected_on": deadlines.expected_answer_date(inquiry),
        "suggestion": suggestion,
        "statuses": Inquiry.Status.choices,
        "show_sender": request.user.has_perm("inquiries.view_sender", inquiry),
        "assign_form": forms.get("assign") or AssignForm(initial=initial),
        "reply_form": forms.get("reply") or ReplyForm(),
        "note_form": forms.get("note") or NoteForm(),
        "close_form": forms.get("close") or CloseForm(),
        "delay_form": forms.get("delay") or DelayForm(),
    }
    return render(request, "inquiries/case.html", context, status=status)


@never_cache
@login_required
@require_GET
def case(request, reference):
    return _case_page(request, _case(request, reference))


def _act(request, reference, name, form_class, call, done):
    """Bind ``form_class``, call the service with the inquiry and the cleaned data,
    show ``done`` and go back to the case; errors are shown on the case page."""
    inquiry = _case(request, reference)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            call(inquiry, form.cleaned_data)
        except services.InquiryError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, done)
            if not request.user.has_perm(
                "inquiries.view_inquiry", Inquiry.objects.get(pk=inquiry.pk)
            ):
                return redirect("inquiries:list")  # handed away from the one who did it
            return redirect("inquiries:case", reference=reference)
    return _case_page(request, inquiry, status=400, **{name: form})


@login_required
@require_POST
def assign(request, reference):
    def call(inquiry, data):
        services.inquiry_assign(
            inquiry=inquiry,
            to_department=data["department"],
            to_user=data["assignee"],
            reason=data["reason"],
            by=request.user,
        )

    return _act(request, reference, "assign", AssignForm, call, _("The case has been assigned."))


@login_required
@require_POST
def reply(request, reference):
    def call(inquiry, data):
        services.inquiry_reply(
            inquiry=inquiry,
            body=data["body"],
            waits_for_sender=data["waits_for_sender"],
            by=request.user,
        )

    return _act(request, reference, "reply", ReplyForm, call, _("The message has been sent."))


@login_required
@require_POST
def note(request, reference):
    def call(inquiry, data):
        services.inquiry_note(inquiry=inquiry, body=data["body"], by=request.user)

    return _act(request, reference, "note", NoteForm, call, _("The note has been saved."))


@login_required
@require_POST
def close(request, reference):
    def call(inquiry, data):
        services.inquiry_close(
            inquiry=inquiry,
            outcome=data["outcome"],
            text=data["text"],
            link=data["link"],
            referred_to=data["referred_to"],
            referred_contact=data["referred_contact"],
            by=request.user,
        )

    return _act(request, reference, "close", CloseForm, call, _("The case has been closed."))


@login_required
@require_POST
def delay(request, reference):
    def call(inquiry, data):
        services.inquiry_delay_notice(
            inquiry=inquiry,
            reason=data["reason"],
            expected_on=data["expected_on"],
            by=request.user,
        )

    return _act(request, reference, "delay", DelayForm, call, _("The delay notice has been sent."))


@login_required
@require_POST
def new_link(request, reference):
    """Mail the sender a new private link (they lost theirs, or shared it by mistake):
    the handler never sees it, and the old one stops working."""
    inquiry = _case(request, reference)
    if not request.user.has_perm("inquiries.handle_inquiry", inquiry):
        raise PermissionDenied
    try:
        services.inquiry_renew_link(inquiry=inquiry, by=request.user)
    except services.InquiryError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("A new link has been e-mailed to the sender."))
    return redirect("inquiries:case", reference=reference)


@never_cache
@login_required
def attachment(request, reference, pk):
    inquiry = _case(request, reference)
    return attachment_response(get_object_or_404(inquiry.attachments, pk=pk))


@login_required
@require_GET
def statistics(request):
    """The medians to acknowledge and to close, per month and per department and
    month, among the cases the reader may handle."""
    if not request.user.has_perm("inquiries.view_desk_panel"):
        raise PermissionDenied
    return render(request, "inquiries/statistics.html", stats.speed_for(request.user))
