"""The template "Inventering av samverkan": Örebro kommun's inventory of 2022, in
which each department reports which of 15 categories of civil society it works
with and in which of 14 forms (a matrix of checkboxes), which of the 17 goal
areas of the municipality's programme the work serves, the money it paid, and
the share of its partners with staff of at least a half-time post; and, in free
text, what it finds hard and what good in working with civil society.

The labels are the survey's own data in Swedish, the language it is asked in,
each with its English (``_en``, and an option's third item: (code, label,
English)), the names the register and the collaborations give the categories,
forms and goal areas; the codes are stable, because rounds are compared by them
and surveys/inventory.py finds the questions by them."""

KEY = "inventering-av-samverkan"
TITLE = "Inventering av samverkan"
TITLE_EN = "Inventory of collaboration"
KIND = "inventory"
AUDIENCE = "departments"
ANONYMOUS = False  # departments are public bodies; their answers are shown per department
INTRODUCTION = (
    "Inventeringen ska synliggöra hur kommunens samverkan med civilsamhället ser ut, "
    "för att förvalta det som fungerar väl och prioritera utvecklingsinsatser. Med "
    "civilsamhället menas en arena, skild från staten, marknaden och det enskilda "
    "hushållet, där människor, grupper och organisationer agerar tillsammans för "
    "gemensamma intressen. Med samverkan menas ett systematiskt samarbete, vid enstaka "
    "tillfällen eller över lång tid, liksom stöd till civilsamhället som bidrag, "
    "lokaler och rådgivning. Svara en gång för hela förvaltningen."
)
INTRODUCTION_EN = (
    "The inventory is to show how the municipality collaborates with civil society, "
    "so that what works well is kept up and efforts to develop it can be prioritised. "
    "By civil society we mean an arena, separate from the state, the market and the "
    "individual household, where people, groups and organisations act together for "
    "shared interests. By collaboration we mean systematic cooperation, on single "
    "occasions or over a long time, as well as support to civil society such as grants, "
    "premises and advice. Answer once for the whole department."
)

CATEGORIES = [
    ("ekonomisk-forening", "Ekonomisk förening", "Economic association"),
    ("etnisk-forening", "Etnisk förening", "Ethnic association"),
    ("forsamling-trossamfund", "Församling/trossamfund", "Congregation/religious community"),
    ("hembygdsforening", "Hembygdsförening", "Local heritage society"),
    ("ideburen-forening", "Idéburen förening", "Non-profit association"),
    ("idrottsforening", "Idrottsförening", "Sports club"),
    ("kulturforening", "Kulturförening", "Cultural association"),
    ("natverk", "Nätverk", "Network"),
    ("paraplyorganisation", "Paraplyorganisation", "Umbrella organisation"),
    ("pensionarsforening", "Pensionärsförening", "Pensioners' association"),
    ("politisk-forening", "Politisk förening", "Political association"),
    ("social-forening", "Social förening", "Social association"),
    ("socialt-foretag", "Socialt företag", "Social enterprise"),
    ("studieforbund", "Studieförbund", "Adult education association"),
    ("volontarforening", "Volontärförening", "Volunteer association"),
]

FORMS = [
    ("dialog-enstaka", "Dialog (enstaka tillfälle)", "Dialogue (single occasion)"),
    ("dialog-aterkommande", "Dialog (återkommande/löpande)", "Dialogue (recurring/ongoing)"),
    ("samrad", "Samråd/referensgrupp", "Consultation/reference group"),
    ("informationsutbyte", "Informationsutbyte", "Exchange of information"),
    ("kunskapsutbyte", "Kunskapsutbyte", "Exchange of knowledge"),
    ("partnerskap-iop", "Partnerskap/överenskommelse/IOP", "Partnership/agreement/IOP"),
    ("avtal", "Avtal/kontrakt", "Agreement/contract"),
    (
        "projekt",
        "Kommun och civilsamhälle som parter i projekt",
        "Municipality and civil society as project partners",
    ),
    ("runt-individ", "Samverkan runt individ", "Collaboration around an individual"),
    ("samarrangemang", "Samarrangemang av aktivitet/event", "Jointly arranged activity/event"),
    ("kring-verksamhet", "Samverkan kring verksamhet", "Collaboration on services"),
    (
        "finansiering",
        "Enbart finansiering av civilsamhällets verksamhet/aktivitet",
        "Funding of civil society's activities only",
    ),
    (
        "stod-radgivning",
        "Stöd eller rådgivning till civilsamhället",
        "Support or advice to civil society",
    ),
    (
        "lokaler",
        "Uthyrning av lokaler till det civila samhället",
        "Letting premises to civil society",
    ),
]

