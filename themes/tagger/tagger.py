"""The theme tagger: codebook rules, an optional learned model, sentiment, key phrases,
a safeguarding flag and a redacted copy of the text, in one pass over each item."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from . import safeguarding
from .codebook import Codebook
from .concern import ConcernModel, concern_reason, default_model
from .learned import LearnedModel
from .phrases import noun_phrases
from .redaction import known_names, redact
from .sentiment import DOMAIN, assessments, label, lack_assessment, mean
from .spelling import Speller
from .text import (
    OPTIONAL_WORDS,
    STOPWORDS,
    content_keys,
    fold,
    is_negation,
    split_sentences,
    tokenize,
    word_key,
    word_list,
)

NUMBER_WORDS = frozenset(
    word_list("""one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty hundred
    hundreds few several many couple dozen""")
)
_CONTRAST = frozenset({"but", "however", "although", "though", "whereas", "except", "yet"})
_LACK_WORDS = frozenset({"lack", "lacking", "shortage", "without", "absence"})
_LACK_SKIP = frozenset({"enough", "any", "proper", "real", "more", "much", "support", "help"})
_SERVICE_THEMES = frozenset({"speech-language", "mental-health", "health-therapies", "social-care"})
_PROCESS_THEMES = frozenset({"ehc-plans", "school-places"})

STRONG_WORD = 0.8
STRONG_PHRASE = 0.9
WEAK = 0.3
THRESHOLD = 0.5
MAX_PHRASE_TOKENS = 120
MAX_KEY_PHRASES = 12


@dataclass(frozen=True)
class ThemeHit:
    slug: str
    confidence: float
    evidence: tuple[str, ...]
    # Mean sentiment of the clauses where the evidence was found: "no problems with
    # transport" is a transport hit with a positive score, "no transport" a negative one.
    sentiment: float = 0.0


@dataclass(frozen=True)
class TagResult:
    themes: tuple[ThemeHit, ...]
    sentiment: float
    sentiment_label: str
    key_phrases: tuple[str, ...]
    safeguarding: bool
    safeguarding_reason: str | None
    redacted: str

    @property
    def slugs(self) -> tuple[str, ...]:
        return tuple(hit.slug for hit in self.themes)

    def confidence(self) -> dict[str, float]:
        return {hit.slug: hit.confidence for hit in self.themes}


@dataclass(frozen=True)
class _Signal:
    keys: tuple[str, ...]
    gaps: bool
    theme: int
    weight: float
    negative: bool  # a not_signal
    text: str
    problem: bool  # the signal names a problem ("bullying"), not a service ("transport")


@dataclass
class _Sentence:
    tokens: list[str]
    words: list[str] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    stop: list[bool] = field(default_factory=list)
    number: list[bool] = field(default_factory=list)
    source: list[int] = field(default_factory=list)  # word index -> token index
    clause: list[int] = field(default_factory=list)  # word index -> clause number
    token_words: list[str] = field(default_factory=list)  # corrected text of each token


def _signal_keys(phrase: str) -> tuple[tuple[str, ...], bool]:
    words = fold(phrase).lower().replace("-", " ").replace("&", " and ").split()
    words = [w.strip('.,;:!?"()') for w in words]
    words = [w for w in words if w]
    content = [w for w in words if w not in STOPWORDS]
    if len(content) >= 2:
        # Articles are optional, and the text may have a few extra small words in between.
        kept = [w for w in words if w not in OPTIONAL_WORDS]
        return tuple("#" if w == "#" else word_key(w) for w in kept), True
    return tuple("#" if w == "#" else word_key(w) for w in words), False


_Starting = tuple[tuple[_Signal, ...], dict[str, tuple[_Signal, ...]]]


class _Compiled:
    def __init__(self, codebook: Codebook) -> None:
        # The lookup used while matching, one per word that starts a signal: the one-word
        # signals it is, and the longer signals it starts by their second word, so each
        # position costs one lookup and only tries signals whose second word is close by.
        singles: dict[str, list[_Signal]] = {}
        pairs: dict[str, dict[str, list[_Signal]]] = {}
        vocabulary: set[str] = set()
        for number, theme in enumerate(codebook.themes):
            groups = (
                (theme.signals, False, False),
                (theme.weak_signals, True, False),
                (theme.not_signals, False, True),
            )
            for phrases, weak, negative in groups:
                for phrase in phrases:
                    keys, gaps = _signal_keys(phrase)
                    if not keys:
                        continue
                    strong = STRONG_PHRASE if len(keys) > 1 else STRONG_WORD
                    weight = WEAK if weak else strong
                    head = phrase.lower().split()
                    problem = any(DOMAIN.get(w, 0.0) < 0 for w in head)
                    signal = _Signal(keys, gaps, number, weight, negative, phrase, problem)
                    if len(keys) == 1:
                        singles.setdefault(keys[0], []).append(signal)
                    else:
                        pairs.setdefault(keys[0], {}).setdefault(keys[1], []).append(signal)
                    vocabulary.update(w for w in phrase.lower().replace("-", " ").split())
        self.vocabulary = vocabulary
        self.starting: dict[str, _Starting] = {
            first: (
                tuple(singles.get(first, ())),
                {second: tuple(found) for second, found in pairs.get(first, {}).items()},
            )
            for first in singles.keys() | pairs.keys()
        }


def _match_end(signal: _Signal, sentence: _Sentence, start: int) -> int | None:
    keys, stop, number = sentence.keys, sentence.stop, sentence.number
    n = len(keys)
    p = start + 1
    for want in signal.keys[1:]:
        if signal.gaps:
            skipped = 0
            while p < n and stop[p] and keys[p] != want and skipped < 3:
                p += 1
                skipped += 1
        if p < n and (keys[p] == want or (want == "#" and number[p])):
            p += 1
        else:
            return None
    return p


def _match_longer(
    by_second: dict[str, tuple[_Signal, ...]],
    sentence: _Sentence,
    i: int,
    matches: list[tuple[_Signal, int, int]],
) -> None:
    """Add the signals of more than one word that start at word ``i``."""
    keys, numbers = sentence.keys, sentence.number
    tried: set[int] = set()
    for j in range(i + 1, min(len(keys), i + 5)):
        candidates = by_second.get(keys[j], ())
        if numbers[j]:
            candidates += by_second.get("#", ())
        for signal in candidates:
            if id(signal) in tried:
                continue
            tried.add(id(signal))
            end = _match_end(signal, sentence, i)
            if end is not None:
                matches.append((signal, i, end))


class Tagger:
    """Tag feedback text with the themes of a codebook; see :meth:`tag`."""

    def __init__(
        self,
        codebook: Codebook,
        model: LearnedModel | None = None,
        *,
        key_phrases: bool = True,
        concern: ConcernModel | bool = True,
    ) -> None:
        self.codebook = codebook
        self.model = model
        self.key_phrases = key_phrases
        # The learned second opinion on safeguarding (True: the shipped one, False: none).
        self.concern = (
            concern if isinstance(concern, ConcernModel) else default_model() if concern else None
        )
        self._compiled = _Compiled(codebook)
        self._slugs = codebook.slugs
        self._speller = Speller(
            self._compiled.vocabulary | _SAFEGUARDING_WORDS, protected=known_names()
        )
        self._tokens: dict[str, tuple[str, tuple[tuple[str, str, bool, bool], ...]]] = {}

    # -- public ---------------------------------------------------------------------------

    def tag(self, text: str) -> TagResult:
        """Return themes, sentiment, key phrases, safeguarding flag and redacted text."""
        if not isinstance(text, str):
            text = "" if text is None else str(text)
        sentences = [self._prepare(s) for s in split_sentences(fold(text))]
        sentences = [s for s in sentences if s.words]

        clause_scores, clause_of_sentence, all_scores = self._sentiment(sentences)
        themes = self._themes(sentences, clause_scores, clause_of_sentence, all_scores)
        overall = max(-1.0, min(1.0, mean(all_scores)))
        scored = [s for s, has in clause_scores if has]
        reason = safeguarding.assess(" ".join(s.words) for s in sentences)
        if reason is None and self.concern is not None:
            plain = safeguarding.without_idioms(text)
            if self.concern.concerning(plain):
                reason = concern_reason(self.concern.top_words(plain))
        redacted = redact(text)
        phrases: tuple[str, ...] = ()
        if self.key_phrases:
            # Key phrases are shown to staff, so they come from the redacted words: "oak road"
            # or "sam taylor" never becomes one. Most comments hold no personal details and
            # keep the sentences already prepared.
            if redacted != text:
                sentences = [self._prepare(s) for s in split_sentences(fold(_gaps(redacted)))]
                sentences = [s for s in sentences if s.words]
            phrases = self._phrases(sentences)
        return TagResult(
            themes=themes,
            sentiment=round(overall, 3),
            sentiment_label=label(overall, scored),
            key_phrases=phrases,
            safeguarding=reason is not None,
            safeguarding_reason=reason,
            redacted=redacted,
        )

    def tag_many(self, texts: Iterable[str]) -> list[TagResult]:
        return [self.tag(text) for text in texts]

    # -- steps ----------------------------------------------------------------------------

    def _analyse_token(self, token: str) -> tuple[str, tuple[tuple[str, str, bool, bool], ...]]:
        lowered = token.lower()
        corrected = "and" if lowered == "&" else self._speller.correct(lowered)
        parts = tuple(
            (word, word_key(word), word in STOPWORDS, word.isdigit() or word in NUMBER_WORDS)
            for word in corrected.replace("-", " ").split()
        )
        return corrected, parts

    def _prepare(self, raw: str) -> _Sentence:
        tokens = tokenize(raw)
        cache = self._tokens
        analysed = []
        for token in tokens:
            found = cache.get(token)
            if found is None:
                found = self._analyse_token(token)
                if len(cache) < 200_000:
                    cache[token] = found
            analysed.append(found)
        parts = [part for _corrected, token_parts in analysed for part in token_parts]
        words = [part[0] for part in parts]
        if _CONTRAST.isdisjoint(words):
            clauses = [0] * len(words)
        else:
            clauses = []
            clause = 0
            for position, word in enumerate(words):
                if word in _CONTRAST and position:
                    clause += 1
                clauses.append(clause)
        return _Sentence(
            tokens=tokens,
            words=words,
            keys=[part[1] for part in parts],
            stop=[part[2] for part in parts],
            number=[part[3] for part in parts],
            source=[
                index
                for index, (_corrected, token_parts) in enumerate(analysed)
                for _ in token_parts
            ],
            clause=clauses,
            token_words=[corrected for corrected, _parts in analysed],
        )

    def _sentiment(
        self, sentences: Sequence[_Sentence]
    ) -> tuple[list[tuple[float, bool]], list[int], list[float]]:
        clause_scores: list[tuple[float, bool]] = []
        first_clause: list[int] = []
        all_scores: list[float] = []
        for sentence in sentences:
            first_clause.append(len(clause_scores))
            count = sentence.clause[-1] + 1
            for number in range(count):
                if count == 1:
                    words = sentence.words
                else:
                    words = [
                        w
                        for w, c in zip(sentence.words, sentence.clause, strict=True)
                        if c == number
                    ]
                found = assessments(words) if words else []
                all_scores.extend(found)
                clause_scores.append((mean(found), bool(found)))
        return clause_scores, first_clause, all_scores

    def _themes(
        self,
        sentences: Sequence[_Sentence],
        clause_scores: list[tuple[float, bool]],
        first_clause: list[int],
        all_scores: list[float],
    ) -> tuple[ThemeHit, ...]:
        weights: dict[int, dict[str, float]] = {}
        evidence: dict[int, list[str]] = {}
        clauses: dict[int, set[int]] = {}
        for number, sentence in enumerate(sentences):
            matches = self._match(sentence)
            if not matches:
                continue
            for signal, start, end in self._filter(matches):
                theme = signal.theme
                bucket = weights.setdefault(theme, {})
                name = " ".join(sentence.keys[start:end])
                if bucket.get(name, 0.0) < signal.weight:
                    bucket[name] = signal.weight
                first, last = sentence.source[start], sentence.source[end - 1]
                shown = " ".join(sentence.tokens[first : last + 1]).lower()
                found = evidence.setdefault(theme, [])
                if shown not in found:
                    found.append(shown)
                clause = first_clause[number] + sentence.clause[start]
                clauses.setdefault(theme, set()).add(clause)
                if signal.weight > WEAK and not signal.problem and self._lacking(sentence, start):
                    # "no transport", "lack of respite": a complaint about a missing service.
                    score, _has = clause_scores[clause]
                    clause_scores[clause] = (min(score, 0.0) + lack_assessment(), True)
                    all_scores.append(lack_assessment())

        confidence, partial = self._score(weights)
        self._apply_conventions(confidence)
        extra_evidence: dict[str, tuple[str, ...]] = {}
        if self.model is not None:
            shown_by_slug = {self._slugs[number]: shown for number, shown in evidence.items()}
            self._apply_model(
                self.model, sentences, confidence, partial, extra_evidence, shown_by_slug
            )

        hits = []
        for number, slug in enumerate(self._slugs):
            if slug not in confidence:
                continue
            found_clauses = clauses.get(number, set())
            scores = [clause_scores[c][0] for c in found_clauses if clause_scores[c][1]]
            hits.append(
                ThemeHit(
                    slug=slug,
                    confidence=round(confidence[slug], 3),
                    evidence=tuple(evidence.get(number, ())) + extra_evidence.get(slug, ()),
                    sentiment=round(mean(scores), 3),
                )
            )
        hits.sort(key=lambda hit: -hit.confidence)
        return tuple(hits)

    def _score(
        self, weights: dict[int, dict[str, float]]
    ) -> tuple[dict[str, float], dict[str, float]]:
        """Combine each theme's distinct signals (noisy-or); split firm from partial."""
        confidence: dict[str, float] = {}
        partial: dict[str, float] = {}
        for theme, bucket in weights.items():
            remaining = 1.0
            for weight in bucket.values():
                remaining *= 1.0 - weight
            value = 1.0 - remaining
            if value >= THRESHOLD:
                confidence[self._slugs[theme]] = value
            else:
                partial[self._slugs[theme]] = value
        return confidence, partial

    def _match(self, sentence: _Sentence) -> list[tuple[_Signal, int, int]]:
        starting = self._compiled.starting
        keys, numbers = sentence.keys, sentence.number
        matches: list[tuple[_Signal, int, int]] = []
        # Most words start no signal; the others are found first, without a loop of our own.
        for i in [i for i, key in enumerate(keys) if key in starting or numbers[i]]:
            key = keys[i]
            for first in (key, "#") if numbers[i] else (key,):
                entry = starting.get(first)
                if entry is None:
                    continue
                found, by_second = entry
                if found:
                    matches.extend([(signal, i, i + 1) for signal in found])
                # A longer signal needs its second word among the next four words.
                if by_second and (
                    not by_second.keys().isdisjoint(keys[i + 1 : i + 5])
                    or ("#" in by_second and True in numbers[i + 1 : i + 5])
                ):
                    _match_longer(by_second, sentence, i, matches)
        return matches

    @staticmethod
    def _filter(matches: list[tuple[_Signal, int, int]]) -> list[tuple[_Signal, int, int]]:
        positive = [m for m in matches if not m[0].negative]
        if len(positive) < len(matches):
            negative = [m for m in matches if m[0].negative]
            blocked = {(signal.theme, k) for signal, s, e in negative for k in range(s, e)}
            themes = {signal.theme for signal, _s, _e in negative}
            positive = [
                (signal, s, e)
                for signal, s, e in positive
                if signal.theme not in themes
                or not any((signal.theme, k) in blocked for k in range(s, e))
            ]
        longer = {(s, e) for _signal, s, e in positive if e - s > 1}
        if not longer:
            return positive
        # A match inside a longer match is dropped: "school" inside "special school",
        # "therapy" inside "speech and language therapy", "health" inside "mental health".
        # A match inside one that is dropped is also inside the match that dropped it, so each
        # distinct span is only checked against the spans longer than one word.
        spans = {(s, e) for _signal, s, e in positive}
        inside = {
            (s, e)
            for s, e in spans
            if any(ks <= s and e <= ke and (ke - ks) > (e - s) for ks, ke in longer)
        }
        positive.sort(key=lambda m: m[1] - m[2])
        if not inside:
            return positive
        return [m for m in positive if (m[1], m[2]) not in inside]

    @staticmethod
    def _lacking(sentence: _Sentence, start: int) -> bool:
        j = start - 1
        skipped = 0
        while j >= 0 and skipped < 3:
            word = sentence.words[j]
            if is_negation(word) or word in _LACK_WORDS:
                return True
            if word in STOPWORDS or word in _LACK_SKIP:
                j -= 1
                skipped += 1
                continue
            return False
        return False

    @staticmethod
    def _apply_conventions(confidence: dict[str, float]) -> None:
        # Labelling conventions of the default codebook: delays in the EHC process and waits
        # for a school place belong to those themes alone, unless a service is named too.
        if "waiting-times" not in confidence:
            return
        if confidence.keys() & _PROCESS_THEMES and not confidence.keys() & _SERVICE_THEMES:
            del confidence["waiting-times"]

    def _apply_model(
        self,
        model: LearnedModel,
        sentences: Sequence[_Sentence],
        confidence: dict[str, float],
        partial: dict[str, float],
        extra_evidence: dict[str, tuple[str, ...]],
        found: dict[str, list[str]],
    ) -> None:
        words = content_keys(w for s in sentences for w in s.words)
        if not words:
            return
        for slug in list(confidence):
            demoted = model.demoted(slug)
            shown = found.get(slug, [])
            # Reviews taught that these signals alone do not make the theme.
            only_demoted = bool(demoted and shown) and all(signal in demoted for signal in shown)
            if only_demoted and (not model.trusted(slug) or model.probability(words, slug) < 0.5):
                del confidence[slug]
        for slug in self._slugs:
            if not model.trusted(slug):
                continue
            probability = model.probability(words, slug)
            if slug in confidence:
                confidence[slug] = max(confidence[slug], min(probability, 0.99))
                continue
            weak_rules = partial.get(slug, 0.0) > 0.0
            if probability >= model.add_threshold or (
                weak_rules and probability >= model.support_threshold
            ):
                confidence[slug] = max(partial.get(slug, 0.0), min(probability, 0.99) * 0.9)
                extra_evidence[slug] = model.evidence(words, slug)

    def _phrases(self, sentences: Sequence[_Sentence]) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        budget = MAX_PHRASE_TOKENS
        for sentence in sentences:
            if budget <= 0 or len(seen) >= MAX_KEY_PHRASES:
                break
            tokens = sentence.tokens[:budget]
            budget -= len(tokens)
            for phrase in noun_phrases(tokens, sentence.token_words[: len(tokens)]):
                seen.setdefault(phrase, None)
        return tuple(seen)[:MAX_KEY_PHRASES]


_PLACEHOLDER = re.compile(r"\[[^\]]*\]")


def _gaps(redacted: str) -> str:
    """The redacted text with each placeholder ("[name]") as a break between phrases."""
    return _PLACEHOLDER.sub(" ; ", redacted)


_SAFEGUARDING_WORDS = frozenset(
    word_list("""suicide suicidal myself himself herself kill killing harm harming hurt hurting
    abuse abused abusing neglect scared frightened afraid unsafe touched touching bruises
    threatened threatening punched kicked slapped strangled""")
)
