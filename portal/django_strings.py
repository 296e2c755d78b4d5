"""Django 6.1's strings that its own Swedish catalogue does not translate yet.

Coordinators work in the admin, and it showed "- Select an option -" and "Filter by
registrerad" in English. Our catalogue comes before Django's (LOCALE_PATHS), so
naming the strings here puts them in locale/sv with a translation. Remove one when
Django's catalogue has it: tests/portal/test_translations.py fails then.
(The admin's JavaScript strings, e.g. the date picker's "Today (%(date)s)", come from
another catalogue that LOCALE_PATHS does not reach; they are left as Django ships them.)
"""

from django.utils.translation import gettext_noop

DJANGO_STRINGS = [
    gettext_noop("- Select an option -"),  # django.db.models.fields.BLANK_CHOICE_LABEL
    gettext_noop("Filter by %(field_name)s"),  # admin/date_hierarchy.html
    gettext_noop("No %s matches the given query."),  # get_object_or_404
]
