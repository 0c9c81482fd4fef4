"""Benchmark the theme tagger alone: speed, dev-set quality, cross-validated and held-out
quality, the learning curve and safeguarding recall.

Run from the repository root:  .venv/bin/python bench/tagging.py  [--items N]

Prints readable lines and ends with ONE JSON object on the last line holding every figure.
The dev set is read at run time from ../shared/data/themes_dev.jsonl (relative to the
repository) or $THEMES_DEV_PATH, and skipped with a message when absent.

Quality on comments the tagger has not seen: the dev set is split by source
(themes/tagger/crossval.py). A fixed fifth of the sources, chosen by a hash of their names,
is held out and was not looked at while the tagger was tuned; the rest is cross-validated
in five folds that each hold whole sources, the learned model trained on the other folds as
if staff had reviewed them.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from train_concern import cross_validated, figure_lines  # noqa: E402 - the safeguarding scorer's figures

from themes.tagger import Tagger, default_codebook  # noqa: E402
from themes.tagger.crossval import (  # noqa: E402
    cross_validate,
    held_out_figures,
    read_labelled,
    split_held_out,
)
from themes.tagger.jsonl import evaluate_lines  # noqa: E402
from themes.tagger.teaching import learning_curve  # noqa: E402

DEV_PATH = Path(os.environ.get("THEMES_DEV_PATH", ROOT.parent / "shared/data/themes_dev.jsonl"))
SAFEGUARDING_PATH = ROOT / "bench" / "safeguarding_set.jsonl"
# Written before the patterns were tuned and never used to tune them: an honest estimate.
SAFEGUARDING_HOLDOUT_PATH = ROOT / "bench" / "safeguarding_holdout.jsonl"
# Written blind by someone else (bench/safeguarding_blind.md); the issue 17 patterns were
# written from its folds 0-2 only, and the scorer is trained on it, so its honest figures
# come from bench/train_concern.py's cross-validation.
SAFEGUARDING_BLIND_PATH = ROOT / "bench" / "safeguarding_blind.jsonl"
# The final sealed test, written by someone else: scored here, never read by its authors and
# never printed, only counted ($SAFEGUARDING_SEALED_PATH points elsewhere, to try the code).
SAFEGUARDING_SEALED_PATH = Path(
    os.environ.get("SAFEGUARDING_SEALED_PATH", ROOT / "bench" / "safeguarding_sealed.jsonl")
)
# Ordinary SEND comments: every flag on them is a false flag unless the text really is a
# disclosure (the flagged texts are printed so a person can tell).
THEMES_BLIND_PATH = ROOT / "bench" / "themes_blind.jsonl"

# Fragments written for the benchmark; joined at random into comments of 5 to 60 words, so
# every timed item is different and nothing is served from a cache of whole texts.
_OPENINGS = (
    "My son",
    "Our daughter",
    "I",
    "We",
    "My child",
    "The young people",
    "He",
    "She",
    "Parents at our forum",
    "My little brother",
    "The SENCO",
    "Our family",
)
_MIDDLES = (
    "has been waiting two years for an autism assessment",
    "finally got speech and language therapy after a long wait",
    "loves the youth club on Fridays and has made new friends",
    "was excluded again because the school could not meet his needs",
    "needs a specialist school place but the panel said no",
    "has no transport to college since the taxi contract changed",
    "never gets listened to in the annual review",
    "could not find any information about short breaks on the Local Offer",
    "is really anxious and CAMHS closed the referral",
    "got a new wheelchair from the OT and it has changed everything",
    "has a great social worker who actually helps",
    "wants a job and to live independently one day",
    "is being bullied and feels lonely at lunchtime",
    "had the EHC plan finalised late and the provision is vague",
    "is happy at school now and the teachers understand him",
    "dont get no help and the appointmint was cancelled again",
    "enjoys swimming and the holiday scheme but it is too far away",
)
_ENDINGS = (
    "",
    "and it has been really hard.",
    "but things are getting better.",
    "which is not fair.",
    "and we are exhausted.",
    "Thank you for asking.",
    "Nobody tells us anything.",
    "It is brilliant.",
    "We are still waiting.",
)


def generate_items(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    items = []
    for number in range(count):
        parts = [rng.choice(_OPENINGS), rng.choice(_MIDDLES)]
        for _ in range(rng.randint(0, 2)):
            parts.append("and " + rng.choice(_MIDDLES))
        parts.append(rng.choice(_ENDINGS))
        items.append(f"{' '.join(p for p in parts if p)} ({number})")
    return items


def time_tagger(tagger: Tagger, items: list[str], repeats: int = 3) -> dict[str, float]:
    """Time tagging every item; the best of ``repeats`` runs, as other load only slows."""
    tagger.tag("warm up: load the lexicons before timing")
    best_wall = best_cpu = float("inf")
    for _ in range(repeats):
        wall_start, cpu_start = time.perf_counter(), time.process_time()
        for text in items:
            tagger.tag(text)
        best_wall = min(best_wall, time.perf_counter() - wall_start)
        best_cpu = min(best_cpu, time.process_time() - cpu_start)
    words = sum(len(text.split()) for text in items)
    return {
        "items": len(items),
        "mean_words": round(words / len(items), 1),
        "items_per_second_wall": round(len(items) / best_wall, 1),
        "items_per_second_cpu": round(len(items) / best_cpu, 1),
    }


def time_textblob(items: list[str], repeats: int = 3) -> dict[str, float]:
    """A bare TextBlob pass over the same items: a part-of-speech parse and the sentiment,
    the least a TextBlob tagger does; best CPU time of ``repeats`` runs. The warm-up loads
    both lexicons (the parser's and the sentiment's), as the tagger's warm-up does its own."""
    from textblob import TextBlob

    warm_up = TextBlob("warm up: load the lexicons before timing")
    warm_up.parse()
    _ = warm_up.sentiment
    best_cpu = float("inf")
    for _ in range(repeats):
        cpu_start = time.process_time()
        for text in items:
            blob = TextBlob(text)
            blob.parse()
            _ = blob.sentiment
        best_cpu = min(best_cpu, time.process_time() - cpu_start)
    return {"items": len(items), "items_per_second_cpu": round(len(items) / best_cpu, 1)}


