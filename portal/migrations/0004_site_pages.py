"""The accessibility statement and the privacy notice, as editable site pages.
A paragraph starting with "## " is shown as a heading.

get_or_create: a page someone has already edited is left alone."""

from django.db import migrations

ACCESSIBILITY_SV = """\
Samverkansportalen drivs av kommunen. Vi vill att så många som möjligt ska kunna använda webbplatsen. Den här redogörelsen beskriver hur Samverkansportalen uppfyller lagen om tillgänglighet till digital offentlig service, kända tillgänglighetsproblem och hur du kan rapportera brister till oss så att vi kan åtgärda dem.

## Hur tillgänglig är webbplatsen?

Vi känner till att delar av webbplatsen inte är helt tillgängliga. Se avsnittet om innehåll som inte är tillgängligt nedan.

## Vad kan du göra om du inte kan använda delar av webbplatsen?

Om du behöver innehåll från Samverkansportalen i ett annat format, till exempel tillgänglig PDF, stor text, lättläst eller inläst material, kan du kontakta oss genom En väg in på webbplatsen eller kommunens kontaktcenter. Vi svarar så snart vi kan.

## Rapportera brister i webbplatsens tillgänglighet

Vi strävar hela tiden efter att förbättra webbplatsens tillgänglighet. Om du upptäcker problem som inte är beskrivna på den här sidan, eller om du anser att vi inte uppfyller lagens krav, meddela oss genom En väg in så att vi får veta att problemet finns.

## Tillsyn

Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn av lagen om tillgänglighet till digital offentlig service. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du kontakta Digg och påtala det. Det gör du på Diggs webbplats, digg.se.

## Teknisk information om webbplatsens tillgänglighet

Den här webbplatsen är delvis förenlig med lagen om tillgänglighet till digital offentlig service, på grund av de brister som beskrivs nedan.

## Innehåll som inte är tillgängligt

Samverkansportalen är ny och byggs ut stegvis. Dokument som föreningar och förvaltningar laddar upp, till exempel minnesanteckningar och avtal i PDF-format, kan sakna rubrikstruktur eller textalternativ. Diagram i enkätresultat kan vara svåra att uppfatta för den som använder skärmläsare; resultaten finns därför också som tabeller. Vi åtgärdar bristerna löpande.

## Hur vi testat webbplatsen

Vi har gjort en självskattning (intern testning) av Samverkansportalen mot kraven i EN 301 549 och WCAG 2.1 nivå AA. Testningen görs med automatiska verktyg (axe) vid varje ändring samt manuellt med tangentbord, skärmläsare, förstoring och i mobil. Senaste bedömningen gjordes när portalen lanserades.

Webbplatsen publicerades när portalen lanserades. Redogörelsen uppdaterades senast i samband med lanseringen.
"""

ACCESSIBILITY_EN = """\
Samverkansportalen is run by the municipality. We want as many people as possible to be able to use the website. This statement describes how Samverkansportalen complies with the Swedish Act on accessibility to digital public services, known accessibility issues, and how you can report problems to us so that we can fix them.

## How accessible is the website?

We know that some parts of the website are not fully accessible. See the section on non-accessible content below.

## What can you do if you cannot use parts of the website?

If you need content from Samverkansportalen in another format, for example an accessible PDF, large print, easy-to-read text or audio, contact us through One way in on the website or the municipality's contact centre. We reply as soon as we can.

## Reporting accessibility problems

We are always working to improve the accessibility of the website. If you find problems that are not described on this page, or if you think we do not meet the requirements of the law, tell us through One way in so that we know the problem exists.

## Enforcement

The Agency for Digital Government (Myndigheten för digital förvaltning, Digg) is responsible for enforcing the Act on accessibility to digital public services. If you are not satisfied with how we handle your comments, you can contact Digg and tell them. You do that on Digg's website, digg.se.

## Technical information about the website's accessibility

This website is partially compliant with the Act on accessibility to digital public services, because of the shortcomings described below.

## Non-accessible content

Samverkansportalen is new and is being built in stages. Documents that associations and departments upload, such as minutes and agreements in PDF format, may lack heading structure or text alternatives. Charts in survey results can be hard to perceive with a screen reader; the results are therefore also shown as tables. We fix these shortcomings continuously.

## How we tested the website

We have made a self-assessment (internal testing) of Samverkansportalen against the requirements of EN 301 549 and WCAG 2.1 level AA. Testing is done with automated tools (axe) on every change, and manually with keyboard, screen reader, magnification and on mobile. The latest assessment was made when the portal was launched.

The website was published when the portal was launched. The statement was last updated at the launch.
"""

