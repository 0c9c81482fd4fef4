"""Demo data for `voice demo-data` (run by `make run`, after `voice seed`): safe to run again,
it adds nothing twice. The content (an easy-read survey in four languages, invented views from
each audience, published "You said, we did" cards) is in demo.json beside this file."""

import json
from datetime import timedelta
from importlib.resources import files
from typing import Any

from flask import current_app

from surveys.builder import add_question, create_survey, find_survey_titled, open_survey
from surveys.kiosk import find_kiosk_session, open_kiosk_session, reopen_kiosk_session
from surveys.queries import KioskSession, Survey
from surveys.types import QuestionType, SourceGroup
from voice.db import db

DEMO: dict[str, Any] = json.loads(files("voice").joinpath("demo.json").read_text(encoding="utf-8"))
DEMO_SURVEY_TITLE: str = DEMO["survey"]["title"]
DEMO_KIOSK_CODE: str = DEMO["kiosk"]["code"]


class NotSeeded(Exception):
    """The database lacks what `voice seed` adds (the tracker's priorities)."""


def load_demo_survey() -> Survey:
    """An open easy-read survey for young people, with pictures, in all four languages."""
    survey = find_survey_titled(DEMO_SURVEY_TITLE)
    if survey is not None:
        return survey
    data = DEMO["survey"]
    survey = create_survey(
        title=DEMO_SURVEY_TITLE,
        audience=SourceGroup(data["audience"]),
        retention_days=data["retention_days"],
        title_wording=data["title_wording"],
        intro=data["intro"],
    )
    for question in data["questions"]:
        add_question(
            survey,
            kind=QuestionType[question["kind"]],
            picture=question.get("picture"),
            prompt=question["prompt"],
            options=[
                (option["wording"], option["picture"]) for option in question.get("options", [])
            ],
        )
    open_survey(survey, current_app.config["LANGUAGES"])
    return survey


def load_demo_kiosk(survey: Survey) -> KioskSession:
    kiosk = find_kiosk_session(DEMO_KIOSK_CODE)
    if kiosk is None:
        label = DEMO["kiosk"]["group_label"]
        kiosk = open_kiosk_session(survey, label, None, code=DEMO_KIOSK_CODE)
    reopen_kiosk_session(kiosk)
    return kiosk


def load_demo_data() -> None:
    from surveys.feedback import announce_feedback

    survey = load_demo_survey()
    load_demo_kiosk(survey)
    feedback_ids = load_demo_feedback()
    load_demo_you_said()
    load_demo_translations()
    db.session.commit()
    announce_feedback(feedback_ids)


def load_demo_you_said() -> None:
    """A few published statements and their actions, so the public page shows what a finished
    card looks like. Keyed by the statement summary, so loading twice adds nothing."""
    from themes.queries import theme_ids_with_slug
    from voice.tracker import actions, statements
    from voice.tracker.priorities import list_priorities
    from voice.tracker.types import ActionStatus, Organisation

    priorities = {p.slug: p for p in list_priorities()}
    if not priorities:
        raise NotSeeded("the tracker has no priorities")
    fallback = next(iter(priorities.values()))
    loaded = {statement.summary for statement in statements.list_statements()}
    for row in DEMO["you_said"]:
        if row["summary"] in loaded:
            continue
        loaded.add(row["summary"])
        priority = priorities.get(row["priority"], fallback)
        action = actions.create_action(
            priority_id=priority.id,
            title=row["title"],
            description=row["description"],
            easy_read_description=row["easy_description"],
            organisation=Organisation[row["organisation"]],
            lead="Demo lead",
            status=ActionStatus[row["status"]],
            status_reason="",
            starts_on=None,
            due_on=None,
            impact=row["impact"],
            by_id=None,
        )
        theme_ids = list(db.session.scalars(theme_ids_with_slug(row["theme"])))
        statement = statements.save_statement(
            None,
            summary=row["summary"],
            easy_read_summary=row["easy_summary"],
            theme_ids=theme_ids,
            action_ids=[action.id],
        )
        db.session.flush()
        statements.publish(statement, by_id=None)


