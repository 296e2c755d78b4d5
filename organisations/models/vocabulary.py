"""The register's vocabularies as data: categories, districts, activity areas and
target groups, and the words search treats as the same."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.languages import LocalizedName


class Category(LocalizedName, models.Model):
    """One of the register's categories (Örebro's 15), editable by coordinators.
    Its English name is a column beside the Swedish one, not django-modeltranslation:
    two languages, and the search and the API read it directly (portal/languages.py)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.display_name  # in the reader's language: form choices, filters, admin


class District(models.Model):
    """A kommundel: a part of the municipality where an association is active. Place
    names read the same in English: no ``name_en``."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ActivityArea(LocalizedName, models.Model):
    """What an association works with, or whom it is for; named in Swedish and,
    optionally, English (as Category)."""

    class Kind(models.TextChoices):
        AREA = "area", _("Activity area")
        TARGET_GROUP = "target_group", _("Target group")

    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.AREA)

    class Meta:
        verbose_name = _("activity area or target group")
        verbose_name_plural = _("activity areas and target groups")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "name"], name="activityarea_unique_name")
        ]

    def __str__(self) -> str:
        return self.display_name


# An organisation whose contact person is erased (or was never given); the retention
# sweep's query and its partial index say it with this one expression.


class SearchWord(models.Model):
    """A distinct lower-case word of the names, categories, areas and districts: the
    vocabulary that misspelled query words are corrected against
    (``organisations.search``). Filled by ``search.reindex``, never edited by hand.
    A trigram GIN index on ``word`` (migration 0003) makes the lookup a millisecond."""

    word = models.TextField(_("word"), primary_key=True)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")

    def __str__(self) -> str:
        return self.word
