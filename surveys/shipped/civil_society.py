"""The template "Civilsamhällets syn på samverkan": Huddinge kommun's survey of
2022 to the associations in its register (the inquiry's section 4.2): whether
and how they work with the municipality today, how it works, what they know of
the ways to do it, how they want to work with it and with each other, and what
would make it better.

The labels are the survey's own data in Swedish, the language it is asked in,
each with its English (``_en``, and an option's third item: (code, label,
English)); the codes are stable, because rounds are compared by them."""

KEY = "civilsamhallets-syn-pa-samverkan"
TITLE = "Civilsamhällets syn på samverkan"
TITLE_EN = "Civil society's view of collaboration"
KIND = "survey"
AUDIENCE = "associations"
ANONYMOUS = True
INTRODUCTION = (
    "Kommunen vill veta hur föreningarna ser på samverkan med kommunen. Svara en gång "
    "för er förening; det tar ungefär tio minuter. Svaren är anonyma."
)
INTRODUCTION_EN = (
    "The municipality wants to know how associations see working together with it. "
    "Answer once for your association; it takes about ten minutes. The answers are "
    "anonymous."
)

AGREE = {"min_value": 1, "max_value": 5,
         "min_label": "Instämmer inte alls", "min_label_en": "Do not agree at all",
         "max_label": "Instämmer helt", "max_label_en": "Fully agree"}  # fmt: skip
IOP = ("iop", "Partnerskap (IOP)", "Partnership (IOP)")
PROJECTS = ("projekt", "Gemensamma projekt", "Joint projects")

