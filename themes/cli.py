"""`voice themes tag`, `evaluate` and `learning-curve`: JSON lines in and out, no writes."""

import json
from typing import IO

import click

from themes.tagger import Tagger
from themes.tagger.jsonl import evaluate_lines, tag_lines


def _current_tagger() -> Tagger:
    from themes.tagging import read_only_tagger

    return read_only_tagger()


@click.group("themes")
def themes_cli() -> None:
    """Tag and evaluate feedback text with the current codebook."""


@themes_cli.command("tag")
@click.argument("file", type=click.File("r", encoding="utf-8", lazy=False))
def tag_command(file: IO[str]) -> None:
    """Read lines {"id", "text"} from FILE ("-" for standard input); print one result a line."""
    tagger = _current_tagger()
    for line in tag_lines(file, tagger):
        click.echo(line)


@themes_cli.command("evaluate")
@click.argument("file", type=click.File("r", encoding="utf-8", lazy=False))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
def evaluate_command(file: IO[str], as_json: bool) -> None:
    """Read lines {"id", "text", "themes"} and print precision, recall and F1 per theme."""
    result = evaluate_lines(file, _current_tagger())
    if as_json:
        click.echo(json.dumps(result))
        return
    click.echo(f"{'theme':<20} {'precision':>9} {'recall':>7} {'f1':>6} {'support':>8}")
    for slug, row in result["per_theme"].items():
        click.echo(
            f"{slug:<20} {row['precision']:>9.3f} {row['recall']:>7.3f} {row['f1']:>6.3f} "
            f"{row['support']:>8}"
        )
    for name in ("micro", "macro"):
        row = result[name]
        click.echo(
            f"{name + ' average':<20} {row['precision']:>9.3f} {row['recall']:>7.3f} "
            f"{row['f1']:>6.3f}"
        )
    click.echo(f"items: {result['items']}  unreadable lines: {result.get('errors', 0)}")


@themes_cli.command("learning-curve")
@click.argument("file", type=click.File("r", encoding="utf-8", lazy=False))
@click.option("--folds", default=5, show_default=True, type=click.IntRange(2, 50))
@click.option("--steps", default="0,60,120,240", show_default=True, help="Reviewed items.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
def learning_curve_command(file: IO[str], folds: int, steps: str, as_json: bool) -> None:
    """Cross-validate learning from reviews on lines {"text", "themes", "source"}: for each
    fold, learn from N items of the others, as if staff had reviewed them, and score the
    held-out fold. When the lines have a "source", each fold holds whole sources."""
    from themes.tagger.crossval import read_labelled
    from themes.tagger.teaching import learning_curve

    try:
        numbers = [int(step) for step in steps.split(",") if step.strip()]
    except ValueError:
        raise click.BadParameter("give numbers separated by commas", param_hint="--steps") from None
    if any(number < 0 for number in numbers):
        raise click.BadParameter("give numbers of 0 or more", param_hint="--steps")
    lines = list(file)
    try:
        labelled = read_labelled(lines)
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise click.BadParameter(
            f'each line must be a JSON object with "text" and "themes" ({error})',
            param_hint="FILE",
        ) from None
    rows = [(row.text, set(row.themes)) for row in labelled]
    has_source = any(json.loads(line).get("source") for line in lines if line.strip())
    groups = [row.source for row in labelled] if has_source else None
    result = learning_curve(
        _current_tagger().codebook, rows, folds=folds, steps=numbers, groups=groups
    )
    if as_json:
        click.echo(json.dumps(result))
        return
    for point in result["points"]:
        click.echo(
            f"reviewed {point['reviewed']:>5}: micro-F1 {point['micro_f1']:.3f}, "
            f"macro-F1 {point['macro_f1']:.3f}"
        )
