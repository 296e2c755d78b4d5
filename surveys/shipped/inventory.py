"""The template "Inventering av samverkan": Örebro kommun's inventory of 2022, in
which each department reports which of 15 categories of civil society it works
with and in which of 14 forms (a matrix of checkboxes), which of the 17 goal
areas of the municipality's programme the work serves, the money it paid, and
the share of its partners with staff of at least a half-time post; and, in free
text, what it finds hard and what good in working with civil society.

The labels are the survey's own data (Swedish, the language it is asked in);
the codes are stable, because rounds are compared by them and surveys/inventory.py
finds the questions by them."""

KEY = "inventering-av-samverkan"
TITLE = "Inventering av samverkan"
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

CATEGORIES = [
    ("ekonomisk-forening", "Ekonomisk förening"),
    ("etnisk-forening", "Etnisk förening"),
    ("forsamling-trossamfund", "Församling/trossamfund"),
    ("hembygdsforening", "Hembygdsförening"),
    ("ideburen-forening", "Idéburen förening"),
    ("idrottsforening", "Idrottsförening"),
    ("kulturforening", "Kulturförening"),
    ("natverk", "Nätverk"),
    ("paraplyorganisation", "Paraplyorganisation"),
    ("pensionarsforening", "Pensionärsförening"),
    ("politisk-forening", "Politisk förening"),
    ("social-forening", "Social förening"),
    ("socialt-foretag", "Socialt företag"),
    ("studieforbund", "Studieförbund"),
    ("volontarforening", "Volontärförening"),
]

FORMS = [
    ("dialog-enstaka", "Dialog (enstaka tillfälle)"),
    ("dialog-aterkommande", "Dialog (återkommande/löpande)"),
    ("samrad", "Samråd/referensgrupp"),
    ("informationsutbyte", "Informationsutbyte"),
    ("kunskapsutbyte", "Kunskapsutbyte"),
    ("partnerskap-iop", "Partnerskap/överenskommelse/IOP"),
    ("avtal", "Avtal/kontrakt"),
    ("projekt", "Kommun och civilsamhälle som parter i projekt"),
    ("runt-individ", "Samverkan runt individ"),
    ("samarrangemang", "Samarrangemang av aktivitet/event"),
    ("kring-verksamhet", "Samverkan kring verksamhet"),
    ("finansiering", "Enbart finansiering av civilsamhällets verksamhet/aktivitet"),
    ("stod-radgivning", "Stöd eller rådgivning till civilsamhället"),
    ("lokaler", "Uthyrning av lokaler till det civila samhället"),
]

GOAL_AREAS = [
    ("manskliga-rattigheter", "Mänskliga rättigheter och demokrati"),
    ("jamstallda-livsvillkor", "Jämställda och jämlika livsvillkor"),
    ("goda-livsmiljoer", "Goda livsmiljöer"),
    ("ekonomisk-jamstalldhet", "Ekonomisk jämställdhet och jämlikhet"),
    ("bildning", "Bildning för en hållbar samhällsutveckling"),
    ("klimat", "Klimat"),
    ("utbildning", "God och likvärdig utbildning"),
    ("sysselsattning", "Sysselsättning för alla"),
    ("vatten", "Vatten"),
    ("ekosystem", "Ekosystem och biologisk mångfald"),
    ("naringsliv", "Näringsliv och innovation"),
    ("god-hushallning", "God hushållning"),
    ("cirkular-ekonomi", "Cirkulär ekonomi"),
    ("infrastruktur", "Hållbar infrastruktur"),
    ("bebyggelsestruktur", "Hållbar bebyggelsestruktur"),
    ("arbetsgivare", "Arbetsgivare och arbetsmiljö"),
    ("livsmedel", "Livsmedelsförsörjning"),
]

# The codes surveys/inventory.py reads.
MATRIX = "samverkan"
GOALS = "delmal"
MONEY = "medel"
STAFF = "andel-anstallda"

SECTIONS = [
    {
        "title": "Om svaret",
        "description": "Vem som svarar kan påverka hur svaren jämförs mellan förvaltningarna.",
        "questions": [
            {
                "code": "svarande",
                "kind": "text",
                "text": "Vilken funktion i förvaltningen har den eller de som besvarar enkäten?",
            },
        ],
    },
    {
        "title": "Med vilka och hur förvaltningen samverkar",
        "description": "Kryssa för varje kategori inom civilsamhället de sätt som "
        "förvaltningen samverkade på under året. Lämna raden tom för en kategori ni inte "
        "samverkade med.",
        "questions": [
            {
                "code": MATRIX,
                "kind": "matrix",
                "cell": "checkbox",
                "text": "På vilka sätt samverkade förvaltningen med respektive kategori inom "
                "civilsamhället?",
                "rows": CATEGORIES,
                "columns": FORMS,
            },
            {
                "code": GOALS,
                "kind": "multiple",
                "text": "Vilka delmålområden i kommunens program för hållbar utveckling bidrar "
                "förvaltningens samverkan med civilsamhället till?",
                "options": GOAL_AREAS,
            },
        ],
    },
    {
        "title": "Medel och aktörer",
        "questions": [
            {
                "code": MONEY,
                "kind": "amount",
                "text": "Ungefär hur mycket kommunala medel betalade förvaltningen ut till det "
                "civila samhället under året?",
                "help_text": "I kronor: föreningsbidrag och annan finansiering av verksamhet "
                "och aktiviteter.",
            },
            {
                "code": STAFF,
                "kind": "percentage",
                "text": "Uppskattningsvis hur stor andel av de civilsamhällsaktörer ni "
                "samverkar med har anställd personal (minst 50 %)?",
                "help_text": "Skillnaden mellan små föreningar utan anställda och större "
                "organisationer med minst en halvtidstjänst.",
            },
        ],
    },
    {
        "title": "Erfarenheter",
        "questions": [
            {
                "code": "svart",
                "kind": "text",
                "text": "Vad upplever förvaltningen som svårt med samverkan?",
            },
            {
                "code": "positivt",
                "kind": "text",
                "text": "Vad upplever förvaltningen som positivt med samverkan?",
            },
        ],
    },
]
