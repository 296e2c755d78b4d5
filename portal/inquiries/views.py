"""The sender's pages: the form, the receipt, and following the case (through the
private link, or logged in as its sender) with the messages and a reply form.
Thin views: bind the form, call the service, show a message, redirect.

The private link is the right to see one case: a wrong, guessed or renewed-away
token is a 404, like a case that does not exist; the hash is compared again in
constant time."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from portal.client_ip import client_ip
from portal.uploads import attachment_response

from . import services
from .deadlines import expected_answer_date
from .forms import InquiryForm, MessageForm
from .models import Inquiry, InquiryMessage

RECEIPTS = "inquiries.receipts"  # session: {reference: private link token}
SENDER_KINDS = (InquiryMessage.Kind.FROM_SENDER, InquiryMessage.Kind.TO_SENDER, "event")


@require_http_methods(["GET", "POST"])
def start(request):
    """En väg in's page and form: GET shows it, POST sends it."""
    if request.method != "POST":
        return _start_page(request, InquiryForm(user=request.user))
    form = InquiryForm(request.POST, request.FILES, user=request.user)
    first = Inquiry.objects.filter(submission=form.submission_key()).first()
    if first is not None and form.submission_key() is not None:
        return _already_sent(request, services.AlreadySent(first))
    if form.is_robot:
        # A robot filled in the honeypot: it is told what a person would be, and
        # nothing is stored or sent.
        messages.success(request, _("Thank you! Your inquiry has been sent."))
        return redirect("inquiries:start")
    if not form.is_valid():
        return _start_page(request, form, status=400)
    try:
        inquiry, token = services.inquiry_submit(
            data=form.cleaned_data,
            user=request.user,
            ip=client_ip(request),
            language=get_language() or "sv",
            submission=form.submission_key(),
            attachment=form.cleaned_data.get("attachment"),
        )
    except services.AlreadySent as exc:
        return _already_sent(request, exc)
    except services.InquiryError as exc:
        form.add_error(None, exc.message)
        return _start_page(request, form, status=429 if isinstance(exc, services.TooMany) else 400)
    request.session[RECEIPTS] = {**request.session.get(RECEIPTS, {}), inquiry.reference: token}
    return redirect("inquiries:receipt", reference=inquiry.reference)


def _start_page(request, form, status=200):
    context = {
        "form": form,
        "INQUIRY_ACKNOWLEDGE_DAYS": settings.INQUIRY_ACKNOWLEDGE_WORKING_DAYS,
        "INQUIRY_ANSWER_DAYS": settings.INQUIRY_ANSWER_WORKING_DAYS,
    }
    return render(request, "inquiries/start.html", context, status=status)


def _already_sent(request, exc: services.AlreadySent):
    if exc.inquiry.reference in request.session.get(RECEIPTS, {}):
        return redirect("inquiries:receipt", reference=exc.inquiry.reference)
    messages.info(
        request,
        _(
            "Your inquiry %(reference)s has already been sent. The link to follow it is in the "
            "receipt we e-mailed you."
        )
        % {"reference": exc.inquiry.reference},
    )
    return redirect("inquiries:start")


@never_cache
def receipt(request, reference):
    """Shown once after sending, in the session that sent it (references are
    readable, so without it this is a 404)."""
    token = request.session.get(RECEIPTS, {}).get(reference)
    if token is None:
        raise Http404
    inquiry = get_object_or_404(Inquiry.objects.with_token(token), reference=reference)
    return render(
        request,
        "inquiries/receipt.html",
        {
            "inquiry": inquiry,
            "follow_url": request.build_absolute_uri(reverse("inquiries:follow", args=[token])),
            "expected_on": expected_answer_date(inquiry),
        },
    )


def _by_token(token: str) -> Inquiry:
    inquiry = Inquiry.objects.with_token(token).select_related("department", "assignee").first()
    if inquiry is None or not inquiry.matches_token(token) or inquiry.is_erased:
        raise Http404
    return inquiry


def _sender_page(request, inquiry: Inquiry, *, form=None, token=None, status=200):
    thread = (
        inquiry.messages.filter(kind__in=SENDER_KINDS)
        .select_related("author")
        .order_by("created_at", "pk")
    )
    return render(
        request,
        "inquiries/follow.html",
        {
            "inquiry": inquiry,
            "thread": thread,
            "attachments": inquiry.attachments.all(),
            "form": form or MessageForm(),
            "token": token,
            "expected_on": expected_answer_date(inquiry),
            "statuses": Inquiry.Status.choices,
        },
        status=status,
    )


def _sender_reply(request, inquiry: Inquiry, *, token=None, redirect_to):
    form = MessageForm(request.POST)
    if not form.is_valid():
        return _sender_page(request, inquiry, form=form, token=token, status=400)
    try:
        services.inquiry_sender_reply(
            inquiry=inquiry, body=form.cleaned_data["body"], user=request.user
        )
    except services.InquiryError as exc:
        form.add_error(None, exc.message)
        return _sender_page(request, inquiry, form=form, token=token, status=400)
    messages.success(request, _("Your message has been sent."))
    return redirect_to


@never_cache
@require_http_methods(["GET", "POST"])
def follow(request, token):
    """The case through its private link: status, messages, write back."""
    inquiry = _by_token(token)
    if request.method == "POST":
        return _sender_reply(
            request, inquiry, token=token, redirect_to=redirect("inquiries:follow", token=token)
        )
    return _sender_page(request, inquiry, token=token)


@require_POST
def renew(request, token):
    """A new private link; the old one (this one) stops working at once."""
    inquiry = _by_token(token)
    new = services.inquiry_renew_link(inquiry=inquiry, by=request.user)
    messages.success(
        request,
        _(
            "This is the case's new link; the old one no longer works. We have e-mailed it to "
            "you too."
        ),
    )
    return redirect("inquiries:follow", token=new)


@never_cache
def follow_attachment(request, token, pk):
    inquiry = _by_token(token)
    return attachment_response(get_object_or_404(inquiry.attachments, pk=pk))


@login_required
def mine(request):
    """The cases a logged-in person has sent."""
    inquiries = (
        Inquiry.objects.sent_by(request.user)
        .select_related("department", "assignee")
        .order_by("-received_at", "-pk")
    )
    return render(request, "inquiries/mine.html", {"inquiries": inquiries})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def mine_detail(request, reference):
    inquiry = get_object_or_404(
        Inquiry.objects.sent_by(request.user).select_related("department", "assignee"),
        reference=reference,
    )
    if request.method == "POST":
        return _sender_reply(
            request, inquiry, redirect_to=redirect("inquiries:mine_detail", reference=reference)
        )
    return _sender_page(request, inquiry)


@never_cache
@login_required
def mine_attachment(request, reference, pk):
    inquiry = get_object_or_404(Inquiry.objects.sent_by(request.user), reference=reference)
    return attachment_response(get_object_or_404(inquiry.attachments, pk=pk))
