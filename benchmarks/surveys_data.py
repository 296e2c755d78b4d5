"""The benchmark survey's 30 questions (benchmarks/surveys.py): every kind, six of
them matrices (checkboxes, one choice per row, numbers), among them the inventory's
15 categories × the 14 forms of collaboration, as Örebro's inventory asks it.

Each question is (section, code, kind, text, extra): ``extra`` holds the options
(``choices``, or ``rows`` and ``columns``), the range, the matrix's cells, and
``answered``, the share of respondents who answer it."""

from organisations.demo import CATEGORIES  # the register's, as the demo has them
from surveys.shipped import inventory

FORMS = [label for _code, label, _en in inventory.FORMS]
GOAL_AREAS = [label for _code, label, _en in inventory.GOAL_AREAS]
AGREE = ["Instämmer inte alls", "Instämmer lite", "Delvis", "Instämmer mycket", "Helt"]
SECTIONS = ["Om föreningen", "Samverkan med kommunen", "Framåt"]

QUESTIONS = [
    (
        0,
        "typ",
        "single",
        "Vilken sorts organisation är ni?",
        {
            "choices": ["Ideell förening", "Ekonomisk förening", "Nätverk", "Trossamfund", "Annat"],
            "answered": 0.99,
        },
    ),
    (
        0,
        "medlemmar",
        "number",
        "Hur många medlemmar har ni?",
        {"min": 0, "max": 100000, "answered": 0.95},
    ),
    (
        0,
        "anstallda",
        "single",
        "Har ni anställd personal på minst halvtid?",
        {"choices": ["Ja", "Nej"], "answered": 0.97},
    ),
    (
        0,
        "andel_unga",
        "percentage",
        "Hur stor andel av medlemmarna är under 25 år?",
        {"answered": 0.8},
    ),
    (0, "intakter", "amount", "Ungefär hur stora var era intäkter förra året?", {"answered": 0.7}),
    (
        0,
        "malgrupper",
        "multiple",
        "Vilka målgrupper vänder ni er till?",
        {
            "choices": [
                "Barn",
                "Unga",
                "Vuxna",
                "Äldre",
                "Nyanlända",
                "Personer med funktionsnedsättning",
                "Familjer",
                "Alla",
            ],
            "answered": 0.96,
        },
    ),
    (
        0,
        "ort",
        "single",
        "Var har ni er verksamhet?",
        {
            "choices": ["Centralt", "I en kommundel", "I flera kommundelar", "I hela kommunen"],
            "answered": 0.95,
        },
    ),
    (0, "beskrivning", "text", "Beskriv er verksamhet med några ord.", {"answered": 0.35}),
    (
        1,
        "former",
        "matrix",
        "I vilka former samverkar ni med kommunen, per kategori?",
        {"cell": "checkbox", "rows": CATEGORIES, "columns": FORMS, "answered": 0.9},
    ),
    (
        1,
        "nojd_dialog",
        "scale",
        "Hur nöjda är ni med dialogen med kommunen?",
        {"min": 1, "max": 5, "labels": ("Inte alls", "Mycket"), "answered": 0.97},
    ),
    (
        1,
        "nojd_bemotande",
        "scale",
        "Hur nöjda är ni med bemötandet?",
        {"min": 1, "max": 5, "labels": ("Inte alls", "Mycket"), "answered": 0.96},
    ),
    (
        1,
        "nojd_information",
        "scale",
        "Hur nöjda är ni med informationen från kommunen?",
        {"min": 1, "max": 5, "labels": ("Inte alls", "Mycket"), "answered": 0.95},
    ),
    (
        1,
        "kanaler",
        "multiple",
        "Hur får ni information från kommunen?",
        {
            "choices": ["E-post", "Webbplatsen", "Möten", "Sociala medier", "Nyhetsbrev", "Annat"],
            "answered": 0.95,
        },
    ),
    (
        1,
        "vikt",
        "matrix",
        "Hur viktigt är samarbetet med kommunen inom …",
        {
            "cell": "choice",
            "rows": ["Barn och unga", "Äldre", "Integration", "Kultur", "Idrott", "Miljö"],
            "columns": AGREE,
            "answered": 0.9,
        },
    ),
    (
        1,
        "timmar",
        "matrix",
        "Hur många timmar i månaden lägger ni på …",
        {
            "cell": "number",
            "rows": ["Möten", "Ansökningar", "Rapporter", "Projekt"],
            "columns": ["Ideellt", "Anställda", "Kommunens personal"],
            "min": 0,
            "max": 1000,
            "answered": 0.75,
        },
    ),
    (
        1,
        "bidrag",
        "amount",
        "Hur mycket bidrag fick ni från kommunen förra året?",
        {"answered": 0.8},
    ),
    (
        1,
        "iop",
        "single",
        "Har ni ett idéburet offentligt partnerskap?",
        {"choices": ["Ja", "Nej", "Vet inte"], "answered": 0.95},
    ),
    (
        1,
        "projekt",
        "number",
        "Hur många gemensamma projekt hade ni förra året?",
        {"min": 0, "max": 50, "answered": 0.85},
    ),
    (1, "hinder", "text", "Vad hindrar samverkan?", {"answered": 0.3}),
    (
        1,
        "malomraden",
        "matrix",
        "Vilka målområden arbetar ni med?",
        {
            "cell": "checkbox",
            "rows": GOAL_AREAS,
            "columns": ["I dag", "Vill gärna"],
            "answered": 0.85,
        },
    ),
    (
        2,
        "framtid",
        "scale",
        "Hur ser ni på samverkan de kommande åren?",
        {"min": 1, "max": 10, "labels": ("Mörkt", "Ljust"), "answered": 0.93},
    ),
    (
        2,
        "behov",
        "multiple",
        "Vad behöver ni mest?",
        {
            "choices": [
                "Lokaler",
                "Bidrag",
                "Kontaktperson",
                "Utbildning",
                "Nätverk",
                "Volontärer",
                "Information",
            ],
            "answered": 0.94,
        },
    ),
    (
        2,
        "instamning",
        "matrix",
        "Hur väl stämmer påståendena?",
        {
            "cell": "choice",
            "rows": [f"Påstående {n}" for n in range(1, 9)],
            "columns": AGREE,
            "answered": 0.88,
        },
    ),
    (
        2,
        "andel_ideell_tid",
        "percentage",
        "Hur stor del av arbetet görs ideellt?",
        {"answered": 0.85},
    ),
    (
        2,
        "kontakt",
        "single",
        "Hur ofta har ni kontakt med kommunen?",
        {
            "choices": ["Varje vecka", "Varje månad", "Några gånger om året", "Sällan"],
            "answered": 0.96,
        },
    ),
    (
        2,
        "lokaler",
        "matrix",
        "Hur många timmar i veckan använder ni lokaler?",
        {
            "cell": "number",
            "rows": ["Egna", "Kommunens", "Andras"],
            "columns": ["Vardag", "Helg"],
            "min": 0,
            "max": 168,
            "answered": 0.7,
        },
    ),
    (
        2,
        "rekommendera",
        "scale",
        "Skulle ni rekommendera andra att samverka med kommunen?",
        {"min": 0, "max": 10, "labels": ("Nej", "Absolut"), "answered": 0.92},
    ),
    (
        2,
        "stod",
        "multiple",
        "Vilket stöd har ni fått?",
        {
            "choices": ["Rådgivning", "Bidrag", "Lokaler", "Marknadsföring", "Inget"],
            "answered": 0.9,
        },
    ),
    (2, "ovrigt", "text", "Övriga synpunkter", {"answered": 0.2}),
    (
        2,
        "igen",
        "single",
        "Vill ni delta i nästa enkät?",
        {"choices": ["Ja", "Nej", "Vet inte"], "answered": 0.9},
    ),
]

TEXTS = [
    "Bra dialog med förvaltningen.",
    "Svårt att veta vem man ska kontakta.",
    "Vi önskar fler mötesplatser mellan föreningar.",
    "Ansökningarna tar för mycket tid.",
    "Bemötandet har blivit bättre.",
    "Lokalerna är för dyra för små föreningar.",
]
