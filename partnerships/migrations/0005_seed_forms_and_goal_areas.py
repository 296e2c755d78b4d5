"""Örebro's 14 forms of collaboration and the 17 goal areas of its programme for
sustainable development (../shared/seeds/003), in Swedish and English."""

from django.db import migrations

FORMS = [
    ("Dialog (enstaka tillfälle)", "Dialogue (single occasion)"),
    ("Dialog (återkommande/löpande)", "Dialogue (recurring/ongoing)"),
    ("Samråd/referensgrupp", "Consultation/reference group"),
    ("Informationsutbyte", "Exchange of information"),
    ("Kunskapsutbyte", "Exchange of knowledge"),
    ("Partnerskap/överenskommelse/IOP", "Partnership/agreement/IOP"),
    ("Avtal/kontrakt", "Agreement/contract"),
    ("Kommun och civilsamhälle som parter i projekt", "Municipality and civil society as project partners"),
    ("Samverkan runt individ", "Collaboration around an individual"),
    ("Samarrangemang av aktivitet/event", "Jointly arranged activity/event"),
    ("Samverkan kring verksamhet", "Collaboration on services"),
    ("Enbart finansiering av civilsamhällets verksamhet/aktivitet", "Funding of civil society's activities only"),
    ("Stöd eller rådgivning till civilsamhället", "Support or advice to civil society"),
    ("Uthyrning av lokaler till det civila samhället", "Letting premises to civil society"),
]

GOAL_AREAS = [
    ("Mänskliga rättigheter och demokrati", "Human rights and democracy"),
    ("Jämställda och jämlika livsvillkor", "Equal living conditions"),
    ("Goda livsmiljöer", "Good living environments"),
    ("Ekonomisk jämställdhet och jämlikhet", "Economic equality"),
    ("Bildning för en hållbar samhällsutveckling", "Education for sustainable development"),
    ("Klimat", "Climate"),
    ("God och likvärdig utbildning", "Good and equal education"),
    ("Sysselsättning för alla", "Employment for all"),
    ("Vatten", "Water"),
    ("Ekosystem och biologisk mångfald", "Ecosystems and biodiversity"),
    ("Näringsliv och innovation", "Business and innovation"),
    ("God hushållning", "Sound management of resources"),
    ("Cirkulär ekonomi", "Circular economy"),
    ("Hållbar infrastruktur", "Sustainable infrastructure"),
    ("Hållbar bebyggelsestruktur", "Sustainable settlement structure"),
    ("Arbetsgivare och arbetsmiljö", "Employer and working environment"),
    ("Livsmedelsförsörjning", "Food supply"),
]


def seed(apps, schema_editor):
    for model_name, rows in (("CollaborationForm", FORMS), ("GoalArea", GOAL_AREAS)):
        model = apps.get_model("partnerships", model_name)
        for position, (name, name_en) in enumerate(rows, start=1):
            model.objects.update_or_create(
                name=name, defaults={"name_en": name_en, "position": position}
            )


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0004_collaborations")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