def load_demo_feedback() -> list[int]:
    """A few dozen invented feedback items from each audience, so the All feedback list and
    the dashboard have something in them; returns the new ids. Keyed, so loading twice adds
    nothing."""
    from surveys.feedback import add_feedback_item, dedupe_keys_starting
    from surveys.feedback_forms import ensure_feedback_forms
    from surveys.types import Channel
    from voice.db import utcnow

    data = DEMO["feedback"]
    details = data["details"]
    # The standing "Tell us what you think" forms, which the demo form views are filed under.
    forms = ensure_feedback_forms()
    form_ids = {"parent_carer": forms["parent-carers"], "school": forms["schools"]}
    existing = dedupe_keys_starting("demo:")
    new_ids = []
    now = utcnow()
    for audience, views in data["views"].items():
        channels = data["channels"][audience]
        for number, text in enumerate(views):
            key = f"demo:{audience}:{number}"
            if key in existing:
                continue
            channel = Channel(channels[number % len(channels)])
            item = add_feedback_item(
                text=text,
                source_group=SourceGroup(audience),
                channel=channel,
                source_detail=details[number % len(details)],
                consent_to_quote=number % 3 != 0,
                dedupe_key=key,
                survey_id=form_ids.get(audience) if channel is Channel.FORM else None,
                # Spread over the last six months so date filters and trends show something.
                created_at=now - timedelta(days=(number * 7) % 180, hours=number),
            )
            new_ids.append(item.id)
    db.session.flush()
    return new_ids


# The demo's English fields and the keys of their translations in demo.json.
_ACTION_FIELDS = {
    "title": "title",
    "description": "description",
    "easy_read_description": "easy_description",
    "impact": "impact",
}
_STATEMENT_FIELDS = {"summary": "summary", "easy_read_summary": "easy_summary"}


def _translate_demo(record: object, name: str, texts: dict[str, str]) -> None:
    """Store a demo translation only where nothing is translated yet, so a translation staff
    changed stays as they left it."""
    from voice.content_translations.registry import kind_of
    from voice.content_translations.store import State, save_translation, state_of

    kind = kind_of(record)
    english = kind.english(record, name)
    chosen = {code: text for code, text in texts.items() if code != "en" and english.strip()}
    for language, text in chosen.items():
        if state_of(kind, record, name, language) is not State.DONE:
            save_translation(
                kind=kind,
                object_id=kind.object_id(record),
                name=name,
                language=language,
                text=text,
                english=english,
                by_id=None,
            )


def _demo_texts(row: dict[str, Any], key: str) -> dict[str, str]:
    found = row.get("translations", {}).items()
    return {language: texts[key] for language, texts in found if key in texts}


def load_demo_translations() -> None:
    """The demo cards, the demo group's name and the organisation's name in Welsh, Polish and
    Arabic, so the public pages show translated cards."""
    from voice.content_translations.organisation import organisation
    from voice.tracker.statements import list_statements

    # Newest first, so the oldest of any that share a summary is kept.
    by_summary = {statement.summary: statement for statement in list_statements()}
    for row in DEMO["you_said"]:
        statement = by_summary.get(row["summary"])
        if statement is None:
            continue
        for name, key in _STATEMENT_FIELDS.items():
            _translate_demo(statement, name, _demo_texts(row, key))
        for action in (a for a in statement.actions if a.title == row["title"]):
            for name, key in _ACTION_FIELDS.items():
                _translate_demo(action, name, _demo_texts(row, key))
    kiosk = find_kiosk_session(DEMO_KIOSK_CODE)
    if kiosk is not None:
        _translate_demo(kiosk, "group_label", DEMO["kiosk"]["group_label_translations"])
    names = DEMO["organisation_name"]
    if organisation().name == names["en"]:  # a deployment's own name is not the demo's
        _translate_demo(organisation(), "name", names)
    db.session.flush()
