"""The register's vocabularies as data: categories, districts, activity areas and
target groups, and the words search treats as the same."""

import re

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
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


class SearchTextWord(models.Model):
    """A distinct lower-case word of the associations' descriptions written with å, ä,
    ö or é ("träning", "läkare"), and its stem: what a query word typed without those
    letters is read as when no name holds it (``search_words._restored_sql``). Only
    such words, as that is all it is read for; a word goes once no association's
    vector holds its stem (``search_index``). Filled by the search index, never by hand."""

    word = models.TextField(_("word"), primary_key=True)
    stem = models.TextField(_("stem"), db_index=True)

    class Meta:
        verbose_name = _("description word")
        verbose_name_plural = _("description words")

    def __str__(self) -> str:
        return self.word


# A synonym: letters and digits, words apart by spaces or hyphens ("gymnastik- och
# idrottsförening"); an abbreviation: one word.
_SYNONYM = re.compile(r"^[^\W_]+(?:[\s-]+[^\W_]+)*$")
_ABBREVIATION = re.compile(r"^[^\W_]+$")


class SearchSynonymGroup(models.Model):
    """Words that mean the same for search: a query holding one of them also finds
    the others (``organisations.search``), ranked below the word itself. Coordinators
    edit the groups in the admin; the search reads the table on every query, so an edit
    counts at once, with nothing to reindex or cache. Abbreviations ("IF") are a
    column of their own because they match only as whole words: "IK" must not find
    "Ikaros"."""

    words = ArrayField(
        models.CharField(max_length=100),
        verbose_name=_("words"),
        blank=True,
        default=list,
        help_text=_(
            "Words or short phrases, separated by commas, for example: "
            "ridning, ridskola, ryttarförening. Their inflected forms are found too."
        ),
    )
    abbreviations = ArrayField(
        models.CharField(max_length=20),
        verbose_name=_("abbreviations"),
        blank=True,
        default=list,
        help_text=_(
            "Abbreviations, separated by commas, for example: RF. They are found only "
            "as whole words."
        ),
    )

    class Meta:
        verbose_name = _("search synonym group")
        verbose_name_plural = _("search synonym groups")
        ordering = ["words"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(words__len__gte=2)
                | models.Q(words__len__gte=1, abbreviations__len__gte=1)
                | models.Q(abbreviations__len__gte=2),
                name="searchsynonymgroup_two_entries",
                violation_error_message=_("A group needs at least two words or abbreviations."),
            )
        ]

    def __str__(self) -> str:
        return ", ".join([*self.words, *self.abbreviations])

    def clean(self) -> None:
        """Entries trimmed and without repeats; what cannot be searched is refused."""
        self.words = _unique(self.words)
        self.abbreviations = _unique(self.abbreviations)
        errors = {}
        bad = [w for w in self.words if not _SYNONYM.match(w)]
        if bad:
            errors["words"] = _(
                "Use letters and digits only, words apart by spaces or hyphens: %(words)s"
            ) % {"words": ", ".join(bad)}
        bad = [a for a in self.abbreviations if not _ABBREVIATION.match(a)]
        if bad:
            errors["abbreviations"] = _(
                "An abbreviation is one word of letters and digits: %(words)s"
            ) % {"words": ", ".join(bad)}
        if errors:
            raise ValidationError(errors)


def _unique(entries) -> list[str]:
    seen, kept = set(), []
    for entry in entries or []:
        entry = " ".join(entry.split())
        if entry and entry.lower() not in seen:
            seen.add(entry.lower())
            kept.append(entry)
    return kept
