"""Registering an association as a guided form of five steps, each a page that is
validated on its own, with a review of everything before the one submission.

What the person enters is kept in their session (a ``Draft``) exactly as sent, so
going back, even from a step with errors, loses nothing and shows it again as
typed. The logo is the one file: it is chosen on the last step and sent with the
submission, so no upload is stored for a registration that is never sent, and a
browser, which keeps no chosen file from page to page, is not asked to. The
whole form (``RegistrationForm``, with the duplicate check and the one-time
token) is validated once more at the end and handed to ``organisation_register``
as before."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from . import services
from .forms import RegistrationForm
from .models import ActivityArea, Organisation
from .services import RegisterError
from .validators import normalise_organisation_number


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    intro: str
    fields: tuple[str, ...]
    # Kept in the draft besides the fields (the duplicate check's tick).
    extra: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return self.fields + self.extra


STEPS = (
    Step(
        "",
        gettext_lazy("About the association"),
        gettext_lazy(
            "Five steps. Nothing is sent until you send the registration in the last step, "
            "and you can go back and change anything until then."
        ),
        (
            "name",
            "legal_form",
            "organisation_number",
            "description",
            "member_count",
            "has_staff",
        ),
        extra=("not_duplicate",),
    ),
    Step(
        "verksamhet",
        gettext_lazy("Where and what"),
        gettext_lazy(
            "Where the association is active and what it does: this is how others find it "
            "in the directory."
        ),
        ("districts", "categories", "areas", "target_groups"),
        extra=("not_duplicate",),
    ),
    Step(
        "kontakt",
        gettext_lazy("Contact"),
        gettext_lazy(
            "How the association is reached, and a contact person the municipality can ask."
        ),
        (
            "website",
            "email",
            "phone",
            "address",
            "social_media",
            "contact_name",
            "contact_email",
            "contact_phone",
        ),
    ),
    Step(
        "erbjudanden",
        gettext_lazy("Offers and needs"),
        gettext_lazy(
            "What the association offers others or looks for, so that associations find each other."
        ),
        (
            "seeks_collaboration",
            "offers_premises",
            "offers_volunteers",
            "offers_knowledge",
            "offers_needs_text",
        ),
    ),
    Step(
        "granska",
        gettext_lazy("Consent and review"),
        gettext_lazy(
            "Check what you have entered, choose what may be shown publicly and send the "
            "registration. A coordinator at the municipality then reviews it."
        ),
        ("contact_is_public", "is_public", "logo"),
    ),
)
REVIEW = STEPS[-1]


def step_url(step: Step) -> str:
    if step is REVIEW:
        return reverse("organisations:register_review")
    if not step.slug:
        return reverse("organisations:register")
    return reverse("organisations:register_step", args=[step.slug])


DUPLICATE_CODES = ("duplicate", "possible_duplicate")


def first_step_with_errors(form: RegistrationForm) -> Step:
    """The step where the whole form's first error is put right: the duplicate
    check's belong to the first step, other errors of the form (the one-time
    token's, the service's) to the last."""
    steps = []
    for name, errors in form.errors.as_data().items():
        if name == NON_FIELD_ERRORS:
            duplicate = any(error.code in DUPLICATE_CODES for error in errors)
            steps.append(STEPS[0] if duplicate else REVIEW)
        else:
            steps.append(next(s for s in STEPS if name in s.fields))
    return min(steps, key=STEPS.index)


class StepForm(RegistrationForm):
    """The registration form cut down to one step's fields. Activity areas and
    target groups, one field of the association, are two questions here. The
    duplicate check runs on the steps that ask for the name or the districts, with
    what the other of those steps holds (``context``)."""

    def __init__(self, *args, step: Step, context: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        self.context = context
        keep = set(step.names) | ({"submission"} if step is REVIEW else set())
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        if "areas" in self.fields:
            areas = self.fields["areas"]
            areas.label = _("Activity areas")
            areas.queryset = ActivityArea.objects.filter(kind=ActivityArea.Kind.AREA)
            self.fields["target_groups"] = forms.ModelMultipleChoiceField(
                label=_("Target groups"),
                queryset=ActivityArea.objects.filter(kind=ActivityArea.Kind.TARGET_GROUP),
                widget=forms.CheckboxSelectMultiple,
                required=False,
            )
        if "contact_email" in self.fields:
            self.fields["contact_email"].help_text = _(
                "Shown publicly only if the contact person agrees, which the last step asks."
            )

    def duplicate_query(self, cleaned) -> dict | None:
        if "name" in self.fields:
            own = super().duplicate_query(cleaned)
            return {**own, "district_ids": self.context.get("district_ids", [])}
        if "districts" in self.fields and self.context.get("name"):
            return {
                **self.context,
                "district_ids": super().duplicate_query(cleaned)["district_ids"],
            }
        return None


# A registration left this long is dropped: it holds a contact person's details.
DRAFT_MAX_AGE = timedelta(days=2)
SESSION_KEY = "organisations.registration"


class Draft:
    """What a person has entered so far, per step as their browser sent it, which
    steps passed their checks, which must show their errors when next opened
    (the final check found them), and which likely duplicates they said are not
    theirs."""

    def __init__(self, data: dict):
        self.data = data

    @classmethod
    def load(cls, request) -> "Draft | None":
        """The person's draft; one left too long (or another account's) is dropped."""
        data = request.session.get(SESSION_KEY)
        if not data:
            return None
        touched = datetime.fromisoformat(data.get("touched") or "2000-01-01T00:00+00:00")
        if data.get("user") != request.user.pk or timezone.now() - touched > DRAFT_MAX_AGE:
            cls.discard(request)
            return None
        return cls(data)

    @classmethod
    def start(cls, request) -> "Draft":
        return cls(
            {"user": request.user.pk, "steps": {}, "done": [], "check": [], "acknowledged": []}
        )

    def save(self, request) -> None:
        self.data["touched"] = timezone.now().isoformat()
        request.session[SESSION_KEY] = self.data

    @staticmethod
    def discard(request) -> None:
        request.session.pop(SESSION_KEY, None)

    def keep(self, step: Step, post: QueryDict) -> None:
        """Keep what was sent as sent; until its checks pass again the step is not
        passed, so no other step reads it as checked (a district that is no number)."""
        self.data["steps"][step.slug] = {name: post.getlist(name) for name in step.names}
        self.data["done"] = [s for s in self.data["done"] if s != step.slug]

    def sent(self, step: Step) -> QueryDict:
        data = QueryDict(mutable=True)
        for name, values in self.data["steps"].get(step.slug, {}).items():
            data.setlist(name, values)
        return data

    def has(self, step: Step) -> bool:
        return step.slug in self.data["steps"]

    def is_done(self, step: Step) -> bool:
        return step.slug in self.data["done"]

    def must_check(self, step: Step) -> bool:
        return step.slug in self.data["check"]

    def passed(self, step: Step, found=()) -> None:
        self.data["done"] = sorted({*self.data["done"], step.slug})
        self.data["check"] = [s for s in self.data["check"] if s != step.slug]
        self.data["acknowledged"] = sorted({*self.data["acknowledged"], *found})

    def failed(self, step: Step, *, check: bool = False) -> None:
        self.data["done"] = [s for s in self.data["done"] if s != step.slug]
        if check and step.slug not in self.data["check"]:
            self.data["check"].append(step.slug)

    @property
    def acknowledged(self) -> list[int]:
        return self.data["acknowledged"]

    def first_open(self, before: Step | None = None) -> Step | None:
        """The first step not yet passed (before ``before``, if given)."""
        steps = STEPS[: STEPS.index(before)] if before else STEPS[:-1]
        return next((s for s in steps if not self.is_done(s)), None)

    def after(self, step: Step) -> Step:
        """Where to go once ``step`` is passed: the next step not yet passed, so a
        change made from the review returns to it."""
        return next(s for s in STEPS[STEPS.index(step) + 1 :] if not self.is_done(s))

    def context(self) -> dict:
        """The name and districts as passed, for the other step's duplicate check."""
        about, where = self.sent(STEPS[0]), self.sent(STEPS[1])
        context = {}
        if self.is_done(STEPS[0]):
            number = normalise_organisation_number(about.get("organisation_number", ""))
            context |= {"name": about.get("name", "").strip(), "number": number}
        if self.is_done(STEPS[1]):
            context["district_ids"] = [int(pk) for pk in where.getlist("districts")]
        return context

    def whole(self, post: QueryDict) -> QueryDict:
        """The whole form's data: every step as kept, the last as sent now."""
        data = QueryDict(mutable=True)
        for step in STEPS[:-1]:
            for name, values in self.sent(step).lists():
                if name not in step.extra:
                    data.setlist(name, values)
        data.setlist("areas", data.getlist("areas") + data.pop("target_groups", []))
        for name in (*REVIEW.fields, "submission"):
            data.setlist(name, post.getlist(name))
        return data


