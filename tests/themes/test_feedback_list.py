"""The staff All feedback list: filters, paging and who may see it."""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape
from sqlalchemy import func, select, text

from surveys.models import FeedbackItem
from surveys.types import Channel, SourceGroup
from tests.factories import make_feedback_item
from themes import feedback
from themes import tagging as theme_tagging
from themes.comment_text import Viewer
from themes.models import ItemAnalysis
from themes.text_search import STOP_WORDS, search_words, stem
from voice.accounts.models import Role
from voice.db import db

LEAD = Viewer(user_id=None, roles=frozenset({Role.STRATEGY_LEAD}))


def shown(client: FlaskClient, query: str = "") -> str:
    response = client.get(f"/feedback{query}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def dated(app: Flask, text: str, days_ago: int, **fields: object) -> None:
    """A comment from that many days before 20 March 2026, tagged (so redacted) in-process."""
    with app.app_context():
        item = make_feedback_item(text=text, **fields)
        item.created_at = datetime(2026, 3, 20, 12, tzinfo=UTC) - timedelta(days=days_ago)
        theme_tagging.tag_items([item.id])
        db.session.commit()


def words(page: feedback.FeedbackPage) -> list[str]:
    return [page.texts[item.id].shown for item in page.items]


@pytest.fixture
def items(app: Flask) -> None:
    dated(
        app,
        "Parent says the bus is late",
        1,
        source_group=SourceGroup.PARENT_CARER,
        channel=Channel.FORM,
    )
    dated(
        app,
        "School says the EHC plan was late",
        10,
        source_group=SourceGroup.SCHOOL,
        channel=Channel.IMPORT,
    )
    dated(
        app,
        "Young person loved the youth club",
        40,
        source_group=SourceGroup.YOUNG_PERSON,
        channel=Channel.KIOSK,
    )


def test_every_item_is_listed_newest_first_when_no_filter_is_set(
    client: FlaskClient,
    login_as: Callable,
    items: None,
) -> None:
    login_as(Role.STRATEGY_LEAD)
    page = shown(client)
    assert "3 items match." in page
    assert page.index("bus is late") < page.index("EHC plan") < page.index("youth club")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?audience=school", "School says the EHC plan was late"),
        ("?channel=kiosk", "Young person loved the youth club"),
        ("?q=BUS", "Parent says the bus is late"),
        ("?date_from=15/3/2026", "Parent says the bus is late"),
        ("?date_from=2026-03-01&date_to=12/03/2026", "School says the EHC plan was late"),
    ],
)
def test_only_matching_items_are_listed_when_a_filter_is_set(
    client: FlaskClient,
    login_as: Callable,
    items: None,
    query: str,
    expected: str,
) -> None:
    login_as(Role.ADMIN)
    page = shown(client, query)
    assert "1 item matches." in page
    assert expected in page


def test_search_treats_percent_signs_as_text_when_someone_searches_for_them(
    app: Flask,
    client: FlaskClient,
    login_as: Callable,
    items: None,
) -> None:
    dated(app, "Only 50% of us got a reply", 2)
    login_as(Role.STRATEGY_LEAD)
    page = shown(client, "?q=50%25")
    assert "1 item matches." in page


def test_date_filter_shows_a_message_when_the_date_is_not_a_date(
    client: FlaskClient,
    login_as: Callable,
    items: None,
) -> None:
    login_as(Role.STRATEGY_LEAD)
    page = shown(client, "?date_from=soon")
    assert "<title>Error: " in page
    assert 'id="date_from-error"' in page
    assert "Enter a date like 27/3/2026" in page
    assert 'value="soon"' in page


