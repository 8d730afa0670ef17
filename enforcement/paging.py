"""Pages of a list without counting the list.

A list page reads its page's rows and one more: the extra row says whether there is a
next page, so no request runs ``COUNT(*)`` over the filtered table (Django's admin has
the same idea in ``show_full_result_count``). Offset paging, not keyset ("older / newer"):
every filter combination and every list's order works unchanged, a page is addressed by
its number in the URL as before, and the rows are read off the index that serves the
list's order (``models.EVENT_LIST_ORDER``, ``models.ITEM_LIST_ORDER``), so the first
pages -- the ones people read -- cost the same at a million rows as at ten thousand.
A deep page walks its offset along that index; keyset paging would avoid that walk but
needs a unique cursor over nullable, mixed-direction sort keys for every list.

The total is known when it is free: on a list that fits one page it is the rows read.
``paginator.count`` still counts when something asks for it (tests do); pages never do.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import prefetch_related_objects


class UncountedPage(Page):
    def __init__(self, object_list, number, paginator, *, has_next: bool):
        super().__init__(object_list, number, paginator)
        self._has_next = has_next

    def has_next(self) -> bool:
        return self._has_next

    def start_index(self) -> int:
        if not self.object_list:
            return 0
        return self.paginator.per_page * (self.number - 1) + 1

    def end_index(self) -> int:
        return self.start_index() + len(self.object_list) - 1 if self.object_list else 0

    @property
    def known_count(self) -> int | None:
        """How many rows the whole list has, when this page shows that (the only page)."""
        return None if self.has_other_pages() else len(self.object_list)


class UncountedPaginator(Paginator):
    """``Paginator`` whose pages read ``per_page + 1`` rows instead of counting the list."""

    def validate_number(self, number) -> int:
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger("That page number is not a whole number.") from None
        if number < 1:
            raise EmptyPage("Pages are numbered from 1.")
        return number

    def page(self, number) -> UncountedPage:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        if not rows and number > 1:
            raise EmptyPage("That page is past the last one.")
        return UncountedPage(
            rows[: self.per_page], number, self, has_next=len(rows) > self.per_page
        )


class ReadWhenRendered:
    """A page's rows whose related rows are read (``prefetch_related_objects``, all the
    page's at once) when they are first iterated, that is rendered: a page whose rows' HTML
    comes from the cache (``{% generation_cache %}``) never reads them. ``part`` gives some
    of the rows (a timeline's month) that read the whole page's when first iterated."""

    def __init__(self, rows: list, prefetches, page: ReadWhenRendered | None = None):
        self.rows, self.prefetches, self.page, self.read = rows, prefetches, page, False

    def part(self, rows: Iterable) -> ReadWhenRendered:
        return ReadWhenRendered(list(rows), (), page=self)

    def __iter__(self):
        if self.page is not None:
            iter(self.page)
        elif not self.read:
            prefetch_related_objects(self.rows, *self.prefetches)
            self.read = True
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)
