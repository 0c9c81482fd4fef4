"""The `voice` command: every `flask` command plus Voice's own."""

import sys

import click
from flask import Flask
from flask.cli import FlaskGroup

from voice.accounts.models import Role
from voice.accounts.services import AccountError, create_user
from voice.db import db
from voice.health import check_health


def seed() -> None:
    """What `voice seed` adds: each package's rows every database needs, added only where
    missing. Migrations seed nothing."""
    from surveys.feedback_forms import ensure_feedback_forms
    from themes.codebook import ensure_codebook
    from voice.tracker.priorities import seed_priorities

    seed_priorities()
    ensure_codebook()
    ensure_feedback_forms()


def register_commands(app: Flask) -> None:
    @app.cli.command("create-user")
    @click.argument("email")
    @click.option("--name", default="", help="Full name (defaults to the part before the @).")
    @click.option(
        "--role",
        "roles",
        multiple=True,
        required=True,
        type=click.Choice([role.value for role in Role]),
        help="Repeat for several roles.",
    )
    @click.password_option(help="Prompted for, hidden, when not given.")
    def create_user_command(email: str, name: str, roles: tuple[str, ...], password: str) -> None:
        """Create a staff account, for example the first admin."""
        if len(password) < 12:
            raise click.BadParameter("use 12 characters or more", param_hint="password")
        try:
            create_user(
                email=email,
                name=name or email.split("@")[0],
                password=password,
                roles=[Role(value) for value in roles],
            )
        except AccountError as error:
            raise click.ClickException(f"an account for {email} already exists") from error
        db.session.commit()
        click.echo(f"Created {email} with roles: {', '.join(roles)}")

    @app.cli.command("seed")
    def seed_command() -> None:
        """Add the rows every database needs, where missing (safe to run again)."""
        seed()
        db.session.commit()
        click.echo("Seeded the tracker's priorities, the codebook and the standing feedback forms.")

    @app.cli.command("demo-data")
    def demo_data_command() -> None:
        """Load demo surveys and an open kiosk session (safe to run again; run seed first)."""
        from voice.demo import DEMO_KIOSK_CODE, NotSeeded, load_demo_data

        try:
            load_demo_data()
        except NotSeeded as missing:
            raise click.ClickException(f"{missing}: run `voice seed` first") from missing
        click.echo(f"Demo data loaded. Join the demo tablet session with code {DEMO_KIOSK_CODE}.")

    @app.cli.command("health")
    def health_command() -> None:
        """Say whether the database and the broker answer; exit 1 when one does not."""
        report = check_health()
        click.echo(f"database: {'ok' if report.database else 'FAILED'}")
        click.echo(f"broker: {'ok' if report.broker else 'FAILED'}")
        if not report.ok:
            sys.exit(1)


def _create_app() -> Flask:
    from voice.app import create_app

    return create_app()


def main() -> None:
    FlaskGroup(create_app=_create_app, help="Voice: manage and run the service.")()
