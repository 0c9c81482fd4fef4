"""Screenshots of the young person's pages for the README, taken in Chromium with Playwright.

Run by hand after changing how those pages look:

    .venv/bin/python docs/screenshots.py

It builds the app on a throwaway SQLite database with the demo survey (listed for young
people), serves it on a free local port, and writes docs/screenshots/*.png. Chromium is Debian's
(/usr/bin/chromium, or CHROMIUM_PATH).
"""

import os
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
sys.path.insert(0, str(ROOT))

# (file, address, width, height): the demo survey's questions are 1 faces, 2 pictures,
# 3 yes / no / not sure, 4 multiple choice, 5 free text, 6 rating.
SHOTS = (
    ("home-easy-read.png", "/?lang=en&easy=1", 768, 900),
    ("faces-768.png", "/s/{survey}/questions/1?lang=en&easy=0", 768, 760),
    ("pictures-easy-read-768.png", "/s/{survey}/questions/2?lang=en&easy=1", 768, 1000),
    ("multiple-choice-arabic-320.png", "/s/{survey}/questions/4?lang=ar&easy=0", 320, 900),
    ("yes-no-welsh-1280.png", "/s/{survey}/questions/3?lang=cy&easy=1", 1280, 720),
    ("free-text-polish-768.png", "/s/{survey}/questions/5?lang=pl&easy=0", 768, 1000),
    ("rating-arabic-easy-read-768.png", "/s/{survey}/questions/6?lang=ar&easy=1", 768, 900),
)


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="voice-screenshots-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'voice.sqlite3'}"
    os.environ["CELERY_BROKER_URL"] = "memory://"

    from flask_migrate import upgrade
    from playwright.sync_api import sync_playwright
    from werkzeug.serving import make_server

    from voice.app import create_app
    from voice.cli import seed
    from voice.db import db
    from voice.demo import load_demo_data, load_demo_survey

    app = create_app()
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        seed()
        load_demo_data()
        survey = load_demo_survey()
        survey.listed = True
        survey_id = survey.id
        db.session.commit()

    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    OUT.mkdir(parents=True, exist_ok=True)
    chromium = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        for name, path, width, height in SHOTS:
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            if "{survey}" in path:  # answering needs answers in progress in this browser
                page.goto(f"{base}/s/{survey_id}")
                page.locator("main form button[type=submit]").click()
                page.wait_for_load_state()
            page.goto(base + path.format(survey=survey_id))
            page.wait_for_load_state("networkidle")
            cards = page.locator("main .voice-choice__label")
            if cards.count() > 2:  # show a chosen card too
                cards.nth(1).click()
            page.screenshot(path=str(OUT / name))
            context.close()
            size = (OUT / name).stat().st_size
            print(f"{name}: {size // 1024} KB", file=sys.stderr)  # noqa: T201
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