EXPIRED = gettext_lazy(
    "The registration had expired, so it starts again from the first step. "
    "What you entered on the page you sent is kept."
)


class RegisterView(LoginRequiredMixin, View):
    """One step of the registration: shown as last entered; "Next" checks it and
    moves on, "Back" keeps it as it is, checked or not."""

    template_name = "organisations/manage/register_step.html"
    steps = {step.slug: step for step in STEPS[:-1]}

    def dispatch(self, request, *args, step: str = "", **kwargs):
        if step not in self.steps:
            raise Http404
        self.step = self.steps[step]
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def index(self) -> int:
        return STEPS.index(self.step)

    def form(self, draft: Draft, data=None, files=None, **kwargs) -> StepForm:
        """Bound to what was sent, or else showing what was kept (an unbound form,
        so no errors until the step is sent, unless the final check found some)."""
        kept = draft.sent(self.step)
        if data is None and draft.must_check(self.step):
            data = kept
        form = StepForm(
            data,
            files,
            step=self.step,
            context=draft.context(),
            user=self.request.user,
            acknowledged=draft.acknowledged,
            **kwargs,
        )
        if data is None and draft.has(self.step):
            form.initial |= {
                name: field.widget.value_from_datadict(kept, {}, form.add_prefix(name))
                for name, field in form.fields.items()
                if name in self.step.names and not isinstance(field, forms.FileField)
            }
        return form

    def get(self, request, *args, **kwargs):
        draft = Draft.load(request)
        if draft is None:
            if self.index:
                return redirect(step_url(STEPS[0]))
            draft = Draft.start(request)
        missing = draft.first_open(before=self.step)
        if missing is not None:
            return redirect(step_url(missing))
        return self.render(draft, self.form(draft))

    def post(self, request, *args, **kwargs):
        draft = Draft.load(request)
        if draft is None:
            draft = Draft.start(request)
            if self.index:
                draft.keep(self.step, request.POST)
                draft.save(request)
                messages.warning(request, EXPIRED)
                return redirect(step_url(STEPS[0]))
        draft.keep(self.step, request.POST)
        if request.POST.get("action") == "back":
            draft.failed(self.step)
            draft.save(request)
            return redirect(step_url(STEPS[max(self.index - 1, 0)]))
        form = self.form(draft, request.POST)
        if form.is_valid():
            draft.passed(self.step, found=form.found)
            draft.save(request)
            return redirect(step_url(draft.after(self.step)))
        draft.failed(self.step)
        draft.save(request)
        return self.render(draft, form)

    def render(self, draft: Draft, form, **context):
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "fields": [form[name] for name in self.step.fields if name in form.fields],
                "step": self.step,
                "number": self.index + 1,
                "count": len(STEPS),
                "steps": [
                    {"step": s, "number": i, "done": draft.is_done(s), "current": s is self.step}
                    for i, s in enumerate(STEPS, start=1)
                ],
                "next_step": draft.after(self.step) if self.step is not REVIEW else None,
                "action": step_url(self.step),
                **context,
            },
        )