SECTIONS = [
    {
        "title": "Er förening och kommunen",
        "title_en": "Your association and the municipality",
        "questions": [
            {
                "code": "samverkar",
                "kind": "single",
                "required": True,
                "text": "Samverkar föreningen med kommunen i dag?",
                "text_en": "Does the association collaborate with the municipality today?",
                "options": [("ja-regelbundet", "Ja, regelbundet", "Yes, regularly"),
                            ("ja-ibland", "Ja, ibland", "Yes, sometimes"),
                            ("nej", "Nej", "No")],
            },
            {
                "code": "former",
                "kind": "multiple",
                "text": "På vilka sätt samverkar ni?",
                "text_en": "In which ways do you collaborate?",
                "condition": ("samverkar", "ja-regelbundet"),
                "options": [
                    ("lokaler", "Hyr lokaler av kommunen", "Rent premises from the municipality"),
                    ("bidrag", "Får bidrag", "Receive grants"),
                    ("informationstraffar", "Deltar i informationsträffar",
                     "Take part in information meetings"),
                    ("dialogmoten", "Dialogmöten", "Dialogue meetings"),
                    PROJECTS,
                    ("tjanst", "Utför en tjänst för eller med kommunen",
                     "Provide a service for or with the municipality"),
                    IOP,
                ],
            },
            {
                "code": "fungerar",
                "kind": "scale",
                "required": True,
                "text": "Hur fungerar samverkan med kommunen?",
                "text_en": "How well does collaboration with the municipality work?",
                "min_value": 1, "max_value": 5,
                "min_label": "Mycket dåligt", "min_label_en": "Very badly",
                "max_label": "Mycket bra", "max_label_en": "Very well",
            },
            {
                "code": "positiv",
                "kind": "scale",
                "text": "Kommunen är positiv till att samverka med föreningar.",
                "text_en": "The municipality is positive about collaborating with associations.",
                **AGREE,
            },
            {
                "code": "kunskap",
                "kind": "scale",
                "text": "Vi har tillräckliga kunskaper om hur vi kan samverka med kommunen.",
                "text_en": "We know enough about how we can collaborate with the municipality.",
                **AGREE,
            },
            {
                "code": "kontakt",
                "kind": "scale",
                "required": True,
                "text": "Hur lätt är det att hitta rätt person i kommunen?",
                "text_en": "How easy is it to find the right person in the municipality?",
                "min_value": 1, "max_value": 5,
                "min_label": "Mycket svårt", "min_label_en": "Very difficult",
                "max_label": "Mycket lätt", "max_label_en": "Very easy",
            },
            {
                "code": "medlemmar",
                "kind": "number",
                "text": "Hur många medlemmar har föreningen?",
                "text_en": "How many members does the association have?",
                "min_value": 0, "max_value": 100000,
            },
            {
                "code": "bidrag",
                "kind": "amount",
                "text": "Hur mycket bidrag fick föreningen från kommunen förra året?",
                "text_en": "How much did the association receive in grants from the "
                           "municipality last year?",
            },
            {
                "code": "ideella",
                "kind": "percentage",
                "text": "Hur stor andel av arbetet görs ideellt?",
                "text_en": "What share of the work is done by unpaid volunteers?",
            },
        ],
    },
    {
        "title": "Samverkan framåt",
        "title_en": "Collaboration in the years ahead",
        "questions": [
            {
                "code": "onskar",
                "kind": "multiple",
                "text": "Hur vill ni samverka med kommunen framöver?",
                "text_en": "How would you like to collaborate with the municipality from now on?",
                "options": [
                    ("tidigt-i-planering", "Involveras tidigt i planeringsprocesser",
                     "Be involved early in planning"),
                    ("mer-dialog", "Mer dialog för att mötas och lära av varandra",
                     "More dialogue, to meet and learn from each other"),
                    ("lokaler-halltider", "Planering av lokaler, anläggningar och halltider",
                     "Planning of premises, facilities and sports hall times"),
                    ("verksamhetsforandringar", "Involveras i större verksamhetsförändringar",
                     "Be involved in major changes to the municipality's services"),
                    PROJECTS,
                    IOP,
                ],
            },
            {
                "code": "omraden",
                "kind": "matrix",
                "cell": "choice",
                "required": True,
                "rows_required": True,
                "text": "Hur viktigt är samverkan inom dessa områden?",
                "text_en": "How important is collaboration in these areas?",
                "rows": [("barn-unga", "Barn och unga", "Children and young people"),
                         ("aldre", "Äldre", "Older people"),
                         ("integration", "Integration", "Integration"),
                         ("folkhalsa", "Folkhälsa", "Public health")],
                "columns": [("inte-viktigt", "Inte viktigt", "Not important"),
                            ("ganska-viktigt", "Ganska viktigt", "Fairly important"),
                            ("mycket-viktigt", "Mycket viktigt", "Very important")],
            },
            {
                "code": "andra-organisationer",
                "kind": "single",
                "text": "Samverkar föreningen med andra organisationer?",
                "text_en": "Does the association collaborate with other organisations?",
                "options": [("ja", "Ja", "Yes"), ("nej", "Nej", "No")],
            },
            {
                "code": "underlatta",
                "kind": "multiple",
                "text": "Hur kan kommunen underlätta samverkan mellan organisationer?",
                "text_en": "How can the municipality make it easier for organisations to "
                           "work together?",
                "options": [
                    ("sprida-information", "Samla och sprida information om organisationerna "
                     "och deras aktiviteter",
                     "Gather and share information about the organisations and their "
                     "activities"),
                    ("traffar-omrade", "Bjuda in till träffar för föreningar i samma område",
                     "Invite associations in the same area to meetings"),
                    ("traffar-verksamhet", "Bjuda in till träffar inom samma verksamhetsområde",
                     "Invite organisations working in the same field to meetings"),
                    ("marknadsfora", "Hjälpa till att marknadsföra verksamheterna",
                     "Help to promote their activities"),
                ],
            },
            {
                "code": "forbattra",
                "kind": "text",
                "text": "Vad skulle göra samverkan med kommunen bättre?",
                "text_en": "What would make collaboration with the municipality better?",
            },
        ],
    },
]  # fmt: skip
