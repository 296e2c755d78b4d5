"""Who manages a survey: municipal coordinators every survey, department
coordinators the surveys they made; administrators all. Respondents hold no
permission: their link (surveys/links.py) reaches their own recipient's answer
and nothing else, whoever is logged in.

``Survey.objects.visible_to(user)`` is the same rule as a query;
tests/surveys/rules/ holds the pair to one grid."""

import rules

from portal.rules import is_department_coordinator, is_municipal_coordinator

from .models import Survey


def _survey(obj):
    if obj is None or isinstance(obj, Survey):
        return obj
    if hasattr(obj, "question"):  # an option
        return obj.question.survey
    return getattr(obj, "survey", None)


@rules.predicate
def made_it(user, obj) -> bool:
    survey = _survey(obj)
    return survey is None or (user.is_authenticated and survey.created_by_id == user.pk)


is_manager = rules.is_superuser | is_municipal_coordinator | (is_department_coordinator & made_it)
is_builder = rules.is_superuser | is_municipal_coordinator | is_department_coordinator

rules.add_perm("surveys.add_survey", is_builder)
for action in ("view", "change", "send", "view_responses"):
    rules.add_perm(f"surveys.{action}_survey", is_manager)
# The inlines and the questions' own page follow their survey.
for model in ("section", "question", "option"):
    for action in ("view", "add", "change", "delete"):
        rules.add_perm(f"surveys.{action}_{model}", is_manager)
rules.add_perm("surveys.view_recipient", is_manager)
