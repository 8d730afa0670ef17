"""The vocabulary of Fakes Watch.

Articles are read into regulators and actors (who), statements (who said
what), statistics (figures) and events (what happened). Every extracted item
keeps its provenance -- the article, the exact words and their offsets in the
stored text -- and knows whether a person has reviewed or edited it, because
the ingest never overwrites a person's work.
"""

from __future__ import annotations

import functools
import hashlib
from decimal import Decimal, InvalidOperation

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse
from simple_history.models import HistoricalRecords

from .event_dates import item_sort_fields, sort_fields, when_display
from .extraction.dates import DAY, MONTH, YEAR, PartialDate, format_partial_date
from .extraction.measures import MEASURES, format_figure, unit_label
from .extraction.names import normalize_name  # the one name normaliser, re-exported
from .extraction.result import ACTOR_KINDS, EVENT_KINDS, REGULATOR_KINDS
from .extraction.stances import STANCES
from .links import web_url_problem


def page_url(name: str, pk: int | None = None) -> str:
    """``reverse(name)``, or ``reverse(name, args=[pk])`` for the page of one row. A detail
    page links to a few hundred rows and ``reverse`` costs about 40 µs a call (a fifth of
    such a page's time), so each URL is reversed once per resolver (a new one when the
    URLconf changes, as in a test's override) and script prefix, and the key put into it."""
    pattern = _reversed(name, get_resolver(get_urlconf()), get_script_prefix(), pk is not None)
    return pattern if pk is None else pattern.format(pk)


_KEY = 987654321  # stands for the key in a reversed URL: no other part of one holds it


@functools.lru_cache(maxsize=64)
def _reversed(name: str, resolver, prefix: str, keyed: bool) -> str:
    urlconf = resolver.urlconf_name
    if not keyed:
        return reverse(name, urlconf=urlconf)
    url = reverse(name, urlconf=urlconf, args=[_KEY])
    return url.replace("{", "{{").replace("}", "}}").replace(str(_KEY), "{}")


def _choices(values):
    return [(value, value.replace("_", " ").capitalize()) for value in values]


# Review keys, links and exact figures ---------------------------------------------------
#
# A review key names the original reading of an extracted row: what kind of item it is,
# the words it was read from (spacing aside) and, when one clause gives several figures,
# which of them it is. It depends on neither the row's participants nor its value, which
# people edit; it is set when the ingest makes the row and never changes, so a re-ingest
# that reads the same words again knows a person's row already holds them.


def review_key(kind: str, quote: str, ordinal: int = 0) -> str:
    words = " ".join((quote or "").split())
    return hashlib.sha256(f"{kind}\x00{words}\x00{ordinal}".encode()).hexdigest()


def one_row_per_reading(name: str) -> models.UniqueConstraint:
    """No two rows the ingest made of an article stand for one reading (people's rows may)."""
    return models.UniqueConstraint(
        fields=["article", "review_key"],
        condition=Q(origin="extracted") & ~Q(review_key=""),
        name=name,
    )


def validate_web_url(value: str) -> None:
    problem = web_url_problem(value)
    if problem:
        raise ValidationError(problem)


class WebURLField(models.URLField):
    """A link that must be http or https (``links.web_url``), in forms and models alike."""

    default_validators = [validate_web_url]

    def formfield(self, **kwargs):
        # A plain text box: the model's validator says what is wrong in words, where the
        # form's own URL field would only say "Enter a valid URL." and allow ftp.
        return models.CharField.formfield(self, **{"form_class": forms.CharField, **kwargs})


# SQLite keeps a DECIMAL column as a REAL when it is not a small integer, so 15 significant
# digits is what every supported database gives back exactly; PostgreSQL's column has four
# decimal places and twenty digits before the point. Beyond that a figure would be rounded
# without anyone noticing, so it is refused instead: the same rule on both databases, so a
# dump moves between them unchanged.
FIGURE_DIGITS = 15
FIGURE_DECIMAL_PLACES = 4
FIGURE_INTEGER_DIGITS = 20


