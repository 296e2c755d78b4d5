"""Demo data of the follow-up loop: past meetings of the demo forums with published
minutes and follow-up items in every status (open, in progress, done, will not be
done with its reason), the associations that took part, and one meeting held
without minutes yet, so the desk and the reminders have something to show.

Called by dialogues.demo.load after the forums exist. Idempotent: a meeting is
found by forum and theme, and its items and sign-ups are made only with it.
"""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from organisations.demo import representatives_association
from organisations.models import Membership, Organisation
from portal.models import Department

from .models import FollowUpItem, Forum, Meeting, Registration

OWN = "own"  # the demo representative's association raised it


@dataclass(frozen=True)
class DemoItem:
    title: str
    status: str
    due_in_days: int  # from today; negative: the due date has passed
    department: str
    raised_by: str = ""  # OWN, "member" (a forum member) or a person's name
    answer: str = ""
    reason: str = ""
    owner_email: str = ""


@dataclass(frozen=True)
class DemoPastMeeting:
    forum: str  # slug
    theme: str
    days_ago: int
    minutes: str = ""  # empty: held, minutes not yet published
    checked_by: str = ""
    items: tuple[DemoItem, ...] = field(default=())
    with_own: bool = False


KFF = "Kultur- och fritidsförvaltningen"
PAST = [
    DemoPastMeeting(
        "dialogforum-for-civilsamhallet",
        "Höstens dialogforum: överenskommelsen ett år senare",
        150,
        "<p>Ett fyrtiotal deltagare från 22 föreningar. Kommunen redovisade hur "
        "överenskommelsen har följts upp under året.</p><ul><li>Lokalfrågan var den "
        "mest diskuterade.</li><li>Föreningarna vill ha enklare bidragsansökningar.</li>"
        "<li>Nästa dialogforum hålls i vår.</li></ul>",
        checked_by="Maria Lindqvist, Vivalla Schackklubb",
        with_own=True,
        items=(
            DemoItem(
                "Fler kvällstider i kommunens lokaler",
                FollowUpItem.Status.DONE,
                -60,
                KFF,
                raised_by=OWN,
                answer="Från januari är Fullersta och Träffpunkt Vista öppna till kl. 22 "
                "på vardagar, och föreningar bokar kvällstider i lokalbokningen.",
                owner_email="forvaltning@demo.se",
            ),
            DemoItem(
                "Enklare ansökan om föreningsbidrag",
                FollowUpItem.Status.IN_PROGRESS,
                45,
                KFF,
                raised_by="member",
                answer="Ett förslag till nya regler är ute hos en referensgrupp av "
                "föreningar; beslut väntas före sommaren.",
            ),
            DemoItem(
                "Avgiftsfri parkering vid föreningarnas evenemang",
                FollowUpItem.Status.WONT_DO,
                -90,
                "Natur- och byggnadsförvaltningen",
                raised_by="Leila Haddad",
                reason="Parkeringsavgifterna beslutas av kommunfullmäktige och gäller "
                "alla; frågan har lämnats vidare men ändras inte i år.",
            ),
            DemoItem(
                "En gemensam kalender för föreningarnas evenemang",
                FollowUpItem.Status.OPEN,
                -10,
                "Kommunstyrelsens förvaltning",
                raised_by=OWN,
            ),
        ),
    ),
    DemoPastMeeting(
        "pensionarsradet",
        "Pensionärsrådets höstmöte",
        70,
        "<p>Rådet gick igenom äldreomsorgens budget och tillgängligheten i utemiljön.</p>",
        checked_by="Gunnel Ek, PRO Huddinge",
        items=(
            DemoItem(
                "Bättre belysning på gångvägen till Träffpunkt Vista",
                FollowUpItem.Status.DONE,
                -20,
                "Natur- och byggnadsförvaltningen",
                raised_by="member",
                answer="Sex nya lyktstolpar sattes upp i november.",
            ),
            DemoItem(
                "Fler bänkar längs Sjödalsvägen",
                FollowUpItem.Status.IN_PROGRESS,
                30,
                "Natur- och byggnadsförvaltningen",
                raised_by="member",
                answer="Platserna är valda; bänkarna kommer på plats i april.",
            ),
        ),
    ),
    DemoPastMeeting(
        "funktionsrattsradet",
        "Tillgänglighet i den nya skolan i Stuvsta",
        45,
        "<p>Förvaltningen visade ritningarna till den nya skolan. Rådet lämnade "
        "synpunkter på entréer, ljudmiljö och skyltning.</p>",
        items=(
            DemoItem(
                "Hörslinga i alla möteslokaler i den nya skolan",
                FollowUpItem.Status.OPEN,
                -5,
                "Barn- och utbildningsförvaltningen",
                raised_by="member",
            ),
            DemoItem(
                "Ledsagning till Kulturhuset vid föreställningar",
                FollowUpItem.Status.WONT_DO,
                -15,
                KFF,
                raised_by="member",
                reason="Ledsagning är ett biståndsbeslut enligt LSS och kan inte ordnas "
                "av kulturhuset; rådet får information om hur man ansöker.",
            ),
        ),
    ),
    DemoPastMeeting(
        "natverk-for-foreningssamordnare",
        "Nätverksträff: en väg in för föreningarna",
        30,
        "<p>Samordnarna kom överens om en gemensam ingång för föreningarnas frågor.</p>",
        items=(
            DemoItem(
                "Samma svarstid för föreningarnas frågor i alla förvaltningar",
                FollowUpItem.Status.DONE,
                -7,
                "Kommunstyrelsens förvaltning",
                answer="Alla förvaltningar svarar inom tio arbetsdagar från februari.",
            ),
        ),
    ),
    DemoPastMeeting("foreningsradet", "Föreningsrådet om lokalbokningen", 20),
]