def time_side_by_side(
    tagger: Tagger, items: list[str], repeats: int = 3
) -> tuple[dict[str, float], dict[str, float]]:
    """The tagger and the bare TextBlob pass over the same items, in turns: load on the machine
    comes and goes, and taking turns slows both alike rather than whichever ran second."""
    tagger_runs = []
    textblob_runs = []
    for _ in range(repeats):
        tagger_runs.append(time_tagger(tagger, items, repeats=1))
        textblob_runs.append(time_textblob(items, repeats=1))
    speed = max(tagger_runs, key=lambda run: run["items_per_second_cpu"])
    speed["items_per_second_wall"] = max(run["items_per_second_wall"] for run in tagger_runs)
    bare = max(textblob_runs, key=lambda run: run["items_per_second_cpu"])
    return speed, bare


def dev_quality(tagger: Tagger) -> dict[str, Any] | None:
    if not DEV_PATH.exists():
        print(f"dev set not found at {DEV_PATH}: skipping quality figures")
        return None
    with DEV_PATH.open(encoding="utf-8") as lines:
        result = evaluate_lines(lines, tagger)
    with DEV_PATH.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in lines if line.strip()]
    return {
        "micro_f1": round(result["micro"]["f1"], 3),
        "macro_f1": round(result["macro"]["f1"], 3),
        "micro_precision": round(result["micro"]["precision"], 3),
        "micro_recall": round(result["micro"]["recall"], 3),
        "items": result["items"],
        "per_theme_f1": {s: round(v["f1"], 3) for s, v in result["per_theme"].items()},
        "speed_on_dev_texts": time_tagger(tagger, texts * 10),
    }


def unseen_quality(folds: int = 5) -> dict[str, Any] | None:
    """Cross-validated-by-source figures on the tuning share, the held-out share's figures,
    and the learning curve over the whole dev set (folds by source)."""
    if not DEV_PATH.exists():
        return None
    codebook = default_codebook()
    rows = read_labelled(DEV_PATH.read_text(encoding="utf-8").splitlines())
    tuning, held = split_held_out(rows)
    curve = learning_curve(
        codebook,
        [(row.text, set(row.themes)) for row in rows],
        folds=folds,
        steps=(0, 20, 40, 60, 80),
        groups=[row.source for row in rows],
    )
    return {
        "cross_validated": cross_validate(codebook, tuning, folds=folds),
        "held_out": held_out_figures(codebook, tuning, held),
        "learning_curve": curve,
    }


def blind_quality(tagger: Tagger, folds: int = 5) -> dict[str, Any]:
    """The shipped tagger on bench/themes_blind.jsonl (320 comments written by someone who had
    not seen the signals or the dev file, 32 made-up sources), and the learning curve on it:
    five folds by source, the model learning from up to 240 reviewed comments of the others."""
    text = THEMES_BLIND_PATH.read_text(encoding="utf-8")
    result = evaluate_lines(text.splitlines(), tagger)
    rows = read_labelled(text.splitlines())
    curve = learning_curve(
        default_codebook(),
        [(row.text, set(row.themes)) for row in rows],
        folds=folds,
        steps=(0, 60, 120, 240),
        groups=[row.source for row in rows],
    )
    return {
        "items": result["items"],
        "micro_f1": round(result["micro"]["f1"], 3),
        "macro_f1": round(result["macro"]["f1"], 3),
        "micro_precision": round(result["micro"]["precision"], 3),
        "micro_recall": round(result["micro"]["recall"], 3),
        "per_theme_f1": {s: round(v["f1"], 3) for s, v in result["per_theme"].items()},
        "learning_curve": curve,
    }