def figure_problem(value) -> str | None:
    """Why ``value`` cannot be stored exactly as a figure; None when it can."""
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return f"{value!r} is not a number"
    if not number.is_finite():
        return f"{value} is not a finite number"
    if number == 0:
        return None
    digits = number.normalize().as_tuple()
    if -digits.exponent > FIGURE_DECIMAL_PLACES:
        return f"{number:f} has more than {FIGURE_DECIMAL_PLACES} decimal places"
    if len(digits.digits) > FIGURE_DIGITS:
        return f"{number:f} has more than {FIGURE_DIGITS} significant digits"
    if abs(number) >= Decimal(10) ** FIGURE_INTEGER_DIGITS:
        return f"{number:f} has more than {FIGURE_INTEGER_DIGITS} digits before the point"
    return None


def validate_figure(value) -> None:
    problem = figure_problem(value)
    if problem:
        raise ValidationError(f"{problem}: it cannot be stored exactly, so it is not stored.")


class DatePrecision(models.TextChoices):
    YEAR = YEAR, "Year"
    MONTH = MONTH, "Month"
    DAY = DAY, "Day"


class ReviewState(models.TextChoices):
    UNREVIEWED = "unreviewed", "Unreviewed"
    VERIFIED = "verified", "Verified"
    REJECTED = "rejected", "Rejected"


class Origin(models.TextChoices):
    EXTRACTED = "extracted", "Extracted"
    MANUAL = "manual", "Entered by hand"


class PartialDateMixin(models.Model):
    """A date known to a precision. Stored as the period's first day."""

    date = models.DateField(null=True, blank=True, db_index=True)
    date_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )

    class Meta:
        abstract = True

    @property
    def partial_date(self) -> PartialDate | None:
        if self.date is None:
            return None
        return PartialDate.from_date(self.date, self.date_precision)

    @partial_date.setter
    def partial_date(self, value: PartialDate | None) -> None:
        if value is None:
            self.date, self.date_precision = None, DatePrecision.DAY
        else:
            self.date, self.date_precision = value.first_day(), value.precision

    @property
    def date_display(self) -> str:
        return format_partial_date(self.date, self.date_precision)


class Reviewed(models.Model):
    """Where a row came from and what a person has said of it."""

    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.MANUAL)
    review_state = models.CharField(
        max_length=10, choices=ReviewState.choices, default=ReviewState.UNREVIEWED, db_index=True
    )
    edited_by_hand = models.BooleanField(
        default=False,
        help_text="Set when a person changes the row; the ingest then leaves it alone.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    @property
    def is_protected(self) -> bool:
        """True when the ingest must neither change nor delete this row."""
        return (
            self.origin == Origin.MANUAL
            or self.edited_by_hand
            or self.review_state != ReviewState.UNREVIEWED
        )

    @classmethod
    def protected_q(cls) -> Q:
        return (
            Q(origin=Origin.MANUAL)
            | Q(edited_by_hand=True)
            | ~Q(review_state=ReviewState.UNREVIEWED)
        )


class Provenance(models.Model):
    """The exact words an item came from: ``article.text[start:end] == quote``.

    When the article's text changes, the ingest moves a kept row's offsets to the
    same words in the new text (the copy nearest the old place); when the words are
    gone, the offsets are cleared and ``words_missing`` says so, and the article page
    lists the row as "words no longer in the article" instead of highlighting it.

    Subclasses add the ``article`` foreign key with their own related name."""

    quote = models.TextField("words in the article")
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    words_missing = models.BooleanField(
        "words no longer in the article",
        default=False,
        help_text="Set by the ingest when the article changed and these words left it.",
    )
    review_key = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        db_index=True,
        help_text="The original reading this row stands for; see models.review_key.",
    )

    # The key's first part, one per model.
    reading_kind = ""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # A row entered by hand covers the reading of its own words from then on (the
        # ingest gives the rows it makes their keys itself).
        if not self.review_key and self.quote and getattr(self, "origin", "") == "manual":
            self.review_key = review_key(self.reading_kind, self.quote)
        super().save(*args, **kwargs)

    @property
    def quote_in_text(self) -> bool:
        """True when the stored offsets point at exactly the quoted words."""
        text = self.article.text
        return (
            self.start is not None
            and self.end is not None
            and 0 <= self.start < self.end <= len(text)
            and text[self.start : self.end] == self.quote
        )