def test_pages_move_older_and_back_when_there_are_more_items_than_fit(
    app: Flask,
    client: FlaskClient,
    login_as: Callable,
) -> None:
    for number in range(5):
        dated(app, f"Comment {number}", number)
    login_as(Role.STRATEGY_LEAD)
    with app.app_context():
        first = feedback.list_feedback(feedback.FeedbackFilters(), LEAD, page_size=2)
        assert words(first) == ["Comment 0", "Comment 1"]
        second = feedback.list_feedback(
            feedback.FeedbackFilters(), LEAD, after=first.next_cursor, page_size=2
        )
        assert words(second) == ["Comment 2", "Comment 3"]
        back = feedback.list_feedback(
            feedback.FeedbackFilters(), LEAD, before=second.previous_cursor, page_size=2
        )
        assert words(back) == ["Comment 0", "Comment 1"]
        assert back.previous_cursor is None
    assert 'rel="next"' not in shown(client)  # five fit on one page of fifty


def test_text_that_looks_like_markup_is_shown_as_text_when_listed(
    app: Flask,
    client: FlaskClient,
    login_as: Callable,
) -> None:
    dated(app, "<script>alert(1)</script> =cmd|' /C calc'!A0", 1)
    login_as(Role.STRATEGY_LEAD)
    page = shown(client)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page


@pytest.mark.parametrize("role", [Role.FORUM_REP, Role.SCHOOL_CONTACT, Role.FACILITATOR])
def test_all_feedback_is_refused_when_the_person_is_not_a_strategy_lead_or_admin(
    client: FlaskClient,
    login_as: Callable,
    role: Role,
) -> None:
    login_as(role)
    assert client.get("/feedback").status_code == 403


# --- Text search ------------------------------------------------------------------------------

WHEELCHAIR_COMMENTS = [
    "Wheelchair repairs take months",  # at the start, capitalised
    "The WHEELCHAIR service never rings back",  # in the middle, upper case
    "We are still waiting for a new wheelchair.",  # at the end, before a full stop
]


@pytest.fixture
def wheelchair_items(app: Flask) -> None:
    for days_ago, comment in enumerate(WHEELCHAIR_COMMENTS):
        dated(app, comment, days_ago + 1, source_group=SourceGroup.PARENT_CARER)
    dated(app, "The chair of the panel listened", 5)  # a different, shorter word
    dated(app, "Pushchairs do not fit on the school bus", 6)
    dated(app, "Nothing about that here", 7)


def test_search_finds_a_word_anywhere_in_a_comment_whatever_its_case_when_searched(
    client: FlaskClient,
    login_as: Callable,
    wheelchair_items: None,
) -> None:
    login_as(Role.STRATEGY_LEAD)
    for query in ("wheelchair", "Wheelchair", "WHEELCHAIR", "  wheelChair  "):
        page = shown(client, f"?q={query}")
        assert "3 items match." in page, query
        for comment in WHEELCHAIR_COMMENTS:
            assert comment in page


def test_search_ignores_case_in_other_alphabets_when_the_comment_is_not_english(
    app: Flask,
    client: FlaskClient,
    login_as: Callable,
) -> None:
    dated(app, "ŁÓDŹ: czekamy ZBYT DŁUGO na terapię", 1, language="pl")
    dated(app, "ننتظر طويلا جدا", 2, language="ar")
    login_as(Role.STRATEGY_LEAD)
    assert "1 item matches." in shown(client, "?q=długo")
    assert "1 item matches." in shown(client, "?q=Łódź")
    assert "1 item matches." in shown(client, "?q=طويلا")


