"""The organisation's name (a setting, ORGANISATION_NAME) as translatable content."""

from dataclasses import dataclass

from flask import current_app

from voice.content_translations.registry import Kind, register
from voice.i18n import _l


@dataclass(frozen=True)
class Organisation:
    id: int = 0

    @property
    def name(self) -> str:
        return current_app.config["ORGANISATION_NAME"]


def organisation() -> Organisation:
    return Organisation()


register(
    Kind(
        name="organisation",
        label=_l("Organisation"),
        model=Organisation,
        fields={"name": _l("Name")},
        records=lambda: [Organisation()],
        describe=lambda record: str(_l("The organisation's name")),
        get=lambda object_id: Organisation() if object_id == 0 else None,
        order=0,
    )
)