class Article(models.Model):
    """One article, known by where it was read from.

    ``location`` is the identity: the resolved absolute path of a file, or the
    canonical URL of a web page. The same location read again is an update; the
    same text at another location is the same article (``content_hash`` is
    unique). Articles stored before locations existed have ``file-name:NAME`` and
    are claimed by the first file of that name ingested again.
    """

    file_name = models.CharField(max_length=255)
    location = models.CharField(
        max_length=1000,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text="Where the article was read from: a file's absolute path or a page's URL.",
    )
    title = models.CharField(max_length=500, blank=True)
    source = models.CharField("outlet", max_length=255, blank=True)
    url = WebURLField(
        max_length=1000,
        blank=True,
        help_text="The original article: an http:// or https:// address.",
    )
    published = models.DateField(null=True, blank=True, db_index=True)
    published_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    text = models.TextField(help_text="The article as stored, after page furniture was removed.")
    content_hash = models.CharField(max_length=64, unique=True)
    ingested_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published", "file_name"]

    def __str__(self):
        return self.title or self.file_name

    def get_absolute_url(self):
        return page_url("enforcement:article-detail", self.pk)

    @staticmethod
    def legacy_location(file_name: str) -> str:
        """The location of an article stored before locations existed."""
        return f"file-name:{file_name}"

    @property
    def published_display(self) -> str:
        if self.published is None:
            return "Date unknown"
        return format_partial_date(self.published, self.published_precision)


class NamedEntity(models.Model):
    name = models.CharField(max_length=255)
    country = models.CharField(
        max_length=2, blank=True, help_text="ISO 3166 alpha-2 code, such as CN or US."
    )
    notes = models.TextField(blank=True)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.MANUAL)
    edited_by_hand = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_protected(self) -> bool:
        return self.origin == Origin.MANUAL or self.edited_by_hand

    # Every entity's own name is one of its aliases ----------------------------------
    # One rule for the admin, the ingest and merges: a name typed by a person or read
    # by the ingest resolves to its entity through ``Alias.normalized``, so the next
    # ingest finds it instead of making it again.

    alias_field = ""  # "regulator" or "actor": the Alias foreign key to this model

    def own_alias(self) -> Alias:
        return Alias(
            name=self.name[:255],
            normalized=normalize_name(self.name)[:255],
            **{self.alias_field: self},
        )

    def keep_own_alias(self) -> None:
        """Give the entity an alias for its name unless one exists (never another's)."""
        if normalize_name(self.name):
            Alias.objects.bulk_create([self.own_alias()], ignore_conflicts=True)

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.keep_own_alias()

    def clean(self):
        super().clean()
        normalized = normalize_name(self.name)
        if not normalized:
            raise ValidationError({"name": "A name needs at least one letter or digit."})
        holders = Alias.objects.filter(normalized=normalized[:255])
        if self.pk is not None:
            holders = holders.exclude(**{f"{self.alias_field}_id": self.pk})
        holder = holders.select_related("regulator", "actor").first()
        if holder is not None:
            raise ValidationError(
                {
                    "name": f"“{holder.name}” already names {holder.entity} "
                    f"({holder.entity._meta.verbose_name}); merge the two entries "
                    "instead of entering it twice."
                }
            )


class Regulator(NamedEntity):
    """A public body that makes, enforces or judges the rules."""

    kind = models.CharField(max_length=20, choices=_choices(REGULATOR_KINDS), default="agency")

    alias_field = "regulator"
    history = HistoricalRecords()

    class Meta(NamedEntity.Meta):
        pass

    def get_absolute_url(self):
        return page_url("enforcement:regulator-detail", self.pk)


class Actor(NamedEntity):
    """Anyone else who acts or speaks: people, companies, platforms, brands, groups."""

    kind = models.CharField(max_length=20, choices=_choices(ACTOR_KINDS), default="other")
    affiliated_regulator = models.ForeignKey(
        Regulator, null=True, blank=True, on_delete=models.SET_NULL, related_name="affiliates"
    )
    affiliated_actor = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="affiliates"
    )

    alias_field = "actor"
    history = HistoricalRecords()

    class Meta(NamedEntity.Meta):
        pass

    def get_absolute_url(self):
        return page_url("enforcement:actor-detail", self.pk)

    @property
    def affiliation(self):
        return self.affiliated_regulator or self.affiliated_actor


