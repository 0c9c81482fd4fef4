"""The learned model: trained on reviewed items, stored as JSON, only ever adding."""

from themes.tagger import LearnedModel, Tagger, default_codebook

# Reviewed items teaching "short-breaks" a word the codebook does not list ("sleepover").
TAUGHT = [
    ("The sleepover weekend at the centre gave us a rest", {"short-breaks"}),
    ("She went on a sleepover with the group and loved it", {"short-breaks"}),
    ("Please bring back the monthly sleepover", {"short-breaks"}),
    ("The sleepover was cancelled again this month", {"short-breaks"}),
    ("A sleepover once a month would help the whole family", {"short-breaks"}),
    ("More sleepover nights please", {"short-breaks"}),
    ("The sleepover staff know him well", {"short-breaks"}),
    ("He counts the days until the next sleepover", {"short-breaks"}),
    ("A sleepover gives his sister time with us", {"short-breaks"}),
    ("We were offered a sleepover place at last", {"short-breaks"}),
    ("The taxi was late again", {"transport"}),
    ("We waited a year for an assessment", {"waiting-times"}),
    ("Nobody listened to us at the meeting", {"being-heard"}),
    ("The school gave him a one to one assistant", {"school-support"}),
    ("He has no friends at school", {"friendships"}),
    ("The Local Offer website is confusing", {"information"}),
    ("The bus pass arrived after term started", {"transport"}),
    ("Our driver changes every week and he gets upset", {"transport"}),
    ("Eighteen months on the list for an autism assessment", {"waiting-times"}),
    ("Still no date for the paediatrician", {"waiting-times", "health-therapies"}),
    ("The annual review was cancelled twice", {"ehc-plans"}),
    ("The tribunal ordered the council to name the school", {"ehc-plans"}),
    ("He needs speech therapy every week", {"speech-language"}),
    ("CAMHS said she was not ill enough", {"mental-health"}),
    ("My anxiety gets worse before school", {"mental-health", "school-support"}),
    ("The teaching assistant left and nobody replaced her", {"school-support"}),
    ("We want a special school place near home", {"school-places"}),
    ("I want to go to college and then get a job", {"adulthood"}),
    ("Nobody asked what I wanted in my plan", {"being-heard", "ehc-plans"}),
    ("The social worker stopped visiting", {"social-care"}),
    ("Kids at lunch laugh at me", {"friendships"}),
    ("The OT brought a new chair for him", {"health-therapies"}),
    ("The newsletter never mentions changes", {"information"}),
    ("We had a meeting about moving to adult services", {"adulthood"}),
    ("I like my teachers and my class", {"school-support"}),
    ("Thank you for asking us", set()),
]


def test_model_round_trips_through_json_when_stored() -> None:
    model = LearnedModel().fit(TAUGHT)
    restored = LearnedModel.from_json(model.to_json())
    assert restored.to_json() == model.to_json()
    words = {"sleepover", "weekend"}
    assert restored.probability(words, "short-breaks") == model.probability(words, "short-breaks")


def test_a_taught_theme_is_found_when_the_rules_alone_miss_it() -> None:
    text = "Could the sleepover happen once a month so the family gets a rest?"
    rules_only = Tagger(default_codebook())
    assert "short-breaks" not in rules_only.tag(text).slugs
    learned = Tagger(default_codebook(), model=LearnedModel().fit(TAUGHT))
    result = learned.tag(text)
    assert "short-breaks" in result.slugs
    hit = next(t for t in result.themes if t.slug == "short-breaks")
    assert "sleepover" in hit.evidence


def test_rule_themes_are_kept_when_a_model_is_trained_on_few_items() -> None:
    tiny = LearnedModel().fit(TAUGHT[:2])
    text = "We waited two years for CAMHS and the taxi never came."
    rules = set(Tagger(default_codebook()).tag(text).slugs)
    combined = set(Tagger(default_codebook(), model=tiny).tag(text).slugs)
    assert rules <= combined
    assert combined == rules  # too few examples: the model is not trusted yet


def test_a_model_is_not_trusted_when_it_has_seen_fewer_than_min_examples() -> None:
    model = LearnedModel(min_examples=10).fit(TAUGHT[:4] + TAUGHT[10:])
    assert not model.trusted("short-breaks")
    assert LearnedModel(min_examples=10).fit(TAUGHT).trusted("short-breaks")


def test_a_stored_model_of_another_format_is_refused_when_loaded() -> None:
    try:
        LearnedModel.from_json('{"format": "something-else", "version": 1}')
    except ValueError:
        return
    raise AssertionError("expected ValueError")
