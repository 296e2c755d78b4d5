"""The template "Civilsamhällets syn på samverkan": Huddinge kommun's survey of
2022 to the associations in its register (the inquiry's section 4.2): whether
and how they work with the municipality today, how it works, what they know of
the ways to do it, how they want to work with it and with each other, and what
would make it better.

The labels are the survey's own data (Swedish, the language it is asked in);
the codes are stable, because rounds are compared by them."""

KEY = "civilsamhallets-syn-pa-samverkan"
TITLE = "Civilsamhällets syn på samverkan"
KIND = "survey"
AUDIENCE = "associations"
ANONYMOUS = True
INTRODUCTION = (
    "Kommunen vill veta hur föreningarna ser på samverkan med kommunen. Svara en gång "
    "för er förening; det tar ungefär tio minuter. Svaren är anonyma."
)

AGREE = {"min_value": 1, "max_value": 5, "min_label": "Instämmer inte alls",
         "max_label": "Instämmer helt"}  # fmt: skip

SECTIONS = [
    {
        "title": "Er förening och kommunen",
        "questions": [
            {
                "code": "samverkar",
                "kind": "single",
                "required": True,
                "text": "Samverkar föreningen med kommunen i dag?",
                "options": [("ja-regelbundet", "Ja, regelbundet"), ("ja-ibland", "Ja, ibland"),
                            ("nej", "Nej")],
            },
            {
                "code": "former",
                "kind": "multiple",
                "text": "På vilka sätt samverkar ni?",
                "condition": ("samverkar", "ja-regelbundet"),
                "options": [
                    ("lokaler", "Hyr lokaler av kommunen"),
                    ("bidrag", "Får bidrag"),
                    ("informationstraffar", "Deltar i informationsträffar"),
                    ("dialogmoten", "Dialogmöten"),
                    ("projekt", "Gemensamma projekt"),
                    ("tjanst", "Utför en tjänst för eller med kommunen"),
                    ("iop", "Partnerskap (IOP)"),
                ],
            },
            {
                "code": "fungerar",
                "kind": "scale",
                "required": True,
                "text": "Hur fungerar samverkan med kommunen?",
                "min_value": 1, "max_value": 5, "min_label": "Mycket dåligt",
                "max_label": "Mycket bra",
            },
            {
                "code": "positiv",
                "kind": "scale",
                "text": "Kommunen är positiv till att samverka med föreningar.",
                **AGREE,
            },
            {
                "code": "kunskap",
                "kind": "scale",
                "text": "Vi har tillräckliga kunskaper om hur vi kan samverka med kommunen.",
                **AGREE,
            },
            {
                "code": "kontakt",
                "kind": "scale",
                "required": True,
                "text": "Hur lätt är det att hitta rätt person i kommunen?",
                "min_value": 1, "max_value": 5, "min_label": "Mycket svårt",
                "max_label": "Mycket lätt",
            },
            {
                "code": "medlemmar",
                "kind": "number",
                "text": "Hur många medlemmar har föreningen?",
                "min_value": 0, "max_value": 100000,
            },
            {
                "code": "bidrag",
                "kind": "amount",
                "text": "Hur mycket bidrag fick föreningen från kommunen förra året?",
            },
            {
                "code": "ideella",
                "kind": "percentage",
                "text": "Hur stor andel av arbetet görs ideellt?",
            },
        ],
    },
    {
        "title": "Samverkan framåt",
        "questions": [
            {
                "code": "onskar",
                "kind": "multiple",
                "text": "Hur vill ni samverka med kommunen framöver?",
                "options": [
                    ("tidigt-i-planering", "Involveras tidigt i planeringsprocesser"),
                    ("mer-dialog", "Mer dialog för att mötas och lära av varandra"),
                    ("lokaler-halltider", "Planering av lokaler, anläggningar och halltider"),
                    ("verksamhetsforandringar", "Involveras i större verksamhetsförändringar"),
                    ("projekt", "Gemensamma projekt"),
                    ("iop", "Partnerskap (IOP)"),
                ],
            },
            {
                "code": "omraden",
                "kind": "matrix",
                "cell": "choice",
                "required": True,
                "rows_required": True,
                "text": "Hur viktigt är samverkan inom dessa områden?",
                "rows": [("barn-unga", "Barn och unga"), ("aldre", "Äldre"),
                         ("integration", "Integration"), ("folkhalsa", "Folkhälsa")],
                "columns": [("inte-viktigt", "Inte viktigt"), ("ganska-viktigt", "Ganska viktigt"),
                            ("mycket-viktigt", "Mycket viktigt")],
            },
            {
                "code": "andra-organisationer",
                "kind": "single",
                "text": "Samverkar föreningen med andra organisationer?",
                "options": [("ja", "Ja"), ("nej", "Nej")],
            },
            {
                "code": "underlatta",
                "kind": "multiple",
                "text": "Hur kan kommunen underlätta samverkan mellan organisationer?",
                "options": [
                    ("sprida-information", "Samla och sprida information om organisationerna "
                     "och deras aktiviteter"),
                    ("traffar-omrade", "Bjuda in till träffar för föreningar i samma område"),
                    ("traffar-verksamhet", "Bjuda in till träffar inom samma verksamhetsområde"),
                    ("marknadsfora", "Hjälpa till att marknadsföra verksamheterna"),
                ],
            },
            {
                "code": "forbattra",
                "kind": "text",
                "text": "Vad skulle göra samverkan med kommunen bättre?",
            },
        ],
    },
]  # fmt: skip