class Alias(models.Model):
    """Another name for a regulator or an actor ("SAIC", "Ma").

    Every entity's own name is stored as an alias too, so that one indexed
    lookup on ``normalized`` resolves any name. A normalised name names one
    entity only.
    """

    name = models.CharField(max_length=255)
    normalized = models.CharField(max_length=255, unique=True, editable=False)
    regulator = models.ForeignKey(
        Regulator, null=True, blank=True, on_delete=models.CASCADE, related_name="aliases"
    )
    actor = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.CASCADE, related_name="aliases"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "aliases"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(regulator__isnull=False, actor__isnull=True)
                    | Q(regulator__isnull=True, actor__isnull=False)
                ),
                name="alias_names_one_entity",
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.normalized = normalize_name(self.name)[:255]
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        normalized = normalize_name(self.name)
        if not normalized:
            raise ValidationError({"name": "An alias needs at least one letter or digit."})
        holder = (
            Alias.objects.filter(normalized=normalized[:255])
            .exclude(pk=self.pk)
            .select_related("regulator", "actor")
            .first()
        )
        if holder is not None and (holder.regulator_id, holder.actor_id) != (
            self.regulator_id,
            self.actor_id,
        ):
            raise ValidationError(
                {
                    "name": f"“{holder.name}” already names {holder.entity}; an alias names one entry."
                }
            )

    @property
    def entity(self):
        return self.regulator or self.actor


class ListedByDate(models.Model):
    """A statement's or a figure's place in its list: its own date, else its article's.

    ``sort_date`` is ``COALESCE(date, article.published)``, stored so that one index serves
    the list's order and date filters; ``undated`` is set when neither date is known (listed
    last). A row with neither set yet (made by a bulk insert) is worked out by the next
    ``event_dates.refresh_report_dates``. Upkeep of a derived value, never a person's edit."""

    sort_date = models.DateField(
        null=True,
        blank=True,
        editable=False,
        help_text="Its own date, else its article's publication date.",
    )
    undated = models.BooleanField(
        default=False,
        editable=False,
        help_text="Set when neither it nor its article has a date: listed last.",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        published = self.article.published if self.article_id else None
        for name, value in item_sort_fields(self.date, published).items():
            setattr(self, name, value)
        super().save(*args, **kwargs)


# A statement's or figure's list order, newest first: served by the indexes below.
ITEM_LIST_ORDER = ("undated", "-sort_date", "article", "start", "id")


class Statement(ListedByDate, Reviewed, PartialDateMixin, Provenance):
    """Words attributed to a speaker, quoted or reported."""

    speaker_regulator = models.ForeignKey(
        Regulator, null=True, blank=True, on_delete=models.SET_NULL, related_name="statements"
    )
    speaker_actor = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.SET_NULL, related_name="statements"
    )
    text = models.TextField("words")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="statements")
    # --- meaning (issue 11): what kind of statement it is, set by the stances stage
    stance = models.CharField(
        max_length=20, choices=list(STANCES.items()), default="other", db_index=True
    )
    # --- end meaning

    reading_kind = "statement"
    history = HistoricalRecords()

    class Meta:
        ordering = ["article", "start"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(speaker_regulator__isnull=False, speaker_actor__isnull=False),
                name="statement_has_one_speaker",
            ),
            one_row_per_reading("one_statement_per_reading"),
        ]
        indexes = [
            models.Index(fields=ITEM_LIST_ORDER, name="statement_list_order"),
            models.Index(fields=("stance", *ITEM_LIST_ORDER), name="statement_stance_order"),
            # An entity's page and the list filtered by speaker: its statements, newest first.
            models.Index(fields=("speaker_actor", *ITEM_LIST_ORDER), name="statement_actor_order"),
            models.Index(
                fields=("speaker_regulator", *ITEM_LIST_ORDER), name="statement_regulator_order"
            ),
        ]

    def __str__(self):
        words = self.text if len(self.text) < 80 else self.text[:77] + "…"
        return f"{self.speaker or 'Unknown'}: {words}"

    @property
    def speaker(self):
        return self.speaker_actor or self.speaker_regulator


class Qualifier(models.TextChoices):
    ABOUT = "about", "About"
    OVER = "over", "Over"
    UNDER = "under", "Under"
    EXACTLY = "exactly", "Exactly"