def _meeting(spec: DemoPastMeeting, forum: Forum, today) -> tuple[Meeting, bool]:
    starts = timezone.make_aware(
        datetime.combine(today - timedelta(days=spec.days_ago), time(18, 0))
    )
    published = bool(spec.minutes)
    return Meeting.objects.get_or_create(
        forum=forum,
        theme=spec.theme,
        defaults={
            "agenda": "1. Välkomna\n2. Uppföljning sedan förra mötet\n3. Dagens frågor",
            "starts_at": starts,
            "ends_at": starts + timedelta(hours=2),
            "place": "Huddinge kommunhus, sal Fullersta",
            "hearing_loop": True,
            "step_free": True,
            "capacity": 40,
            "status": Meeting.Status.MINUTES_PUBLISHED if published else Meeting.Status.HELD,
            "minutes": spec.minutes,
            "minutes_checked_by": spec.checked_by,
            "minutes_published_at": starts + timedelta(days=9) if published else None,
        },
    )


def _participants(meeting: Meeting, organisations: list[Organisation]) -> None:
    for organisation in organisations:
        signer = Membership.objects.filter(organisation=organisation).order_by("pk").first()
        Registration.objects.create(
            meeting=meeting,
            organisation=organisation,
            registered_by=signer.user if signer else None,
            attendees=2,
            status=Registration.Status.CONFIRMED,
            created_at=meeting.starts_at - timedelta(days=14),
        )


def _items(meeting: Meeting, spec: DemoPastMeeting, own, members, today) -> int:
    departments = {d.name: d for d in Department.objects.all()}
    users = {u.email: u for u in get_user_model().objects.filter(email__endswith="@demo.se")}
    rows = []
    for n, item in enumerate(spec.items):
        organisation, name = None, ""
        if item.raised_by == OWN:
            organisation = own[0] if own else None
        elif item.raised_by == "member":
            organisation = members[n % len(members)] if members else None
        else:
            name = item.raised_by
        rows.append(
            FollowUpItem(
                meeting=meeting,
                title=item.title,
                raised_by_organisation=organisation,
                raised_by_name=name,
                owner=users.get(item.owner_email),
                owner_department=departments.get(item.department),
                due_on=today + timedelta(days=item.due_in_days),
                status=item.status,
                reason=item.reason,
                answer=item.answer,
                answer_published_at=(
                    meeting.minutes_published_at if item.answer or item.reason else None
                ),
                created_at=meeting.starts_at,
            )
        )
    FollowUpItem.objects.bulk_create(rows)
    return len(rows)


def load_past(stdout) -> None:
    """The past meetings with their participants, minutes and follow-up items."""
    today = timezone.localdate()
    forums = {f.slug: f for f in Forum.objects.filter(slug__in={m.forum for m in PAST})}
    own = representatives_association()
    made = items = 0
    for spec in PAST:
        forum = forums.get(spec.forum)
        if forum is None:
            continue
        meeting, created = _meeting(spec, forum, today)
        if not created:
            continue
        made += 1
        members = list(forum.organisations.exclude(pk__in=[o.pk for o in own]).order_by("name"))
        _participants(meeting, members[:5] + (own if spec.with_own else []))
        items += _items(meeting, spec, own, members, today)
    stdout.write(f"Past forum meetings: {len(PAST)} ({made} new), follow-up items: {items} new")