GOAL_AREAS = [
    ("manskliga-rattigheter", "Mänskliga rättigheter och demokrati", "Human rights and democracy"),
    ("jamstallda-livsvillkor", "Jämställda och jämlika livsvillkor", "Equal living conditions"),
    ("goda-livsmiljoer", "Goda livsmiljöer", "Good living environments"),
    ("ekonomisk-jamstalldhet", "Ekonomisk jämställdhet och jämlikhet", "Economic equality"),
    (
        "bildning",
        "Bildning för en hållbar samhällsutveckling",
        "Education for sustainable development",
    ),
    ("klimat", "Klimat", "Climate"),
    ("utbildning", "God och likvärdig utbildning", "Good and equal education"),
    ("sysselsattning", "Sysselsättning för alla", "Employment for all"),
    ("vatten", "Vatten", "Water"),
    ("ekosystem", "Ekosystem och biologisk mångfald", "Ecosystems and biodiversity"),
    ("naringsliv", "Näringsliv och innovation", "Business and innovation"),
    ("god-hushallning", "God hushållning", "Sound management of resources"),
    ("cirkular-ekonomi", "Cirkulär ekonomi", "Circular economy"),
    ("infrastruktur", "Hållbar infrastruktur", "Sustainable infrastructure"),
    ("bebyggelsestruktur", "Hållbar bebyggelsestruktur", "Sustainable settlement structure"),
    ("arbetsgivare", "Arbetsgivare och arbetsmiljö", "Employer and working environment"),
    ("livsmedel", "Livsmedelsförsörjning", "Food supply"),
]

# The codes surveys/inventory.py reads.
MATRIX = "samverkan"
GOALS = "delmal"
MONEY = "medel"
STAFF = "andel-anstallda"

SECTIONS = [
    {
        "title": "Om svaret",
        "title_en": "About the answer",
        "description": "Vem som svarar kan påverka hur svaren jämförs mellan förvaltningarna.",
        "description_en": "Who answers can affect how the departments' answers compare.",
        "questions": [
            {
                "code": "svarande",
                "kind": "text",
                "text": "Vilken funktion i förvaltningen har den eller de som besvarar enkäten?",
                "text_en": "What is the role in the department of the person or people "
                "answering the survey?",
            },
        ],
    },
    {
        "title": "Med vilka och hur förvaltningen samverkar",
        "title_en": "With whom and how the department collaborates",
        "description": "Kryssa för varje kategori inom civilsamhället de sätt som "
        "förvaltningen samverkade på under året. Lämna raden tom för en kategori ni inte "
        "samverkade med.",
        "description_en": "For each category of civil society, tick the ways in which the "
        "department collaborated with it during the year. Leave the row empty for a "
        "category you did not collaborate with.",
        "questions": [
            {
                "code": MATRIX,
                "kind": "matrix",
                "cell": "checkbox",
                "text": "På vilka sätt samverkade förvaltningen med respektive kategori inom "
                "civilsamhället?",
                "text_en": "In which ways did the department collaborate with each category "
                "of civil society?",
                "rows": CATEGORIES,
                "columns": FORMS,
            },
            {
                "code": GOALS,
                "kind": "multiple",
                "text": "Vilka delmålområden i kommunens program för hållbar utveckling bidrar "
                "förvaltningens samverkan med civilsamhället till?",
                "text_en": "Which goal areas of the municipality's programme for sustainable "
                "development does the department's collaboration with civil society "
                "contribute to?",
                "options": GOAL_AREAS,
            },
        ],
    },
    {
        "title": "Medel och aktörer",
        "title_en": "Money and partners",
        "questions": [
            {
                "code": MONEY,
                "kind": "amount",
                "text": "Ungefär hur mycket kommunala medel betalade förvaltningen ut till det "
                "civila samhället under året?",
                "text_en": "Roughly how much municipal money did the department pay to "
                "civil society during the year?",
                "help_text": "I kronor: föreningsbidrag och annan finansiering av verksamhet "
                "och aktiviteter.",
                "help_text_en": "In kronor: grants to associations and other funding of "
                "their work and activities.",
            },
            {
                "code": STAFF,
                "kind": "percentage",
                "text": "Uppskattningsvis hur stor andel av de civilsamhällsaktörer ni "
                "samverkar med har anställd personal (minst 50 %)?",
                "text_en": "Roughly what share of the civil society organisations you "
                "collaborate with have paid staff (at least a half-time post)?",
                "help_text": "Skillnaden mellan små föreningar utan anställda och större "
                "organisationer med minst en halvtidstjänst.",
                "help_text_en": "The difference between small associations without employees "
                "and larger organisations with at least one half-time post.",
            },
        ],
    },
    {
        "title": "Erfarenheter",
        "title_en": "Experiences",
        "questions": [
            {
                "code": "svart",
                "kind": "text",
                "text": "Vad upplever förvaltningen som svårt med samverkan?",
                "text_en": "What does the department find difficult about collaboration?",
            },
            {
                "code": "positivt",
                "kind": "text",
                "text": "Vad upplever förvaltningen som positivt med samverkan?",
                "text_en": "What does the department find positive about collaboration?",
            },
        ],
    },
]
