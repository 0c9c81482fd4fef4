"""The one boundary for untrusted input: what a request brings is made safe to store here,
before any view, form or query sees it.

- Text: every query-string and form value has NUL and the other control characters (all but
  tab, newline and carriage return) taken out when the request parses it (`CleanRequest`), so
  a NUL never reaches PostgreSQL, which refuses it and would lose a young person's answers.
  Uploaded files are not touched: the importers read them as data.
- Path arguments: `<int:...>` takes only what fits the database's integer column
  (1 to 2**31-1), so a bigger id is "Page not found", not a database error; a text argument
  (a theme slug, a join code) holding a control character is "Page not found" too.
- Query-string numbers: `bounded_int` reads an id or page number the same way.
"""

import re

from flask import Flask, Request
from werkzeug.datastructures import MultiDict
from werkzeug.routing import IntegerConverter, UnicodeConverter, ValidationError
from werkzeug.utils import cached_property

DB_INT_MAX = 2**31 - 1
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: str) -> str:
    return CONTROL.sub("", value)


def _cleaned(values: MultiDict) -> MultiDict:
    return type(values)((key, clean_text(value)) for key, value in values.items(multi=True))


def bounded_int(value: str | None, *, minimum: int = 1) -> int | None:
    """A whole number from a query string that the database can hold, or None."""
    text = (value or "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > 10:
        return None
    number = int(text)
    return number if minimum <= number <= DB_INT_MAX else None


class CleanRequest(Request):
    @cached_property
    def args(self) -> MultiDict:
        return _cleaned(super().args)

    def _load_form_data(self) -> None:
        if "form" in self.__dict__:
            return
        super()._load_form_data()
        self.__dict__["form"] = _cleaned(self.__dict__["form"])


class BoundedIntConverter(IntegerConverter):
    """Flask's `int`, bounded to what an integer column holds."""

    def __init__(self, map: object, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("max", DB_INT_MAX)
        super().__init__(map, *args, **kwargs)  # type: ignore[arg-type]


class CleanStringConverter(UnicodeConverter):
    """Flask's default text argument, refusing control characters (a NUL in a slug)."""

    def to_python(self, value: str) -> str:
        if CONTROL.search(value):
            raise ValidationError
        return value


def init_untrusted_input(app: Flask) -> None:
    app.request_class = CleanRequest
    app.url_map.converters["int"] = BoundedIntConverter
    app.url_map.converters["default"] = CleanStringConverter
    app.url_map.converters["string"] = CleanStringConverter