def test_search_matches_whole_words_and_their_other_forms_when_searched(
    app: Flask,
    client: FlaskClient,
    login_as: Callable,
    wheelchair_items: None,
) -> None:
    dated(app, "Two wheelchairs were broken", 8)
    dated(app, "My daughter was bullied at school", 9)
    login_as(Role.STRATEGY_LEAD)
    page = shown(client, "?q=chair")
    assert "1 item matches." in page  # not "wheelchair", not "pushchairs"
    assert "The chair of the panel" in page
    assert "4 items match." in shown(client, "?q=wheelchair")  # and "wheelchairs"
    assert "Two wheelchairs were broken" in shown(client, "?q=wheelchair")
    assert "bullied at school" in shown(client, "?q=bullying")
    assert "1 item matches." in shown(client, "?q=waited+wheelchair")  # every word must be there
    assert "0 items match." in shown(client, "?q=wheelchair+bullying")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("wheelchair & | ! : <->", 3),
        ("'wheelchair'", 3),
        ('"wheelchair', 3),
        ("wheelchair:*", 3),
        ("!wheelchair", 3),
        ("-wheelchair", 3),
        ("wheelchair%", 3),
        ("wheelchair <-> service", 1),
        ("wheelchair | bus", 0),  # every word must be there: | is not "or"
        ("wheel_chair", 0),  # two words, and no comment has "wheel"
        ("'; DROP TABLE feedback_items; --", 0),
    ],
)
def test_search_treats_search_operators_as_plain_text_when_typed_with_words(
    app: Flask,
    client: FlaskClient,
    login_as: Callable,
    wheelchair_items: None,
    query: str,
    expected: int,
) -> None:
    login_as(Role.STRATEGY_LEAD)
    response = client.get("/feedback", query_string={"q": query})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "<title>Error: " not in page
    assert f'value="{escape(query)}"' in page  # kept in the box to change
    assert (f"{expected} items match." if expected != 1 else "1 item matches.") in page
    assert 'data-testid="search-advice"' not in page
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(FeedbackItem)) == 6


@pytest.mark.parametrize(
    "query",
    [
        "%",
        "_",
        "%_%",
        "'",
        '"',
        "\\",
        "&",
        "|",
        "!",
        ":",
        "<->",
        ":*",
        "(",
        "!!",
        "the",
        "a:*",
        "and | or & not",
    ],
)
def test_search_explains_itself_when_it_has_only_punctuation_or_common_words(
    client: FlaskClient,
    login_as: Callable,
    wheelchair_items: None,
    query: str,
) -> None:
    login_as(Role.STRATEGY_LEAD)
    response = client.get("/feedback", query_string={"q": query})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "0 items match." in page
    assert 'data-testid="search-advice"' in page
    assert "Search for a more specific word." in page


def test_search_combines_with_the_other_filters_and_pages_when_both_are_set(
    app: Flask,
    client: FlaskClient,
    login_as: Callable,
) -> None:
    for number in range(7):
        dated(
            app,
            f"Comment {number} about short breaks",
            number,
            source_group=SourceGroup.SCHOOL if number % 2 else SourceGroup.PARENT_CARER,
            channel=Channel.IMPORT,
        )
        dated(app, f"Comment {number} about transport", number, source_group=SourceGroup.SCHOOL)
    filters = feedback.FeedbackFilters(
        text="BREAK", source_group=SourceGroup.SCHOOL, channel=Channel.IMPORT
    )
    with app.app_context():
        first = feedback.list_feedback(filters, LEAD, page_size=2)
        assert words(first) == [
            "Comment 1 about short breaks",
            "Comment 3 about short breaks",
        ]
        assert first.count == 3
        second = feedback.list_feedback(filters, LEAD, after=first.next_cursor, page_size=2)
        assert words(second) == ["Comment 5 about short breaks"]
        assert second.next_cursor is None
        back = feedback.list_feedback(filters, LEAD, before=second.previous_cursor, page_size=2)
        assert words(back) == words(first)
        dated_filters = feedback.FeedbackFilters(
            text="breaks", date_from=datetime(2026, 3, 16, tzinfo=UTC)
        )
        shown_texts = words(feedback.list_feedback(dated_filters, LEAD))
        assert shown_texts == [f"Comment {n} about short breaks" for n in range(5)]
    login_as(Role.STRATEGY_LEAD)
    page = shown(client, "?q=breaks&audience=school&channel=import")
    assert "3 items match." in page
    assert "transport" not in page