class Statistic(ListedByDate, Reviewed, PartialDateMixin, Provenance):
    """A figure an article states: value, unit, what it measures and when."""

    value = models.DecimalField(max_digits=24, decimal_places=4, validators=[validate_figure])
    unit = models.CharField(max_length=50, help_text="The counted thing, %, or a currency code.")
    metric = models.CharField(max_length=255, help_text="What the figure measures.")
    qualifier = models.CharField(max_length=10, choices=Qualifier.choices, blank=True)
    subject_actor = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.SET_NULL, related_name="statistics"
    )
    subject_regulator = models.ForeignKey(
        Regulator, null=True, blank=True, on_delete=models.SET_NULL, related_name="statistics"
    )
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="statistics")
    # --- meaning (issue 11): what the figure measures, from a fixed vocabulary
    measure = models.CharField(
        max_length=32,
        choices=list(MEASURES.items()),
        default="other",
        db_index=True,
        help_text="What the figure measures; the metric keeps the article's own phrase.",
    )
    # --- end meaning

    reading_kind = "statistic"
    history = HistoricalRecords()

    class Meta:
        ordering = ["article", "start"]
        constraints = [one_row_per_reading("one_statistic_per_reading")]
        indexes = [
            models.Index(fields=ITEM_LIST_ORDER, name="statistic_list_order"),
            models.Index(fields=("measure", *ITEM_LIST_ORDER), name="statistic_measure_order"),
            # An entity's page and the list filtered by subject: its figures, newest first.
            models.Index(fields=("subject_actor", *ITEM_LIST_ORDER), name="statistic_actor_order"),
            models.Index(
                fields=("subject_regulator", *ITEM_LIST_ORDER), name="statistic_regulator_order"
            ),
        ]

    def __str__(self):
        return f"{self.value_display} {self.unit} — {self.metric}"

    @property
    def subject(self):
        return self.subject_actor or self.subject_regulator

    @property
    def value_display(self) -> str:
        value = self.value.normalize() if self.value is not None else ""
        text = f"{value:,f}" if value != "" else ""
        return f"{self.get_qualifier_display().lower()} {text}".strip() if self.qualifier else text

    @property
    def figure_display(self) -> str:
        """The figure as a reader writes it: "about US$3,000,000", "87%", "2,500 tonnes"."""
        if self.value is None:
            return ""
        text = format_figure(self.value, self.unit)
        return f"{self.get_qualifier_display().lower()} {text}" if self.qualifier else text

    @property
    def unit_display(self) -> str:
        return unit_label(self.unit).strip()

    @property
    def period_display(self) -> str:
        """The period it is for: its own date, else "reported" and its article's date."""
        if self.date is not None:
            return self.date_display
        if self.article.published is not None:
            return f"reported {self.article.published_display}"
        return "Date unknown"


EVENT_LIST_ORDER = ("sort_date", "-sort_date_precision", "id")


