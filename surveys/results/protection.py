"""Small-group protection: the one definition of what a survey's results may show.

A group of respondents smaller than the survey's ``small_group_threshold`` is
not shown, and neither is one whose complement within the whole is that small
(the whole minus the group would give the few others away). In a table of
counts a small cell is hidden, and where a row or a column would then hide
exactly one cell, the next smallest is hidden too, so that no hidden figure
can be worked out from the totals shown beside it.

Nor may two selections that are each large enough be subtracted to show a small
group: a selection is refused when a coarser one differs from it by a few
(``check_narrowing``), on the page and in a breakdown's columns alike."""

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _


def is_small(count: int, threshold: int) -> bool:
    """A count of people (not zero) too small to show on its own."""
    return 0 < count < threshold


@dataclass(frozen=True)
class GroupCheck:
    shown: bool
    reason: str = ""


def check_group(*, size: int, total: int, threshold: int, filtered: bool) -> GroupCheck:
    """May the results of a group of ``size`` respondents out of ``total`` be shown?

    The unfiltered whole is no breakdown and is always shown; a filtered group
    needs ``threshold`` respondents, and so does the rest of the whole."""
    if not filtered:
        return GroupCheck(True)
    if size < threshold:
        return GroupCheck(
            False,
            _(
                "These results are not shown: the group has fewer than %(threshold)s "
                "responses, so answers could be traced to the few who gave them."
            )
            % {"threshold": threshold},
        )
    if is_small(total - size, threshold):
        return GroupCheck(
            False,
            _(
                "These results are not shown: fewer than %(threshold)s responses fall "
                "outside the group, and the whole minus the group would show theirs."
            )
            % {"threshold": threshold},
        )
    return GroupCheck(True)


def check_narrowing(*, size: int, coarser: Mapping[str, int], threshold: int) -> GroupCheck:
    """May a selection of ``size`` respondents be shown beside ``coarser`` ones
    ({label: size}, each the same selection with one of its conditions dropped)?

    Not when one of them has more, but fewer than ``threshold`` more: each count
    of the coarser one minus the same count of this one would show how those few
    answered (Idrott: 20, Idrott + Väster: 17, so the 3 outside Väster). Every
    coarser selection counts, shown on its own page or not: one large enough may
    still appear as a breakdown's column, and one too small makes this one too
    small as well.

    "Dropping" a category means no condition on categories at all, not the
    other categories: an association can have several, so Idrott + Väster
    dropped to Väster is every response in Väster, the difference being those
    without Idrott among their categories (with other categories or none). A
    category column within a category filter (Idrott and Kultur) has both as
    coarser selections, Idrott and Kultur."""
    for label, count in coarser.items():
        if is_small(count - size, threshold):
            return GroupCheck(
                False,
                _(
                    "These results are not shown: fewer than %(threshold)s responses "
                    "separate this group from “%(group)s”, so subtracting the one from "
                    "the other would show how those few answered."
                )
                % {"threshold": threshold, "group": label},
            )
    return GroupCheck(True)


def check_selection(
    *, size: int, total: int, coarser: Mapping[str, int], threshold: int, filtered: bool
) -> GroupCheck:
    """May a page's selection be shown: the group, its complement, and its
    difference from each coarser selection (``check_group``, ``check_narrowing``)."""
    check = check_group(size=size, total=total, threshold=threshold, filtered=filtered)
    if not check.shown:
        return check
    return check_narrowing(size=size, coarser=coarser, threshold=threshold)


def _lines(table: list[list[int]]) -> list[list[tuple[int, int]]]:
    width = max((len(row) for row in table), default=0)
    rows = [[(r, c) for c in range(len(row))] for r, row in enumerate(table)]
    return rows + [[(r, c) for r, row in enumerate(table) if c < len(row)] for c in range(width)]


def suppressed(
    table: list[list[int]], threshold: int, refused: list[list[bool]] | None = None
) -> list[list[bool]]:
    """Which cells of ``table`` (rows of counts) to hide.

    First every small cell, and every cell ``refused`` marks (one hidden on
    other grounds). Then, as long as some row or column hides a single cell, or
    only zeros (a total of nothing gives each of them away), the smallest other
    non-zero cell of that line as well (a zero only where the line has nothing
    else). Repeated until no line is left so, since each added cell can leave
    its crossing line so. ``derivable`` says where that was not enough."""
    hidden = [[is_small(value, threshold) for value in row] for row in table]
    for r, row in enumerate(refused or []):
        hidden[r] = [h or flag for h, flag in zip(hidden[r], row, strict=True)]
    lines = _lines(table)
    changed = True
    while changed:
        changed = False
        for line in lines:
            covered = [table[r][c] for r, c in line if hidden[r][c]]
            if not covered or (len(covered) > 1 and sum(covered) > 0):
                continue
            others = [(table[r][c] == 0, table[r][c], r, c) for r, c in line if not hidden[r][c]]
            if others:
                *_order, r, c = min(others)
                hidden[r][c] = True
                changed = True
    return hidden


def derivable(table: list[list[int]], hidden: list[list[bool]]) -> bool:
    """Could any hidden cell be worked out, knowing every row's and column's
    total? A line with one unknown gives it away, and so does a line whose
    unknowns add up to nothing (counts are never negative); each cell found
    may give away another. A table for which this holds is not shown at all."""
    known = [[not h for h in row] for row in hidden]
    lines = _lines(table)
    found, progress = False, True
    while progress:
        progress = False
        for line in lines:
            unknown = [(r, c) for r, c in line if not known[r][c]]
            if len(unknown) == 1 or (unknown and sum(table[r][c] for r, c in unknown) == 0):
                for r, c in unknown:
                    known[r][c] = True
                found = progress = True
    return found
