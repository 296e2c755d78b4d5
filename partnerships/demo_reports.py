"""Demo data of the follow-up reports: the plan of one IOP, to which the demo
representative's association (forening@demo.se) is party and which the demo
official (tjansteperson@demo.se) reviews: one report overdue, one submitted
awaiting review, one returned with comments, and the joint final evaluation.

Dates are counted from the day the demo is loaded, so the overdue one is overdue;
a plan that exists is left alone."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from .models import ReportDue, ReportVersion

QUESTIONS = (
    "Vilka aktiviteter har ni genomfört under perioden?\n"
    "Hur har ni nått målgruppen, och vilka har ni inte nått?\n"
    "Vad vill ni ändra inför nästa period?"
)
ANSWERS = [
    "Spontanidrott i Fittjahallen tisdagar och torsdagar, läxhjälp på onsdagar.",
    "Genom skolorna och fritidsgården; flickor 13–15 år når vi sämre.",
    "Vi vill prova en tjejkväll med egen ledare.",
]


def load_reports(stdout, agreement) -> None:
    if agreement.reports_due.exists():
        return
    today = timezone.localdate()
    now = timezone.now()
    users = get_user_model().objects
    representative = users.filter(email="forening@demo.se").first()
    official = users.filter(email="tjansteperson@demo.se").first()
    common = {"agreement": agreement, "questions": QUESTIONS}
    approved = ReportDue.objects.create(
        title="Delrapport våren 2026",
        due_on=today - timedelta(days=45),
        status=ReportDue.Status.APPROVED,
        answers=ANSWERS,
        participants=64,
        volunteer_hours=410,
        submitted_at=now - timedelta(days=50),
        submitted_by=representative,
        reviewed_at=now - timedelta(days=40),
        reviewed_by=official,
        **common,
    )
    ReportDue.objects.create(
        title="Delrapport sommarlovet 2026", due_on=today - timedelta(days=14), **common
    )
    submitted = ReportDue.objects.create(
        title="Delrapport hösten 2026",
        due_on=today + timedelta(days=10),
        status=ReportDue.Status.SUBMITTED,
        answers=ANSWERS,
        participants=71,
        volunteer_hours=380,
        submitted_at=now - timedelta(days=2),
        submitted_by=representative,
        **common,
    )
    returned = ReportDue.objects.create(
        title="Ekonomisk redovisning 2026",
        due_on=today + timedelta(days=30),
        status=ReportDue.Status.RETURNED,
        questions="Hur har bidraget använts?\nHur mycket har föreningen bidragit med själv?",
        answers=["Till ledararvoden och material.", ""],
        asks_participants=False,
        review_comment="Ange föreningens egen insats i kronor och ideella timmar.",
        submitted_at=now - timedelta(days=6),
        submitted_by=representative,
        reviewed_at=now - timedelta(days=5),
        reviewed_by=official,
        agreement=agreement,
        volunteer_hours=120,
    )
    ReportDue.objects.create(
        title="Gemensam utvärdering",
        kind=ReportDue.Kind.FINAL,
        is_joint=True,
        due_on=agreement.ends_on - timedelta(days=60),
        **common,
    )
    for report, comment in ((approved, ""), (submitted, ""), (returned, returned.review_comment)):
        ReportVersion.objects.create(
            report=report,
            number=1,
            answers=report.answers,
            participants=report.participants,
            volunteer_hours=report.volunteer_hours,
            submitted_at=report.submitted_at,
            submitted_by=representative,
            return_comment=comment,
        )
    stdout.write("Follow-up reports: 5 in the plan of " + agreement.title)