class Event(Reviewed, PartialDateMixin):
    """Something that happened in the fight against fakes.

    One event reported by several articles is one row with several sources.
    """

    kind = models.CharField(max_length=20, choices=_choices(EVENT_KINDS), db_index=True)
    # --- meaning (issue 11): who did what, in one line (the summaries stage); the words
    # each source used stay on EventSource.quote. A person's edit is protected like any.
    summary = models.TextField(help_text="Who did what, in one line; the title on every page.")
    # --- end meaning
    # --- when it was first reported, and the date pages order it by (``event_dates``):
    # derived, kept current by ``event_dates.refresh_report_dates``; never a person's edit.
    first_reported = models.DateField(
        null=True,
        blank=True,
        editable=False,
        help_text="The earliest publication date of its sources' articles.",
    )
    first_reported_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY, editable=False
    )
    sort_date = models.DateField(
        null=True,
        blank=True,
        editable=False,
        db_index=True,
        help_text="Its own date, else the date it was first reported.",
    )
    sort_date_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY, editable=False
    )
    sort_date_is_reported = models.BooleanField(
        "placed at its report date",
        default=False,
        editable=False,
        help_text="Set when the event has no date of its own and is placed at its report date.",
    )
    regulators = models.ManyToManyField(Regulator, blank=True, related_name="events")
    actors = models.ManyToManyField(Actor, blank=True, related_name="events")
    articles = models.ManyToManyField(Article, through="EventSource", related_name="events")

    history = HistoricalRecords(m2m_fields=[regulators, actors])

    class Meta:
        ordering = [models.F("date").asc(nulls_last=True), "pk"]
        # The lists' order (``queries.events``): by sort date, the vaguer date first within
        # a day, month or year ("year" > "month" > "day" as text), undated last.
        indexes = [
            models.Index(fields=EVENT_LIST_ORDER, name="event_list_order"),
            models.Index(fields=("kind", *EVENT_LIST_ORDER), name="event_kind_list_order"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.date_display}): {self.summary[:70]}"

    def save(self, *args, **kwargs):
        # An edited own date moves the event at once; its sources are ``refresh_report_dates``'.
        self.set_sort_date()
        super().save(*args, **kwargs)

    def set_sort_date(self) -> None:
        self.sort_date, self.sort_date_precision, self.sort_date_is_reported = sort_fields(
            self.date, self.date_precision, self.first_reported, self.first_reported_precision
        )

    @property
    def when_display(self) -> str:
        """ "9 Feb 2015", "reported 22 Sep 2020" or "Date unknown"."""
        return when_display(self)

    @property
    def first_reported_display(self) -> str:
        return format_partial_date(self.first_reported, self.first_reported_precision)

    @property
    def source_article_count(self) -> int:
        """How many articles tell it (from the prefetched sources)."""
        return len({source.article_id for source in self.sources.all()})

    def get_absolute_url(self):
        # The ?id= filter keeps the event on the first page, whatever the list's size.
        return page_url("enforcement:event-list") + f"?id={self.pk}#event-{self.pk}"


class EventSource(Reviewed, Provenance):
    """One article's account of an event, with the words it used."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sources")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="event_sources")

    reading_kind = "event"
    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "article"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "article", "start"], name="one_source_per_event_span"
            ),
            one_row_per_reading("one_event_source_per_reading"),
        ]

    def __str__(self):
        return f"{self.article}: {self.quote[:70]}"

    @classmethod
    def protected_q(cls) -> Q:
        """A source is a person's work when it, or the event it tells, is: the sources of
        a rejected, verified or edited event stay, so the event keeps its reading."""
        return super().protected_q() | Q(
            Q(event__origin=Origin.MANUAL)
            | Q(event__edited_by_hand=True)
            | ~Q(event__review_state=ReviewState.UNREVIEWED)
        )


class EntityMerge(models.Model):
    """One merge of two regulators or two actors: who, when, and what moved, so that it
    can be undone. The rows themselves carry the change in their history too."""

    KINDS = [("regulator", "Regulator"), ("actor", "Actor")]

    kind = models.CharField(max_length=10, choices=KINDS)
    survivor_id = models.PositiveBigIntegerField()
    merged_id = models.PositiveBigIntegerField()
    merged_name = models.CharField(max_length=255)
    moved = models.JSONField(default=dict, help_text="Ids of the rows the merge changed.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    merged_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-merged_at", "-pk"]

    def __str__(self):
        return f"“{self.merged_name}” merged into {self.kind} #{self.survivor_id}"


# --- Feeds (feeds helper) -------------------------------------------------------------------


class Feed(models.Model):
    """A news feed (RSS or Atom) that ``poll_feeds`` reads; its items become articles."""

    url = models.URLField(
        "feed URL",
        max_length=1000,
        unique=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="An RSS or Atom feed's address (http or https).",
    )
    title = models.CharField(max_length=500, blank=True, help_text="As the feed names itself.")
    active = models.BooleanField(default=True, help_text="Only active feeds are polled.")
    last_fetched_at = models.DateTimeField("last fetched", null=True, blank=True)
    last_new_item_at = models.DateTimeField("last new item", null=True, blank=True)
    last_error = models.TextField(
        blank=True, help_text="Why the last poll failed; empty when it worked."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["url"]

    def __str__(self):
        return self.title or self.url


class FeedItem(models.Model):
    """An item of a feed that was read into an article: the feed's memory of what it has seen."""

    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="items")
    key = models.CharField(max_length=1000, help_text="The item's id in the feed, or its link.")
    link = models.URLField(max_length=1000)
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="feed_items"
    )
    ingested_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-ingested_at"]
        constraints = [models.UniqueConstraint(fields=["feed", "key"], name="one_item_per_key")]

    def __str__(self):
        return self.link
