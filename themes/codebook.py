"""The codebook of themes: the default SEND codebook seeded once, staff changes logged.

Services flush; the view or task that owns the work commits once.
"""

import re
from collections.abc import Iterable, Sequence

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from themes.models import (
    CodebookChange,
    ItemTheme,
    TagSource,
    Theme,
)
from themes.tagger import Codebook, ThemeDef, default_codebook
from voice.db import db


class CodebookError(ValueError):
    """A codebook change that cannot be made (for example a slug already in use)."""


def _lines(values: Iterable[str]) -> str:
    """Signals as stored: one a line, each with its spaces made single."""
    return "\n".join(" ".join(value.split()) for value in values if value.strip())


def stored_signals(text: str) -> tuple[str, ...]:
    """The signals of a stored theme, exactly as they were stored (one a line)."""
    return tuple(line for line in (text or "").split("\n") if line)


def split_signals(text: str) -> tuple[str, ...]:
    """Signals as typed by staff: one a line or separated by commas."""
    return tuple(part.strip() for part in re.split(r"[\n,]", text or "") if part.strip())


def _log(action: str, theme: Theme | None, user_id: int | None, detail: str = "") -> None:
    db.session.add(CodebookChange(action=action, theme=theme, changed_by_id=user_id, detail=detail))


def ensure_codebook() -> None:
    """Load the default SEND codebook into an empty database; run by `voice seed`."""
    if db.session.scalar(select(func.count(Theme.id))):
        return
    try:
        with db.session.begin_nested():
            for theme in default_codebook():
                row = Theme(
                    slug=theme.slug,
                    name=theme.name,
                    easy_read_name=theme.easy_read_name,
                    description=theme.description,
                    signals=_lines(theme.signals),
                    weak_signals=_lines(theme.weak_signals),
                    not_signals=_lines(theme.not_signals),
                )
                db.session.add(row)
            _log("seed", None, None, "default SEND codebook")
    except IntegrityError:
        pass  # another worker seeded it at the same moment


def list_themes(*, active_only: bool = False) -> list[Theme]:
    query = select(Theme).order_by(Theme.active.desc(), Theme.name)
    if active_only:
        query = query.where(Theme.active.is_(True))
    return list(db.session.scalars(query))


def get_theme(theme_id: int) -> Theme | None:
    return db.session.get(Theme, theme_id)


def slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:64] or "theme"


def add_theme(
    *,
    name: str,
    easy_read_name: str,
    description: str,
    signals: str,
    user_id: int | None,
    slug: str | None = None,
) -> Theme:
    slug = slugify(slug or name)
    if db.session.scalar(select(Theme.id).where(Theme.slug == slug)) is not None:
        raise CodebookError(slug)
    theme = Theme(
        slug=slug,
        name=name.strip(),
        easy_read_name=(easy_read_name or name).strip(),
        description=description.strip(),
        signals=_lines(split_signals(signals)),
    )
    db.session.add(theme)
    db.session.flush()
    _log("add", theme, user_id, theme.name)
    return theme


def update_theme(
    theme: Theme,
    *,
    name: str,
    easy_read_name: str,
    description: str,
    signals: str,
    user_id: int | None,
) -> None:
    before = theme.name
    theme.name = name.strip()
    theme.easy_read_name = easy_read_name.strip() or theme.name
    theme.description = description.strip()
    theme.signals = _lines(split_signals(signals))
    _log("edit", theme, user_id, f"{before} -> {theme.name}")
    db.session.flush()


def retire_theme(theme: Theme, *, user_id: int | None) -> None:
    theme.active = False
    _log("retire", theme, user_id, theme.name)
    db.session.flush()


def restore_theme(theme: Theme, *, user_id: int | None) -> None:
    theme.active = True
    theme.merged_into_id = None
    _log("restore", theme, user_id, theme.name)
    db.session.flush()


def merge_themes(source: Theme, target: Theme, *, user_id: int | None) -> int:
    """Move every tag from source to target, fold the signals in, retire the source.

    Returns the number of items whose tags moved."""
    if source.id == target.id:
        raise CodebookError(source.slug)
    rows = list(db.session.scalars(select(ItemTheme).where(ItemTheme.theme_id == source.id)))
    target_items = {
        row.item_id: row
        for row in db.session.scalars(select(ItemTheme).where(ItemTheme.theme_id == target.id))
    }
    for row in rows:
        existing = target_items.get(row.item_id)
        if existing is None:
            row.theme_id = target.id
            continue
        # The item already has the target theme: keep the stronger decision.
        if row.source is TagSource.HUMAN and not row.removed:
            existing.source, existing.removed, existing.reviewed = TagSource.HUMAN, False, True
        existing.confidence = max(existing.confidence, row.confidence)
        db.session.delete(row)
    merged = list(stored_signals(target.signals))
    merged += [s for s in stored_signals(source.signals) if s not in merged]
    target.signals = _lines(merged)
    source.active = False
    source.merged_into_id = target.id
    _log("merge", source, user_id, f"{source.slug} -> {target.slug}")
    db.session.flush()
    return len(rows)


def codebook_version() -> int:
    return db.session.scalar(select(func.max(CodebookChange.id))) or 0


def recent_changes(limit: int = 20) -> list[CodebookChange]:
    return list(
        db.session.scalars(select(CodebookChange).order_by(CodebookChange.id.desc()).limit(limit))
    )


def codebook_from_rows(themes: Sequence[Theme]) -> Codebook:
    return Codebook(
        themes=tuple(
            ThemeDef(
                slug=theme.slug,
                name=theme.name,
                easy_read_name=theme.easy_read_name,
                description=theme.description,
                signals=stored_signals(theme.signals),
                weak_signals=stored_signals(theme.weak_signals),
                not_signals=stored_signals(theme.not_signals),
            )
            for theme in themes
        )
    )
