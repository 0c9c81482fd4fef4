"""Small numbers: the one rule for every count staff see (dashboard, theme pages, gaps, the
evidence pack), the same for every role.

A count from 1 to threshold - 1 is never shown: it says "fewer than 5" instead. Zero is shown,
and so is anything at or over the threshold.

Parts of a total (a theme's voices split by sentiment, a period split by audience or month)
need more than that, because a reader can subtract: a total of 11 with parts 6, 0 and one
hidden gives the hidden part away. So within a total:

1. if the total itself is small, every part is hidden with it (each reads "fewer than 5", or 0);
2. every small part is hidden;
3. if that hides exactly one part, or hides parts that can only be 1 each (two hidden parts
   adding up to 2) or only threshold - 1 each (two adding up to 8), the smallest part still
   shown that is not zero is hidden too ("secondary suppression");
4. every hidden part reads the same ("not shown"), whichever step hid it, because a reader who
   could tell a part hidden for being small from one hidden to cover it could often work both
   out from the total.

Zeros are never hidden: they are shown as 0, so a hidden part is known to be at least 1, which
is why rule 3 looks at hidden parts that add up to their own number.

Drawing follows the same rule: a shown count is drawn at its length; a hidden count alone (or
a hidden total) is drawn at a fixed length, half the threshold, whatever it really is; the hidden
parts of a shown total are drawn together as what is left of the total after the parts shown,
a number any reader can work out from the table anyway.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from flask import current_app

from voice.i18n import _

Key = TypeVar("Key", bound=Hashable)

DEFAULT_THRESHOLD = 5


@dataclass(frozen=True)
class Shown:
    """A count as staff may see it. `value` is None when the count is hidden, so a template
    given a Shown has no way to print the real number."""

    text: str
    value: int | None
    length: float  # in voices, for drawing a bar

    @property
    def hidden(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class Split(Generic[Key]):
    """A total and its parts after the rule. `hidden_length` is the length of the hatched
    segment standing for all hidden parts of a shown total together (0 when none is hidden)."""

    total: Shown
    parts: dict[Key, Shown]
    hidden_length: float

    @property
    def any_hidden(self) -> bool:
        return self.total.hidden or any(part.hidden for part in self.parts.values())

    def sum(self, keys: Collection[Key], threshold: int) -> Shown:
        """Some parts added together. Shown when every one of them is shown, or when they hold
        every hidden part (then the sum is the total less the parts shown, which anyone can
        work out); otherwise it would give a hidden part away."""
        hidden = {key for key, part in self.parts.items() if part.hidden}
        chosen = set(keys)
        if self.total.value is None or (hidden & chosen and not hidden <= chosen):
            return Shown(_("not shown"), None, threshold / 2)
        if hidden & chosen:
            rest = sum(part.value or 0 for key, part in self.parts.items() if key not in chosen)
            number = self.total.value - rest
        else:
            number = sum(part.value or 0 for key, part in self.parts.items() if key in chosen)
        return Shown(f"{number:,}", number, float(number))


@dataclass(frozen=True)
class Suppression:
    threshold: int = DEFAULT_THRESHOLD

    @classmethod
    def from_config(cls) -> Suppression:
        return cls(int(current_app.config.get("SMALL_NUMBER_THRESHOLD", DEFAULT_THRESHOLD)))

    @property
    def hidden_length(self) -> float:
        """The length drawn for any hidden count: the middle of the numbers it could be."""
        return self.threshold / 2

    def hidden(self, number: int) -> bool:
        return 0 < number < self.threshold

    def fewer_than(self) -> str:
        return _("fewer than %(threshold)s", threshold=self.threshold)

    def count(self, number: int) -> Shown:
        """A count on its own."""
        if self.hidden(number):
            return Shown(self.fewer_than(), None, self.hidden_length)
        return Shown(f"{number:,}", number, float(number))

    def show(self, number: int) -> str:
        return self.count(number).text

    def split(self, total: int, parts: Mapping[Key, int]) -> Split[Key]:
        """A total and the parts it is made of, with the rule above applied."""
        shown_total = self.count(total)
        if shown_total.hidden:
            # Every part is smaller than the total, so "fewer than 5" is true of each one that
            # is not zero, and zeros give nothing away that the total does not.
            return Split(
                shown_total, {key: self.count(number) for key, number in parts.items()}, 0.0
            )
        hidden = [key for key, number in parts.items() if self.hidden(number)]
        # Hidden parts of 1 to threshold - 1 each can be worked out from their sum when there is
        # one, or when the sum leaves each of them only its least or greatest value.
        held = sum(parts[key] for key in hidden)
        pinned = held in (len(hidden), len(hidden) * (self.threshold - 1))
        if len(hidden) == 1 or (hidden and pinned):
            covers = sorted(
                (number, index, key)
                for index, (key, number) in enumerate(parts.items())
                if number > 0 and key not in hidden
            )
            if covers:
                hidden.append(covers[0][2])
        shown = {
            key: self._not_shown() if key in hidden else Shown(f"{number:,}", number, number)
            for key, number in parts.items()
        }
        visible = sum(part.value or 0 for part in shown.values())
        return Split(shown_total, shown, float(max(total - visible, 0)) if hidden else 0.0)

    def share(self, part: Shown, total: Shown) -> str:
        """A part as a percentage of its total, hidden when either is."""
        if part.value is None or total.value is None:
            return _("not shown")
        if total.value == 0:
            return "–"
        return _("%(percent)s%%", percent=round(part.value * 100 / total.value))

    def _not_shown(self) -> Shown:
        return Shown(_("not shown"), None, self.hidden_length)