def safeguarding_quality(
    tagger: Tagger, path: Path = SAFEGUARDING_PATH, key: str | None = "concerning"
) -> dict[str, Any]:
    """Recall and precision of the flag on a labelled file; ``key=None`` reads "flag" or
    "concerning", whichever a line has. Only counts are returned, never a sentence."""
    true_pos = false_pos = false_neg = total = 0
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            item = json.loads(line)
            truth = bool(item[key] if key else item.get("flag", item.get("concerning")))
            flagged = tagger.tag(item["text"]).safeguarding
            total += 1
            if flagged and truth:
                true_pos += 1
            elif flagged:
                false_pos += 1
            elif truth:
                false_neg += 1
    return {
        "items": total,
        "disclosures": true_pos + false_neg,
        "flagged": true_pos + false_pos,
        "missed": false_neg,
        "false_flags": false_pos,
        "recall": round(true_pos / max(1, true_pos + false_neg), 3),
        "precision": round(true_pos / max(1, true_pos + false_pos), 3),
    }


def ordinary_flags(tagger: Tagger, path: Path) -> dict[str, Any] | None:
    """How many ordinary comments the shipped tagger flags, with the flagged texts."""
    if not path.exists():
        print(f"{path.name} not found: skipping its false flags")
        return None
    with path.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in lines if line.strip()]
    results = [(text, tagger.tag(text)) for text in texts]
    flagged = [(text, r.safeguarding_reason) for text, r in results if r.safeguarding]
    return {
        "items": len(texts),
        "flagged": len(flagged),
        "rate": round(len(flagged) / max(1, len(texts)), 3),
        "flagged_texts": [{"text": text, "reason": reason} for text, reason in flagged],
    }


def safeguarding_figures(tagger: Tagger, figures: dict[str, Any]) -> None:
    """The blind set (shipped, and cross-validated), false flags on ordinary comments and
    the sealed set's counts, added to ``figures`` and printed."""
    blind = safeguarding_quality(tagger, SAFEGUARDING_BLIND_PATH, "flag")
    figures["safeguarding_blind_shipped"] = blind
    print(
        f"safeguarding blind set ({blind['items']} sentences), shipped tagger (its scorer was "
        f"trained on this set too): recall {blind['recall']:.3f}, precision "
        f"{blind['precision']:.3f}"
    )
    guard_cv = cross_validated()
    figures["safeguarding_cross_validated"] = guard_cv
    print(
        "safeguarding, patterns with the scorer trained without the fold or file it scores "
        f"(threshold {guard_cv['threshold']:.2f}):"
    )
    for line in figure_lines(guard_cv):
        print(f"  {line}")
    held = guard_cv["not_written_from"]
    both, alone = held["patterns_and_scorer"], held["patterns"]
    figures["safeguarding_blind_not_written_from"] = held
    print(
        f"  blind folds 3-4, not written from ({both['items']}: {both['disclosures']} "
        f"disclosures): recall {both['recall']:.3f}, precision {both['precision']:.3f} "
        f"(patterns alone {alone['recall']:.3f} / {alone['precision']:.3f})"
    )
    for name, path in (("themes_dev", DEV_PATH), ("themes_blind", THEMES_BLIND_PATH)):
        found = ordinary_flags(tagger, path)
        figures[f"safeguarding_false_flags_{name}"] = found
        if found is not None:
            print(
                f"ordinary comments flagged, {name}: {found['flagged']} of {found['items']} "
                f"({100 * found['rate']:.1f}%)"
            )
            for row in found["flagged_texts"]:
                print(f"    [{row['reason']}] {row['text']}")
    if SAFEGUARDING_SEALED_PATH.exists():
        sealed = safeguarding_quality(tagger, SAFEGUARDING_SEALED_PATH, None)
        figures["safeguarding_sealed"] = sealed
        print(
            f"safeguarding sealed set ({sealed['items']} sentences, {sealed['disclosures']} "
            f"disclosures): recall {sealed['recall']:.3f}, precision {sealed['precision']:.3f}; "
            f"{sealed['missed']} missed, {sealed['false_flags']} false flags"
        )
    else:
        figures["safeguarding_sealed"] = None
        print("safeguarding sealed set not found: skipped")


