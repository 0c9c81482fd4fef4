"""Flag comments that may disclose a child or young person at risk.

Built for recall: a missed disclosure costs far more than a false alarm in the
safeguarding lead's queue. It works on the lower-cased, spelling-corrected words of each
sentence joined by single spaces, so "I want to kil myself" and "I wanna die" are caught.

Two kinds of cue:

* personal cues ("hurting myself", "he hits me", "scared to go home") always flag;
* topic cues ("self-harm", "suicide", "abuse", "neglect") flag only when the sentence is
  about someone in particular ("I", "my son", "she") and the word is not part of a
  service or research phrase ("self-harm support service", "risk of suicide").

Idioms such as "the wait is killing me" or "I could kill for a plan" never flag.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_PERSON = (
    r"(?:he|she|they|dad|daddy|father|mum|mummy|mam|mom|mother|step ?dad|step ?mum|"
    r"stepfather|stepmother|step father|step mother|brother|sister|uncle|auntie|aunt|"
    r"grandad|grandpa|nan|nana|grandma|partner|boyfriend|girlfriend|husband|wife|carer|"
    r"teacher|someone|somebody|people|kids|boys|girls|lads|man|men|staff|he's|she's|"
    r"they're|older boys|older kids|his dad|her dad|his mum|her mum)"
)
_VICTIM = (
    r"(?:me|us|him|her|them|(?:my |our |his |her )?(?:mum|mam|mom|mummy|mother|dad|daddy|"
    r"father|sister|brother|son|daughter|child|kids?|nan|baby|little brother|little sister))"
)
_HARM_VERB = (
    r"(?:hit|hits|hitting|beat|beats|beating|kick|kicks|kicked|kicking|punch|punches|"
    r"punched|punching|slap|slaps|slapped|slapping|hurt|hurts|hurting|choke|chokes|choked|"
    r"choking|strangle|strangles|strangled|shove|shoves|shoved|burn|burns|burned|burnt|"
    r"bite|bites|bit|attack|attacks|attacked|smack|smacks|smacked|batter|batters|battered|"
    r"throws things at|threw things at|throw things at|grab|grabs|grabbed|drag|drags|dragged|"
    r"push|pushes|pushed"
    r")"
)

# (reason, pattern) pairs that flag on their own.
_PERSONAL: tuple[tuple[str, str], ...] = (
    (
        "self-harm",
        r"\b(?:cut|cuts|cutting|burn|burns|burning|burnt|hurt|hurts|hurting|harm|"
        r"harms|harming|harmed|scratch|scratches|scratching|punch|punching|hit|hits|hitting|"
        r"bite|biting|starve|starving|starved|injure|injuring|injured) (?:my|him|her|them)"
        r"sel(?:f|ves)\b",
    ),
    (
        "self-harm",
        r"\b(?:cut|cuts|cutting|cutted) (?:my|his|her|their) (?:arms?|wrists?|legs?|"
        r"skin|thighs?)\b",
    ),
    ("self-harm", r"\bscars? on (?:my|his|her|their) (?:arms?|wrists?|legs?)\b"),
    ("suicidal thoughts", r"\bkill(?:s|ed|ing)? (?:my|him|her|them)sel(?:f|ves)\b"),
    (
        "suicidal thoughts",
        r"\b(?:end|ends|ending|ended|take|takes|taking|took) (?:my|his|her|"
        r"their) (?:own )?li(?:fe|ves)\b",
    ),
    ("suicidal thoughts", r"\bend (?:it all|it|everything)\b(?! (?:with|for|by|on|at|now that))"),
    (
        "suicidal thoughts",
        r"\b(?:want|wants|wanted|wanting|want to|wish|wishes|wished) "
        r"(?:to |i was |i were |i could |he was |she was |he could |she could )?"
        r"(?:die|be dead|dead|disappear|not be here|not exist|not be alive|never wake up)\b",
    ),
    ("suicidal thoughts", r"\bbetter off (?:dead|without (?:me|him|her))\b"),
    (
        "suicidal thoughts",
        r"\b(?:don't|do not|doesn't|does not|didn't|did not) want to "
        r"(?:be alive|live|be here|exist|wake up|be around)\b",
    ),
    (
        "suicidal thoughts",
        r"\bno (?:point|reason) (?:in )?(?:living|being alive|going on|"
        r"being here|to live)\b",
    ),
    ("suicidal thoughts", r"\b(?:overdose|overdosed|overdosing)\b"),
    ("suicidal thoughts", r"\bcan't (?:go on|carry on) (?:like this|any ?more|living)\b"),
    ("suicidal thoughts", r"\b(?:tried|try|trying|attempted) to (?:kill|hang|drown|end)\b"),
    ("suicidal thoughts", r"\bhang (?:my|him|her)self\b|\bjump (?:off|in front of)\b"),
    ("abuse", rf"\b{_PERSON} (?:\w+ ){{0,2}}{_HARM_VERB} {_VICTIM}\b(?! (?:to|into|towards) )"),
    (
        "abuse",
        r"\b(?:was|were|been|being|get|gets|got|getting|is|am|are) (?:\w+ )?"
        r"(?:beaten|kicked|punched|slapped|attacked|assaulted|strangled|choked|abused|raped|"
        r"molested|groped|battered|beaten up|smacked|touched inappropriately)\b",
    ),
    ("abuse", r"\b(?:beat|beats|beating|beaten) (?:me|him|her|us|them) up\b"),
    (
        "abuse",
        r"\b(?:get|gets|got|getting|was|were|been|being) (?:\w+ )?hit\b"
        r"(?! by (?:the )?(?:cuts|changes|delays|news|costs|prices))",
    ),
    ("abuse", r"\b(?:bruise|bruises|bruised|black eye|marks on (?:my|his|her))\b"),
    ("sexual abuse", r"\btouch(?:es|ed|ing)? (?:me|him|her|my|his|her)\b(?! (?:heart|deeply))"),
    (
        "sexual abuse",
        r"\b(?:private parts|privates|down there|rape|raped|raping|molest\w*|"
        r"sexually|nudes|naked (?:pictures|photos|pics)|groped|groping)\b",
    ),
    (
        "sexual abuse",
        r"\b(?:made|makes|make|forced|forces) (?:me|him|her) (?:to )?"
        r"(?:touch|undress|take off|watch|do things|do stuff|keep (?:it )?(?:a )?secret)\b",
    ),
    ("sexual abuse", r"\b(?:keep|keeps) (?:it |this )?(?:a |our )?secret\b"),
    (
        "emotional abuse",
        rf"\b{_PERSON} (?:\w+ )?(?:says|said|tells|told|calls|called) "
        r"(?:me|him|her) (?:that )?(?:i'm|i am|he's|she's|he is|she is|i was|a )?"
        r"(?:worthless|useless|a waste|nothing|unwanted|a mistake|stupid|fat|ugly|"
        r"should never have been born)\b",
    ),
    ("emotional abuse", r"\bwish(?:es|ed)? (?:i|he|she) (?:was|were|had) never (?:been )?born\b"),
    ("emotional abuse", r"\b(?:locks|locked|lock|shuts|shut) (?:me|him|her|us) (?:in|out)\b"),
    (
        "emotional abuse",
        r"\b(?:screams|screamed|shouts|shouted|yells|yelled|swears|swore) "
        r"at (?:me|him|her|us) (?:all the time|every day|constantly|for no reason)\b",
    ),
    (
        "neglect",
        r"\b(?:nothing|no food|not enough food) (?:to eat|at home|in the house|"
        r"in the fridge|for (?:days|tea|dinner))\b|\bnothing to eat\b",
    ),
    (
        "neglect",
        r"\b(?:go|goes|went|going) to (?:bed|school) hungry\b|\bhungry "
        r"(?:all the time|every day|at home|most days)\b",
    ),
    (
        "neglect",
        r"\b(?:left|leaves|leave) (?:me|him|her|us|them)? ?(?:alone|on (?:my|his|her|our|"
        r"their) own) (?:for|all) (?:days|hours|the night|night|nights|the weekend|weekends|"
        r"day|ages)\b",
    ),
    (
        "neglect",
        r"\b(?:no one|nobody|noone) (?:looks after|feeds|cares for|cooks for|washes) "
        r"(?:me|us|him|her)\b",
    ),
    (
        "neglect",
        r"\bhome alone\b|\bnot (?:been )?(?:fed|washed|bathed)\b|\bno (?:heating|"
        r"electric|electricity|beds?) (?:at home|in the house|for)\b",
    ),
    ("violence at home", r"\b(?:domestic violence|domestic abuse)\b"),
    (
        "violence at home",
        r"\b(?:fighting|violence|violent|fights) (?:at home|in the house|"
        r"in our house)\b|\b(?:smash|smashes|smashed|smashing) (?:things|the house|stuff|up)\b",
    ),
    (
        "violence at home",
        r"\bpolice (?:came|come|were called|was called|had to come|"
        r"are called|keep coming)\b",
    ),
    ("violence at home", r"\b(?:throws|threw|throwing) (?:things|stuff|plates|chairs)\b"),
    (
        "threats",
        r"\bthreat(?:en|ens|ened|ening) (?:to )?(?:kill|hurt|hit|stab|beat|burn|"
        r"shoot|harm|attack|me|us|him|her|my)\b",
    ),
    (
        "threats",
        r"\b(?:going to|gonna|will|'ll|would|'d|wants to|want to|is going to|are "
        r"going to) (?:kill|stab|hurt|beat|hit|shoot|strangle) (?:me|us|him|her|my|them)\b"
        r"(?! if (?:i|we|he|she) (?:fail|forget|lose|break|miss|am late|are late|don't pass|"
        r"get home late|eat))",
    ),
    ("threats", r"\b(?:knife|knives|stab|stabbed|stabbing|gun|weapon)\b"),
    (
        "being unsafe",
        r"\b(?:don't|do not|doesn't|does not|didn't|did not|never|not|no longer) "
        r"(?:\w+ )?(?:feel|feels|felt) safe\b",
    ),
    (
        "being unsafe",
        r"\b(?:not|isn't|is not|aren't|am not|i'm not) safe (?:at home|in my house|"
        r"in the house|at my house|there|with (?:him|her|them|my))\b",
    ),
    (
        "being unsafe",
        r"\b(?:feel|feels|felt|feeling) (?:unsafe|in danger)\b|\bunsafe at home\b|"
        r"\b(?:i'm|i am|he's|she's|he is|she is|we are|we're) in danger\b",
    ),
    (
        "being unsafe",
        r"\b(?:scared|afraid|frightened|terrified|too scared|petrified) "
        r"(?:to|of) (?:go|going|be|being|get|getting|went) (?:back )?home\b",
    ),
    (
        "being unsafe",
        r"\b(?:scared|afraid|frightened|terrified|petrified) of (?:my |her |his )?"
        r"(?:dad|father|mum|mother|step ?dad|step ?mum|stepfather|stepmother|brother|uncle|"
        r"partner|boyfriend|carer|him|them|what (?:he|she|they) (?:will|might|would) do)\b",
    ),
    (
        "being unsafe",
        r"\b(?:run|ran|running|runs) away from home\b|\b(?:kicked|thrown|threw) "
        r"(?:me|him|her|us) out\b|\b(?:homeless|sleeping rough|sofa surfing)\b",
    ),
    (
        "exploitation",
        r"\bcounty lines\b|\b(?:carry|carrying|sell|selling|deliver|"
        r"delivering|hold|holding) (?:drugs|weed|packages|parcels) for\b",
    ),
    (
        "exploitation",
        r"\b(?:older|grown up) (?:boys|men|lads|people|man) (?:give|gave|buy|bought|"
        r"make|made) (?:me|him|her)\b",
    ),
)

_TOPIC: tuple[tuple[str, str], ...] = (
    ("self-harm", r"\bself harm(?:s|ed|ing|er|ers)?\b|\bself injur\w*\b"),
    ("suicidal thoughts", r"\bsuicid(?:e|al|es)\b"),
    ("abuse", r"\babus(?:e|ed|es|ing|er|ers|ive)\b"),
    ("neglect", r"\bneglect(?:ed|ing|s)?\b"),
    ("sexual abuse", r"\bgroom(?:ed|ing)\b|\bexploit(?:ed|ation|ing)\b"),
)

# Phrases that look like a cue but are idioms or describe a service, a policy or research.
_NOT_CONCERNING = re.compile(
    r"\b(?:(?:is|are|was|it's|that's|'s|been) (?:\w+ )?killing (?:me|us)|kill for|"
    r"killing myself (?:laughing|trying|to get)|killing (?:me|us) softly|"
    r"(?:self harm|suicide|suicidal|abuse|neglect|domestic abuse|domestic violence|"
    r"grooming|exploitation) (?:prevention|awareness|training|service|services|team|teams|"
    r"support|policy|policies|pathway|leaflet|leaflets|course|courses|workshop|workshops|"
    r"session|sessions|charity|helpline|line|rates|rate|statistics|figures|research|"
    r"strategy|lead|nurse|clinic|group|groups|toolkit|resources|procedures|referrals)|"
    r"(?:risk|risks|rates|rate|prevention|awareness|signs|history) of (?:self harm|suicide|abuse|"
    r"neglect|exploitation)|(?:lead|leads|led|leading) to (?:\w+ ){0,6}(?:self harm|suicide|"
    r"abuse)|abus(?:e|es|ed|ing|ive) (?:of|the system|their power|his power|her power|"
    r"our time|parents' time|process)|substance abuse|drug abuse|alcohol abuse|dog grooming|"
    r"grooming (?:salon|the dog|dogs)|knife and fork|knives and forks|cutting (?:food|"
    r"his food|her food|my food|paper)|(?:end|ending) it (?:there|here)|"
    r"(?:tried|trying) to end (?:the|our|this|my) (?:call|meeting|placement|contract)|"
    r"exploit(?:ed|ing) (?:loopholes|the system|a loophole)|keep (?:it )?(?:a )?secret "
    r"(?:santa|present|birthday|surprise))"
)

_ANCHOR = re.compile(
    r"\b(?:i|i'm|i've|i'd|me|my|myself|he|she|he's|she's|him|her|his|hers|himself|herself|"
    r"son|daughter|child's|we|our|us)\b"
)

# For each pattern above, in order, words starting with one of these prefixes; a pattern is
# only tried on a sentence holding one of its prefixes (most sentences hold none), which is
# many times faster than running every pattern. Keep the two lists in step.
_PERSONAL_TRIGGERS: tuple[str, ...] = (
    "mysel himsel hersel themsel",
    "cut",
    "scar",
    "kill",
    "life lives",
    "end",
    "die dead disappear here exist alive wake",
    "better",
    "alive live here exist wake around",
    "point reason",
    "overdos",
    "can't",
    "kill hang drown end",
    "hang jump",
    "hit beat kick punch slap hurt chok strangl shov burn bite bit attack smack batter throw "
    "threw grab drag push",
    "beat kick punch slap attack assault strangl chok abus rape molest grop batter smack touch",
    "beat",
    "hit",
    "bruis black marks",
    "touch",
    "private down rape raping molest sexual nude naked grop",
    "made make forc",
    "secret",
    "worthless useless waste nothing unwanted mistake stupid fat ugly should",
    "born",
    "lock shut",
    "scream shout yell swear swore",
    "nothing food",
    "hungry",
    "alone own",
    "nobody noone one",
    "alone fed wash bath heat electric bed",
    "domestic",
    "fight violen smash",
    "police",
    "throw threw",
    "threat",
    "kill stab hurt beat hit shoot strangl",
    "knife knives stab gun weapon",
    "safe",
    "safe",
    "unsafe danger",
    "scared afraid frighten terrified petrified",
    "scared afraid frighten terrified petrified",
    "run ran kicked thrown threw homeless sleeping sofa",
    "county drug weed package parcel",
    "older grown",
)
_TOPIC_TRIGGERS: tuple[str, ...] = ("self", "suicid", "abus", "neglect", "groom exploit")


# When several patterns match, the reason reported is the first in this order.
_PRIORITY = (
    "suicidal thoughts",
    "self-harm",
    "sexual abuse",
    "threats",
    "violence at home",
    "abuse",
    "emotional abuse",
    "neglect",
    "exploitation",
    "being unsafe",
)


def _ordered(
    patterns: tuple[tuple[str, str], ...], triggers: tuple[str, ...]
) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    if len(patterns) != len(triggers):
        raise RuntimeError("every safeguarding pattern needs its trigger prefixes")
    pairs = sorted(zip(patterns, triggers, strict=True), key=lambda p: _PRIORITY.index(p[0][0]))
    return tuple(p for p, _t in pairs), tuple(t for _p, t in pairs)


def _compile(patterns: tuple[tuple[str, str], ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((reason, re.compile(pattern)) for reason, pattern in patterns)


def _prefix_index(triggers: tuple[str, ...]) -> dict[str, tuple[int, ...]]:
    index: dict[str, list[int]] = {}
    for number, prefixes in enumerate(triggers):
        for prefix in prefixes.split():
            index.setdefault(prefix, []).append(number)
    return {prefix: tuple(numbers) for prefix, numbers in index.items()}


_PERSONAL, _PERSONAL_TRIGGERS = _ordered(_PERSONAL, _PERSONAL_TRIGGERS)
_TOPIC, _TOPIC_TRIGGERS = _ordered(_TOPIC, _TOPIC_TRIGGERS)
_PERSONAL_RE = _compile(_PERSONAL)
_TOPIC_RE = _compile(_TOPIC)
_PERSONAL_INDEX = _prefix_index(_PERSONAL_TRIGGERS)
_TOPIC_INDEX = _prefix_index(_TOPIC_TRIGGERS)
_PREFIX_LENGTHS = tuple(sorted({len(prefix) for prefix in (*_PERSONAL_INDEX, *_TOPIC_INDEX)}))


_WORD_CANDIDATES: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {}


def _word_candidates(word: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    cached = _WORD_CANDIDATES.get(word)
    if cached is not None:
        return cached
    personal: set[int] = set()
    topic: set[int] = set()
    for length in _PREFIX_LENGTHS:
        if length > len(word):
            break
        personal.update(_PERSONAL_INDEX.get(word[:length], ()))
        topic.update(_TOPIC_INDEX.get(word[:length], ()))
    result = (tuple(personal), tuple(topic))
    if len(_WORD_CANDIDATES) < 100_000:
        _WORD_CANDIDATES[word] = result
    return result


def assess_sentence(sentence: str) -> str | None:
    """Return a reason category if one normalised sentence may be a disclosure of harm."""
    personal_set: set[int] = set()
    topic_set: set[int] = set()
    for word in sentence.split():
        word_personal, word_topic = _word_candidates(word)
        personal_set.update(word_personal)
        topic_set.update(word_topic)
    if not personal_set and not topic_set:
        return None
    personal, topic = sorted(personal_set), sorted(topic_set)
    text = _NOT_CONCERNING.sub(" ~ ", sentence)
    for number in personal:
        reason, pattern = _PERSONAL_RE[number]
        if pattern.search(text):
            return reason
    if not topic or not _ANCHOR.search(text):
        return None
    for number in topic:
        reason, pattern = _TOPIC_RE[number]
        if pattern.search(text):
            return reason
    return None


def assess(sentences: Iterable[str]) -> str | None:
    """Return the reason for the first concerning sentence, or None if none is."""
    for sentence in sentences:
        reason = assess_sentence(sentence)
        if reason is not None:
            return reason
    return None