PRIVACY_SV = """\
Här beskriver vi vilka personuppgifter Samverkansportalen behandlar, varför och hur länge, och vilka rättigheter du har. Kommunen är personuppgiftsansvarig.

## Vilka uppgifter vi sparar

När du skapar ett konto sparar vi din e-postadress, ditt namn om du anger det, vilket språk du vill få e-post på, ett krypterat lösenord och när du skapade kontot och senast loggade in. Om du företräder en förening sparar vi att du är kopplad till den och i vilken roll. Vi sparar också det du själv skickar in: frågor och idéer i En väg in, anmälningar till möten, enkätsvar som inte är anonyma och rapporter om överenskommelser. Vi för en logg över ändringar i gemensamma uppgifter och över de påminnelser vi skickar.

## Varför vi behandlar uppgifterna (rättslig grund)

Vi behandlar uppgifterna för att utföra en uppgift av allmänt intresse: att främja samverkan mellan kommunen och civilsamhället och att besvara frågor från allmänheten. Handlingar som kommer in till kommunen kan vara allmänna handlingar enligt offentlighetsprincipen.

## Hur länge vi sparar uppgifterna

Ditt konto sparas tills du raderar det. Ett konto vars e-postadress aldrig bekräftas raderas efter 30 dagar. Inbjudningar till en förening som aldrig används raderas 90 dagar efter att de gått ut. Ärenden i En väg in och underlag om överenskommelser sparas enligt kommunens dokumenthanteringsplan.

## Dina rättigheter

Du har rätt att få veta vilka uppgifter vi har om dig, att få felaktiga uppgifter rättade och att få dina uppgifter raderade. På sidan Mitt konto kan du själv ändra dina uppgifter, ladda ner alla uppgifter vi har om dig (Ladda ner mina uppgifter) och radera ditt konto (Radera mitt konto). Du har också rätt att klaga till Integritetsskyddsmyndigheten (IMY).

## Kontakt

Har du frågor om hur vi behandlar personuppgifter kan du kontakta oss genom En väg in eller kommunens dataskyddsombud via kommunens växel.
"""

PRIVACY_EN = """\
Here we describe which personal data Samverkansportalen processes, why and for how long, and what rights you have. The municipality is the data controller.

## What we store

When you create an account we store your e-mail address, your name if you give it, the language you want e-mails in, an encrypted password, and when you created the account and last logged in. If you represent an association we store that you are linked to it and in which role. We also store what you send in yourself: questions and ideas in One way in, registrations for meetings, survey answers that are not anonymous and reports on agreements. We keep a log of changes to shared information and of the reminders we send.

## Why we process the data (legal basis)

We process the data to perform a task in the public interest: to promote collaboration between the municipality and civil society and to answer questions from the public. Documents received by the municipality may be official documents under the principle of public access.

## How long we keep the data

Your account is kept until you delete it. An account whose e-mail address is never verified is deleted after 30 days. Invitations to an association that are never used are deleted 90 days after they expire. Inquiries in One way in and documents about agreements are kept according to the municipality's records management plan.

## Your rights

You have the right to know what data we hold about you, to have incorrect data corrected and to have your data erased. On the My account page you can change your details yourself, download all the data we hold about you (Download my data) and delete your account (Delete my account). You also have the right to complain to the Swedish Authority for Privacy Protection (IMY).

## Contact

If you have questions about how we process personal data, contact us through One way in or the municipality's data protection officer through the municipality's switchboard.
"""

PAGES = [
    {
        "slug": "tillganglighet",
        "title_sv": "Tillgänglighetsredogörelse",
        "title_en": "Accessibility statement",
        "body_sv": ACCESSIBILITY_SV,
        "body_en": ACCESSIBILITY_EN,
    },
    {
        "slug": "personuppgifter",
        "title_sv": "Personuppgifter och integritet",
        "title_en": "Personal data and privacy",
        "body_sv": PRIVACY_SV,
        "body_en": PRIVACY_EN,
    },
]


def create_pages(apps, schema_editor):
    SitePage = apps.get_model("portal", "SitePage")
    for page in PAGES:
        defaults = {k: v for k, v in page.items() if k != "slug"}
        SitePage.objects.get_or_create(slug=page["slug"], defaults=defaults)


class Migration(migrations.Migration):
    dependencies = [("portal", "0003_audit_append_only")]

    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