def full_pipeline() -> dict[str, Any] | None:
    """PLACE FOR THE LEAD: measure feedback item -> Celery task -> PostgreSQL rows here.

    Return a dict such as {"items_per_second": ...}; None means "not measured".
    """
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=5000, help="generated items to time")
    args = parser.parse_args()

    tagger = Tagger(default_codebook())
    figures: dict[str, Any] = {}

    speed, bare = time_side_by_side(tagger, generate_items(args.items))
    figures["speed_generated"] = speed
    print(
        f"tagger alone: {speed['items_per_second_cpu']:.0f} items/s of CPU time "
        f"({speed['items_per_second_wall']:.0f} wall), {speed['items']} generated items of "
        f"{speed['mean_words']} words on average"
    )
    bare["tagger_relative_speed"] = round(
        speed["items_per_second_cpu"] / bare["items_per_second_cpu"], 2
    )
    figures["textblob_parse_and_sentiment"] = bare
    print(
        f"bare TextBlob parse and sentiment: {bare['items_per_second_cpu']:.0f} items/s of CPU "
        f"time; the whole tagger runs at {bare['tagger_relative_speed']:.2f} of that"
    )

    dev = dev_quality(tagger)
    figures["dev"] = dev
    if dev is not None:
        print(
            f"dev set ({dev['items']} items, rules only): micro-F1 {dev['micro_f1']:.3f}, "
            f"macro-F1 {dev['macro_f1']:.3f}; "
            f"{dev['speed_on_dev_texts']['items_per_second_cpu']:.0f} items/s on dev texts"
        )

    unseen = unseen_quality()
    if unseen is not None:
        cv = unseen["cross_validated"]
        figures["cross_validated"] = cv
        print(
            f"cross-validated by source ({cv['items']} items of the tuning share, "
            f"{cv['folds']} folds of whole sources):"
        )
        for fold in cv["per_fold"]:
            print(
                f"  fold {fold['fold']} ({fold['items']} items, {fold['sources']} sources): "
                f"micro-F1 {fold['learned']['micro_f1']:.3f}, "
                f"macro-F1 {fold['learned']['macro_f1']:.3f}"
            )
        for name in ("rules", "learned"):
            row = cv[name]
            print(
                f"  {name}: mean micro-F1 {row['mean_micro_f1']:.3f}, mean macro-F1 "
                f"{row['mean_macro_f1']:.3f}; pooled micro-F1 {row['pooled']['micro_f1']:.3f}, "
                f"macro-F1 {row['pooled']['macro_f1']:.3f}"
            )
        held = unseen["held_out"]
        figures["held_out"] = held
        print(
            f"held-out share ({held['items']} items, {held['sources']} sources, never tuned on): "
            f"rules micro-F1 {held['rules']['micro_f1']:.3f}, macro-F1 "
            f"{held['rules']['macro_f1']:.3f}; with the learned model micro-F1 "
            f"{held['learned']['micro_f1']:.3f}, macro-F1 {held['learned']['macro_f1']:.3f}"
        )
        curve = unseen["learning_curve"]
        figures["learning_curve"] = curve
        print(
            "learning curve (whole dev set, folds by source): "
            + ", ".join(
                f"{p['reviewed']} reviewed -> {p['micro_f1']:.3f}/{p['macro_f1']:.3f}"
                for p in curve["points"]
            )
        )

    blind = blind_quality(tagger)
    figures["blind"] = blind
    print(
        f"blind set ({blind['items']} comments, never tuned on): micro-F1 {blind['micro_f1']:.3f}, "
        f"macro-F1 {blind['macro_f1']:.3f}; learning curve (folds by source): "
        + ", ".join(
            f"{p['reviewed']} reviewed -> {p['micro_f1']:.3f}/{p['macro_f1']:.3f}"
            for p in blind["learning_curve"]["points"]
        )
    )

    guard = safeguarding_quality(tagger)
    figures["safeguarding"] = guard
    print(
        f"safeguarding check set ({guard['items']} sentences): recall {guard['recall']:.3f}, "
        f"precision {guard['precision']:.3f}"
    )
    holdout = safeguarding_quality(tagger, SAFEGUARDING_HOLDOUT_PATH, "flag")
    figures["safeguarding_holdout"] = holdout
    print(
        f"safeguarding hold-out set ({holdout['items']} sentences): "
        f"recall {holdout['recall']:.3f}, precision {holdout['precision']:.3f}"
    )

    safeguarding_figures(tagger, figures)

    figures["full_pipeline"] = full_pipeline()
    print(json.dumps(figures, sort_keys=True))


if __name__ == "__main__":
    main()
