"""100 tablets finishing a priority round at once, against gunicorn on PostgreSQL.

Uses its own PostgreSQL database (created if missing, then emptied and migrated) and its own
Redis database as the broker, never the shared ones:

    .venv/bin/python bench/rounds.py [--tablets 100] [--workers 4] [--threads 8]

Every tablet joins with the round's code, chooses three cards, writes why, and sends, all
starting together with no waiting; every tenth tablet sends its choices twice (a double tap /
retry). Stored must equal sent, with no duplicates. Prints progress, then one JSON object on
the last line.
"""

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from submit import (  # noqa: E402 - the survey bench's database, server and client
    CSRF,
    Tablet,
    all_at_once,
    counts,
    prepare,
    request_figures,
    start_gunicorn,
    tablet_arguments,
    together,
)

DEFAULT_DB = "postgresql+psycopg://postgres@127.0.0.1:5432/voice_rounds_bench"
DEFAULT_BROKER = "redis://127.0.0.1:6379/6"
CARD = re.compile(r'name="answer" type="checkbox" value="([^"]+)"')
HIDDEN = {
    name: re.compile(rf'name="{name}" type="hidden" value="([^"]*)"') for name in ("key", "cards")
}


def _make_round() -> str:
    """A round of five cards from the seeded codebook, open, with one tablet session."""
    from sqlalchemy import select

    from themes.models import Theme
    from voice.app import create_app
    from voice.db import db
    from voice.tracker.rounds import making, tablet

    app = create_app()
    with app.app_context():
        made = making.create_round(title="Bench round", by_id=None)
        pictures = ("wait", "school", "bus", "friends", "doctor")
        themes = db.session.scalars(select(Theme).order_by(Theme.id).limit(5))
        for theme, picture in zip(themes, pictures, strict=False):
            making.add_card(
                made,
                source_value=f"theme:{theme.id}",
                picture=picture,
                wording={"en": {"easy": theme.easy_read_name or theme.name}},
            )
        making.open_round(made)
        opened = tablet.open_round_session(
            made,
            group_label="Bench group",
            age_band="12-15",
            setting="youth_group",
            opened_by_id=None,
        )
        db.session.commit()
        return opened.code


def finish(
    device: Tablet, code: str, index: int, retry: bool, send: bool = True
) -> tuple[bool, int]:
    status, _text, start = device.request("GET", f"/join/{code}")
    assert status == 302, status
    status, _text, choose = device.request("GET", start)
    assert status == 302, status
    status, page, _ = device.request("GET", choose)
    token = next(g for g in CSRF.search(page).groups() if g)
    cards = CARD.findall(page)
    chosen = [cards[(index + step) % len(cards)] for step in range(3)]
    status, _text, why = device.request("POST", choose, {"csrf_token": token, "answer": chosen})
    assert status == 302, (status, _text[:200])
    status, page, _ = device.request("GET", why)
    form = {
        "csrf_token": token,
        "key": HIDDEN["key"].search(page).group(1),
        "cards": HIDDEN["cards"].search(page).group(1),
        "reason": f"Tablet {index}: these make the most difference to me",
    }
    if not send:
        return False, 0
    status, _text, _ = device.request("POST", "/round/send", form)
    sends = 1
    if retry:
        status, _text, _ = device.request("POST", "/round/send", form)
        sends += 1
    return status == 302, sends


def _run(port: int, code: str, count: int, server_pid: int) -> dict:
    devices = [Tablet(port) for _ in range(count)]
    print(f"{count} tablets start together", file=sys.stderr)
    results, errors, elapsed, server_cpu = all_at_once(
        count, lambda index: finish(devices[index], code, index, index % 10 == 9), server_pid
    )
    return {
        "seconds": round(elapsed, 2),
        "completed": sum(1 for ok, _sends in results if ok),
        **request_figures([t for device in devices for t in device.timings], elapsed, server_cpu),
        "final_sends": sum(sends for _ok, sends in results),
        "errors": errors[:5],
    }


def main() -> None:
    args = tablet_arguments(__doc__).parse_args()
    database, env = prepare(DEFAULT_DB, DEFAULT_BROKER)
    code = _make_round()
    gunicorn, port = start_gunicorn(env, args.workers, args.threads)
    try:
        together(
            [
                lambda i=i: finish(Tablet(port), code, i, False, False)
                for i in range(args.workers * 4)
            ]
        )
        figures = _run(port, code, args.tablets, gunicorn.pid)
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)

    stored, unique, choices, items = counts(
        database,
        "SELECT count(*) FROM tracker_round_ballots",
        "SELECT count(DISTINCT idempotency_key) FROM tracker_round_ballots",
        "SELECT count(*) FROM tracker_round_choices",
        "SELECT count(*) FROM feedback_items",
    )
    report = {
        "tablets": args.tablets,
        "gunicorn_workers": args.workers,
        "gunicorn_threads": args.threads,
        **figures,
        "sent": figures["completed"],
        "stored": stored,
        "duplicates": stored - unique,
        "choices_stored": choices,
        "reasons_stored_as_feedback_items": items,
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
