"""Nothing but the comment text gate (themes/comment_text.py) reads what people wrote.

DESIGN.md, "Who sees what of a comment": one module decides, for every place a comment's text
can appear. These checks fail the day a module or template reads the original or the redacted
words of a comment by itself, so the next page cannot leak."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GATE = ROOT / "themes" / "comment_text.py"
PACKAGES = ("voice", "surveys", "themes")
COMMENT_WORDS = {"original_text", "redacted_text"}


def _modules() -> list[Path]:
    return [path for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py"))]


def _reads(path: Path) -> list[str]:
    """Each place the module reads a comment's words: an attribute load, or a column named in
    a query. Writing them (a keyword argument, an assignment) is how comments are stored."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if (
            isinstance(node, ast.Attribute)
            and node.attr in COMMENT_WORDS
            and isinstance(node.ctx, ast.Load)
        ):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} reads .{node.attr}")
    return found


def test_only_the_gate_reads_comment_words_when_the_packages_are_scanned() -> None:
    reads = [read for path in _modules() if path != GATE for read in _reads(path)]
    assert reads == []


def test_the_gate_reads_both_originals_and_redacted_text_when_scanned() -> None:
    # The scan above would pass trivially if it looked at nothing.
    reads = _reads(GATE)
    assert any("original_text" in read for read in reads)
    assert any("redacted_text" in read for read in reads)


TEMPLATE_READ = re.compile(
    r"\b(?:item|feedback_item|view\.item|entry\.feedback_item|row|check\.item)\.text\b"
    r"|original_text|redacted_text"
)


def test_no_template_reads_comment_words_when_the_templates_are_scanned() -> None:
    templates = [path for package in PACKAGES for path in (ROOT / package).rglob("*.html")]
    assert templates
    reads = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in templates
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if TEMPLATE_READ.search(line)
    ]
    assert reads == []
