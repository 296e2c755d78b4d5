"""Small-group protection: the one definition of what a survey's results may show.

A group of respondents smaller than the survey's ``small_group_threshold`` is
not shown, and neither is one whose complement within the whole is that small
(the whole minus the group would give the few others away). In a table of
counts a small cell is hidden, and where a row or a column would then hide
exactly one cell, the next smallest is hidden too, so that no hidden figure
can be worked out from the totals shown beside it."""

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


def suppressed(table: list[list[int]], threshold: int) -> list[list[bool]]:
    """Which cells of ``table`` (rows of counts) to hide.

    First every small cell; then, as long as some row or column hides exactly
    one cell, the smallest other cell of that line as well (a zero or a large
    count, which is what keeps the hidden one from being derived from the line's
    total). Repeated until no line hides exactly one, since each added cell can
    leave its crossing line with one."""
    hidden = [[is_small(value, threshold) for value in row] for row in table]
    width = max((len(row) for row in table), default=0)
    lines = [[(r, c) for c in range(len(row))] for r, row in enumerate(table)]
    lines += [[(r, c) for r, row in enumerate(table) if c < len(row)] for c in range(width)]
    changed = True
    while changed:
        changed = False
        for line in lines:
            if sum(hidden[r][c] for r, c in line) != 1:
                continue
            others = [(table[r][c], r, c) for r, c in line if not hidden[r][c]]
            if others:
                _value, r, c = min(others)
                hidden[r][c] = True
                changed = True
    return hidden