def test_search_finds_a_word_among_many_longer_comments_when_it_is_rare(
    app: Flask,
    client: FlaskClient,
    login_as: Callable,
) -> None:
    with app.app_context():
        db.session.add_all(
            FeedbackItem(
                original_text=f"We waited a long time for speech and language therapy ({n})",
                source_group=SourceGroup.PARENT_CARER,
                channel=Channel.KIOSK,
                created_at=datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=n),
            )
            for n in range(300)
        )
        db.session.flush()
        db.session.add_all(
            ItemAnalysis(item_id=item_id, redacted_text=words)
            for item_id, words in db.session.execute(
                select(FeedbackItem.id, FeedbackItem.original_text)
            )
        )
        db.session.commit()
    dated(app, "Short breaks were cut (rare)", 400)
    login_as(Role.STRATEGY_LEAD)
    page = shown(client, "?q=cut")
    assert "1 item matches." in page
    assert "Short breaks were cut" in page
    assert "300 items match." in shown(client, "?q=therapy+waiting")


def test_search_words_leave_out_punctuation_and_common_words_when_split() -> None:
    assert search_words("The WHEELCHAIR & the Wheelchair's <-> 50% re-pair!") == [
        "WHEELCHAIR",
        "50",
        "re",
        "pair",
    ]
    assert search_words("and | or & not") == []


def test_search_uses_the_word_index_when_the_database_is_postgresql(app: Flask) -> None:
    """The query must use exactly the indexed expression, also in a prepared statement's
    generic plan, and the stop words and stems must be PostgreSQL's own."""
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("the word index is PostgreSQL's")
        query = feedback._filtered(
            select(FeedbackItem.id), feedback.FeedbackFilters(text="wheelchairs"), LEAD
        )
        compiled = query.compile(dialect=db.engine.dialect)
        with db.engine.connect() as connection:
            connection.exec_driver_sql("SET enable_seqscan = off")
            connection.exec_driver_sql("SET plan_cache_mode = force_generic_plan")
            plan = connection.exec_driver_sql(f"EXPLAIN {compiled}", compiled.params).all()
            assert "ix_item_analyses_redacted_search" in " ".join(row[0] for row in plan)
            kept = connection.scalar(
                text("SELECT to_tsvector('english', :words)::text"),
                {"words": " ".join(sorted(STOP_WORDS))},
            )
            assert kept == ""
            sample = "wheelchairs bullied bullying happiness caring hoping waited therapies"
            lexemes = connection.scalar(
                text("SELECT array_to_string(tsvector_to_array(to_tsvector('english', :w)), ' ')"),
                {"w": sample},
            )
            assert set(lexemes.split()) == {stem(word) for word in sample.split()}


def test_only_comments_with_a_label_are_listed_when_its_tag_is_followed(
    app: Flask, client: FlaskClient, login_as: Callable, items: None
) -> None:
    from surveys.feedback import add_labels

    dated(app, "Still waiting, nothing changed", 2, source_group=SourceGroup.PARENT_CARER)
    with app.app_context():
        said = db.session.scalar(select(func.max(FeedbackItem.id)))
        assert said is not None
        add_labels(said, ["card-verdict"])
        db.session.commit()
    login_as(Role.STRATEGY_LEAD)
    page = shown(client)
    assert "4 items match." in page
    assert 'href="/feedback?label=card-verdict"' in page
    labelled = shown(client, "?label=card-verdict")
    assert "1 item matches." in labelled
    assert "Still waiting, nothing changed" in labelled
    assert "bus is late" not in labelled
    assert "Only comments labelled card-verdict." in labelled
    # The other filters keep the label when used.
    assert '<input type="hidden" name="label" value="card-verdict">' in labelled
    assert "0 items match." in shown(client, "?label=card-verdict&audience=school")
    assert "0 items match." in shown(client, "?label=no-such-label")