class ReviewView(RegisterView):
    """The last step: consent, the logo and a summary of every other step, each
    with a link to change it; sending it validates the whole form once more and
    registers the association (one association per form, as before)."""

    template_name = "organisations/manage/register_review.html"
    steps = {"": REVIEW}

    def summary(self, draft: Draft) -> tuple[list[dict], Step | None]:
        """Each earlier step's answers as label and value, checked again (a
        category may have been removed since); or the first step that fails."""
        sections = []
        context = draft.context()
        for step in STEPS[:-1]:
            form = StepForm(
                draft.sent(step),
                step=step,
                context=context,
                user=self.request.user,
                acknowledged=draft.acknowledged,
            )
            if not form.is_valid():
                return sections, step
            rows = [
                (form[name].label, shown(form.fields[name], form.cleaned_data[name]))
                for name in step.fields
            ]
            sections.append({"step": step, "url": step_url(step), "rows": rows})
        return sections, None

    def get(self, request, *args, **kwargs):
        draft = Draft.load(request)
        if draft is None:
            return redirect(step_url(STEPS[0]))
        return self.review(draft, self.form(draft))

    def review(self, draft: Draft, form):
        missing = draft.first_open()
        sections, failing = self.summary(draft) if missing is None else ([], missing)
        if failing is not None:
            if missing is None:
                draft.failed(failing, check=True)
                draft.save(self.request)
            return redirect(step_url(failing))
        return self.render(draft, form, sections=sections)

    def post(self, request, *args, **kwargs):
        token = RegistrationForm(request.POST, user=request.user).submission_token()
        first = Organisation.objects.registered_with(token).first()
        if first is not None:  # sent twice: a double click, a reload
            return self.registered(services.AlreadyRegistered(first))
        draft = Draft.load(request)
        if draft is None:
            draft = Draft.start(request)
            draft.keep(self.step, request.POST)
            draft.save(request)
            messages.warning(request, EXPIRED)
            return redirect(step_url(STEPS[0]))
        draft.keep(self.step, request.POST)
        draft.save(request)
        if request.POST.get("action") == "back":
            return redirect(step_url(STEPS[self.index - 1]))
        missing = draft.first_open()
        if missing is not None:
            return redirect(step_url(missing))
        form = RegistrationForm(
            draft.whole(request.POST),
            request.FILES,
            user=request.user,
            acknowledged=draft.acknowledged,
        )
        if form.is_valid():
            try:
                organisation = services.organisation_register(
                    data=form.cleaned_data, user=request.user, token=form.cleaned_data["submission"]
                )
            except services.AlreadyRegistered as exc:
                return self.registered(exc)
            except RegisterError as exc:
                form.add_error(None, exc.message)
            else:
                return self.done(organisation)
        step = first_step_with_errors(form)
        if step is not REVIEW:
            draft.failed(step, check=True)
            draft.save(request)
            messages.error(request, _("Something on this step needs to be changed."))
            return redirect(step_url(step))
        return self.review(draft, form)

    def registered(self, exc: services.AlreadyRegistered):
        Draft.discard(self.request)
        messages.info(self.request, exc.message)
        return redirect(exc.organisation)

    def done(self, organisation: Organisation):
        Draft.discard(self.request)
        messages.success(
            self.request,
            _(
                "Thank you! %(name)s is registered and awaits approval by a coordinator. "
                "You will get an e-mail when it is approved."
            )
            % {"name": organisation.name},
        )
        return redirect(organisation)


def shown(field: forms.Field, value) -> str:
    """An answer as the review shows it."""
    if isinstance(field, forms.BooleanField):
        return _("Yes") if value else _("No")
    if isinstance(field, forms.ModelMultipleChoiceField):
        value = ", ".join(str(item) for item in value)
    elif isinstance(field, forms.ChoiceField):
        value = dict(field.choices).get(value, value)
    if value in (None, ""):
        return _("Not given")
    return str(value)
