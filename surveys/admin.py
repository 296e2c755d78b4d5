"""The survey builder in the admin: a survey with its sections and questions
inline, each question's options (choices, or a matrix's rows and columns) inline
on the question's page. Opening, closing, copying and the next round are actions
that go through the services (the status is not edited by hand), as does a new
survey from a template (admin_rounds.py); every save is audited. A coordinator
sees the surveys they manage (Survey.objects.visible_to). The English texts sit
in a collapsed "In English" part of each form (an option's beside its label), so
the Swedish, which every survey has, stays as short to fill in as before."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from portal.admin import CleanInputAdminMixin
from portal.audit import AuditedAdminMixin

from .admin_rounds import SurveyRoundsAdminMixin
from .models import Option, Question, Section, Survey
from .services import SurveyError
from .services.lifecycle import survey_close, survey_copy, survey_open


class ConditionChoiceMixin:
    """The condition's options: the choice options of the same survey."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        survey_id = getattr(request, "_survey_id", None)
        if db_field.name == "condition_option":
            options = Option.objects.filter(role=Option.Role.CHOICE).select_related("question")
            kwargs["queryset"] = options.filter(question__survey_id=survey_id)
        if db_field.name == "section":
            kwargs["queryset"] = Section.objects.filter(survey_id=survey_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def in_english(*fields) -> tuple:
    """A form's collapsed fieldset of the English beside its Swedish fields."""
    return (_("In English"), {"classes": ("collapse",), "fields": fields})


class SectionInline(ConditionChoiceMixin, CleanInputAdminMixin, admin.StackedInline):
    model = Section
    extra = 0
    fieldsets = (
        (None, {"fields": (("title", "position"), "description", "condition_option")}),
        in_english("title_en", "description_en"),
    )


class QuestionInline(ConditionChoiceMixin, CleanInputAdminMixin, admin.StackedInline):
    model = Question
    extra = 0
    show_change_link = True
    fieldsets = (
        (
            None,
            {
                "fields": (
                    ("section", "position", "code"),
                    "text",
                    ("kind", "required"),
                    ("min_value", "max_value"),
                    ("min_label", "max_label"),
                    ("cell", "rows_required"),
                    "condition_option",
                )
            },
        ),
        in_english("text_en", ("min_label_en", "max_label_en")),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("section")


class ManagedAdminMixin:
    """Objects of the surveys the user manages; object rights by surveys/rules.py."""

    def survey_of(self, obj):
        return obj

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("surveys.view_survey", self.survey_of(obj))

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("surveys.change_survey", self.survey_of(obj))

    def has_add_permission(self, request, *args):
        return request.user.has_perm("surveys.add_survey")

    def has_delete_permission(self, request, obj=None):
        return False

    def has_module_permission(self, request):
        return request.user.has_perm("surveys.add_survey")


@admin.register(Survey)
class SurveyAdmin(
    SurveyRoundsAdminMixin,
    ManagedAdminMixin,
    AuditedAdminMixin,
    CleanInputAdminMixin,
    admin.ModelAdmin,
):
    audit_name = "survey"
    list_display = ("title", "kind", "audience", "status", "opens_at", "closes_at", "page")
    list_filter = ("status", "kind", "audience")
    search_fields = ("title", "title_en")
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("status", "created_by", "created_at", "updated_at")
    inlines = [SectionInline, QuestionInline]
    actions = ["open_surveys", "close_surveys", "copy_surveys", "start_next_round"]
    fieldsets = (
        (None, {"fields": ("title", "slug", "kind", "introduction")}),
        in_english("title_en", "introduction_en"),
        (_("Sending"), {"fields": ("audience", "anonymous", "opens_at", "closes_at", "status")}),
        (
            _("Results and personal data"),
            {"fields": ("small_group_threshold", "retention_days", "previous_round")},
        ),
        (_("Created and updated"), {"fields": ("created_by", "created_at", "updated_at")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def get_form(self, request, obj=None, **kwargs):
        request._survey_id = obj.pk if obj else None
        return super().get_form(request, obj, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("page"))
    def page(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), _("Response rate"))

    def _run(self, request, queryset, service, done):
        count = 0
        for survey in queryset:
            try:
                service(survey=survey, by=request.user)
            except SurveyError as error:
                self.message_user(request, f"{survey}: {error.message}", messages.ERROR)
            else:
                count += 1
        if count:
            self.message_user(request, done % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Open the chosen surveys"))
    def open_surveys(self, request, queryset):
        self._run(request, queryset, survey_open, _("%(count)s surveys opened."))

    @admin.action(description=_("Close the chosen surveys"))
    def close_surveys(self, request, queryset):
        self._run(request, queryset, survey_close, _("%(count)s surveys closed."))

    @admin.action(description=_("Copy the chosen surveys (as new drafts)"))
    def copy_surveys(self, request, queryset):
        self._run(request, queryset, survey_copy, _("%(count)s surveys copied."))


class OptionInline(CleanInputAdminMixin, admin.StackedInline):
    """Stacked, not tabular: each input keeps its own label (axe, screen readers)."""

    model = Option
    extra = 0
    fields = (("role", "position", "code"), ("label", "label_en"))


@admin.register(Question)
class QuestionAdmin(
    ConditionChoiceMixin,
    ManagedAdminMixin,
    AuditedAdminMixin,
    CleanInputAdminMixin,
    admin.ModelAdmin,
):
    audit_name = "survey_question"
    list_display = ("text", "survey", "kind", "required")
    list_select_related = ("survey",)
    list_filter = ("kind",)
    search_fields = ("text", "text_en", "code")
    inlines = [OptionInline]
    readonly_fields = ("survey", "survey_link")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "survey_link",
                    ("section", "position", "code"),
                    "text",
                    "help_text",
                    ("kind", "required"),
                    ("min_value", "max_value"),
                    ("min_label", "max_label"),
                    ("cell", "rows_required"),
                    "condition_option",
                )
            },
        ),
        in_english("text_en", "help_text_en", ("min_label_en", "max_label_en")),
    )

    def survey_of(self, obj):
        return obj.survey if obj else None

    def has_add_permission(self, request, *args):
        return False  # questions are added on their survey's page

    def get_queryset(self, request):
        surveys = Survey.objects.visible_to(request.user)
        return super().get_queryset(request).filter(survey__in=surveys)

    def get_form(self, request, obj=None, **kwargs):
        request._survey_id = obj.survey_id if obj else None
        return super().get_form(request, obj, **kwargs)

    @admin.display(description=_("survey"))
    def survey_link(self, obj):
        url = reverse("admin:surveys_survey_change", args=[obj.survey_id])
        return format_html('<a href="{}">{}</a>', url, obj.survey)
