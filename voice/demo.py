"""Demo data for `voice demo-data` (run by `make run`): safe to run again, it adds nothing twice.

Each package adds its own loader to load_demo_data."""

from sqlalchemy import select

from surveys.models import KioskSession, QuestionType, SourceGroup, Survey, SurveyStatus
from surveys.services import add_question, create_survey
from voice.db import db

DEMO_SURVEY_TITLE = "Demo: what is it like for you?"
DEMO_KIOSK_CODE = "TRY34"


def _w(
    en: tuple[str, str], cy: tuple[str, str], pl: tuple[str, str], ar: tuple[str, str]
) -> dict[str, dict[str, str]]:
    return {
        lang: {"plain": plain, "easy": easy}
        for lang, (plain, easy) in {"en": en, "cy": cy, "pl": pl, "ar": ar}.items()
    }


def load_demo_survey() -> Survey:
    """An open easy-read survey for young people, with pictures, in all four languages."""
    survey = db.session.scalar(select(Survey).where(Survey.title == DEMO_SURVEY_TITLE))
    if survey is not None:
        return survey
    survey = create_survey(
        title=DEMO_SURVEY_TITLE,
        audience=SourceGroup.YOUNG_PERSON,
        retention_days=365,
        title_wording=_w(
            ("Tell us what it is like for you", "Tell us what you think"),
            ("Dywedwch wrthym sut beth yw e i chi", "Dywedwch beth rydych chi'n ei feddwl"),
            ("Powiedz nam, jak to jest dla ciebie", "Powiedz nam, co myślisz"),
            ("أخبرنا كيف هي الأمور بالنسبة لك", "قل لنا رأيك"),
        ),
        intro=_w(
            (
                "We want to hear from young people about school, health and getting help.",
                "We want to know what you think.",
            ),
            (
                "Rydym eisiau clywed gan bobl ifanc am ysgol, iechyd a chael help.",
                "Rydym eisiau gwybod beth rydych chi'n ei feddwl.",
            ),
            (
                "Chcemy usłyszeć młodych ludzi o szkole, zdrowiu i otrzymywaniu pomocy.",
                "Chcemy wiedzieć, co myślisz.",
            ),
            (
                "نريد أن نسمع من الشباب عن المدرسة والصحة والحصول على المساعدة.",
                "نريد أن نعرف رأيك.",
            ),
        ),
    )
    add_question(
        survey,
        kind=QuestionType.EMOJI,
        picture="school",
        prompt=_w(
            ("How do you feel about school?", "How do you feel at school?"),
            ("Sut ydych chi'n teimlo am yr ysgol?", "Sut ydych chi'n teimlo yn yr ysgol?"),
            ("Jak się czujesz w związku ze szkołą?", "Jak się czujesz w szkole?"),
            ("ما شعورك تجاه المدرسة؟", "كيف تشعر في المدرسة؟"),
        ),
    )
    add_question(
        survey,
        kind=QuestionType.PICTURE,
        prompt=_w(
            ("Where would you most like more help?", "Where do you want more help?"),
            ("Ble hoffech chi gael mwy o help?", "Ble rydych chi eisiau mwy o help?"),
            ("Gdzie najbardziej chcesz więcej pomocy?", "Gdzie chcesz więcej pomocy?"),
            ("أين تريد مساعدة أكثر؟", "أين تريد مساعدة أكثر؟"),
        ),
        options=[
            (
                _w(
                    ("At school", "School"),
                    ("Yn yr ysgol", "Ysgol"),
                    ("W szkole", "Szkoła"),
                    ("في المدرسة", "المدرسة"),
                ),
                "school",
            ),
            (
                _w(
                    ("At home", "Home"),
                    ("Gartref", "Cartref"),
                    ("W domu", "Dom"),
                    ("في البيت", "البيت"),
                ),
                "home",
            ),
            (
                _w(
                    ("With health and doctors", "Doctors"),
                    ("Gydag iechyd a meddygon", "Meddygon"),
                    ("Ze zdrowiem i lekarzami", "Lekarze"),
                    ("الصحة والأطباء", "الأطباء"),
                ),
                "doctor",
            ),
            (
                _w(
                    ("Getting around", "Travel"),
                    ("Teithio o gwmpas", "Teithio"),
                    ("Z dojazdami", "Podróże"),
                    ("التنقل", "السفر"),
                ),
                "bus",
            ),
        ],
    )
    add_question(
        survey,
        kind=QuestionType.YES_NO,
        picture="talk",
        prompt=_w(
            ("Do adults listen to what you say?", "Do adults listen to you?"),
            (
                "Ydy oedolion yn gwrando ar beth rydych chi'n ei ddweud?",
                "Ydy oedolion yn gwrando arnoch chi?",
            ),
            ("Czy dorośli słuchają tego, co mówisz?", "Czy dorośli cię słuchają?"),
            ("هل يستمع الكبار إلى ما تقوله؟", "هل يسمعك الكبار؟"),
        ),
    )
    add_question(
        survey,
        kind=QuestionType.MULTIPLE,
        picture="play",
        prompt=_w(
            ("What do you enjoy doing after school?", "What do you like to do?"),
            ("Beth ydych chi'n mwynhau ei wneud ar ôl ysgol?", "Beth ydych chi'n hoffi ei wneud?"),
            ("Co lubisz robić po szkole?", "Co lubisz robić?"),
            ("ماذا تحب أن تفعل بعد المدرسة؟", "ماذا تحب أن تفعل؟"),
        ),
        options=[
            (
                _w(
                    ("Seeing friends", "Friends"),
                    ("Gweld ffrindiau", "Ffrindiau"),
                    ("Spotkania z przyjaciółmi", "Przyjaciele"),
                    ("رؤية الأصدقاء", "الأصدقاء"),
                ),
                "friends",
            ),
            (
                _w(
                    ("Sport and games", "Play"),
                    ("Chwaraeon a gemau", "Chwarae"),
                    ("Sport i gry", "Zabawa"),
                    ("الرياضة والألعاب", "اللعب"),
                ),
                "play",
            ),
            (
                _w(
                    ("Youth club", "Youth club"),
                    ("Clwb ieuenctid", "Clwb ieuenctid"),
                    ("Klub młodzieżowy", "Klub"),
                    ("نادي الشباب", "النادي"),
                ),
                "talk",
            ),
        ],
    )
    add_question(
        survey,
        kind=QuestionType.FREE_TEXT,
        picture="talk",
        prompt=_w(
            ("What one thing would make things better for you?", "What would help you?"),
            ("Beth fyddai'n gwneud pethau'n well i chi?", "Beth fyddai'n eich helpu chi?"),
            ("Jedna rzecz, która poprawiłaby twoją sytuację?", "Co by ci pomogło?"),
            ("ما الشيء الذي سيجعل الأمور أفضل لك؟", "ما الذي سيساعدك؟"),
        ),
    )
    add_question(
        survey,
        kind=QuestionType.RATING,
        picture="wait",
        prompt=_w(
            (
                "How good is the help you get while you wait for support?",
                "Is the help good while you wait?",
            ),
            (
                "Pa mor dda yw'r help rydych chi'n ei gael wrth aros?",
                "Ydy'r help yn dda wrth aros?",
            ),
            (
                "Jak dobra jest pomoc, gdy czekasz na wsparcie?",
                "Czy pomoc jest dobra, gdy czekasz?",
            ),
            ("ما مدى جودة المساعدة أثناء انتظار الدعم؟", "هل المساعدة جيدة وأنت تنتظر؟"),
        ),
    )
    survey.status = SurveyStatus.OPEN
    db.session.flush()
    return survey


def load_demo_kiosk(survey: Survey) -> KioskSession:
    kiosk = db.session.scalar(select(KioskSession).where(KioskSession.code == DEMO_KIOSK_CODE))
    if kiosk is None:
        kiosk = KioskSession(
            survey_id=survey.id, code=DEMO_KIOSK_CODE, group_label="Demo youth club"
        )
        db.session.add(kiosk)
    kiosk.closed_at = None
    db.session.flush()
    return kiosk


def load_demo_data() -> None:
    from surveys.services import announce_feedback

    survey = load_demo_survey()
    load_demo_kiosk(survey)
    feedback_ids = load_demo_feedback()
    load_demo_you_said()
    db.session.commit()
    announce_feedback(feedback_ids)


# "You said, we did": a few published statements and their actions, so the public page shows
# what a finished card looks like. Keyed by the statement summary, so loading twice adds nothing.
_DEMO_YOU_SAID = [
    {
        "theme": "waiting-times",
        "priority": "waiting-times",
        "summary": "Families told us the wait for an autism assessment is too long, and that "
        "nobody keeps in touch while they wait.",
        "easy_summary": "You said you wait too long to be seen. "
        "You said nobody tells you anything.",
        "title": "A named contact for every family on the assessment waiting list",
        "description": "Every family waiting for a neurodevelopmental assessment gets a named "
        "contact and a call every eight weeks.",
        "easy_description": "You get one person to talk to. They ring you every 8 weeks.",
        "organisation": "NHS",
        "status": "IN_PROGRESS",
        "impact": "",
    },
    {
        "theme": "short-breaks",
        "priority": "places",
        "summary": "Young people asked for more Saturday clubs and holiday activities they can "
        "join without a parent.",
        "easy_summary": "You said you want more clubs on Saturdays and in the holidays.",
        "title": "Two new Saturday clubs and a summer holiday scheme",
        "description": "Two Saturday clubs opened in the north and south of the borough, and a "
        "four-week summer scheme ran with trained support workers.",
        "easy_description": "We opened 2 new Saturday clubs. We ran a summer club for 4 weeks.",
        "organisation": "COUNCIL",
        "status": "DONE",
        "impact": "Young people using short breaks each month: 140 to 210",
    },
    {
        "theme": "information",
        "priority": "communication",
        "summary": "Parent carers said the Local Offer website is hard to find and hard to read.",
        "easy_summary": "You said our website about help is hard to find and hard to read.",
        "title": "Rewrite the Local Offer with the parent carer forum",
        "description": "Forum members are rewriting the Local Offer pages in plain English with "
        "an easy-read version of each page.",
        "easy_description": "Parents are helping us write the website again in easy words.",
        "organisation": "FORUM",
        "status": "PLANNED",
        "impact": "",
    },
]


def load_demo_you_said() -> None:
    from themes.codebook import ensure_codebook
    from themes.models import Theme
    from voice.tracker import services as tracker
    from voice.tracker.models import ActionStatus, Organisation, Priority, Statement

    ensure_codebook()
    priorities = {p.slug: p for p in tracker.seed_priorities()}
    fallback = next(iter(priorities.values()))
    for row in _DEMO_YOU_SAID:
        if db.session.scalar(select(Statement.id).where(Statement.summary == row["summary"])):
            continue
        priority: Priority = priorities.get(row["priority"], fallback)
        action = tracker.create_action(
            priority_id=priority.id,
            title=row["title"],
            description=row["description"],
            easy_read_description=row["easy_description"],
            organisation=Organisation[row["organisation"]],
            lead="Demo lead",
            status=ActionStatus[row["status"]],
            status_reason="",
            starts_on=None,
            due_on=None,
            impact=row["impact"],
            by_id=None,
        )
        theme_ids = list(db.session.scalars(select(Theme.id).where(Theme.slug == row["theme"])))
        statement = tracker.save_statement(
            None,
            summary=row["summary"],
            easy_read_summary=row["easy_summary"],
            theme_ids=theme_ids,
            action_ids=[action.id],
        )
        db.session.flush()
        tracker.publish(statement, by_id=None)


# Feedback forms, proxy entry and imports: invented views from each audience, so the All
# feedback list and the dashboard have something in them. Keyed, so loading twice adds nothing.
_DEMO_VIEWS = {
    "parent_carer": [
        "We waited 19 months for an autism assessment and heard nothing in between.",
        "The new SENCo at our school actually rings me back. It has made a huge difference.",
        "Speech and language therapy stopped when my son turned five and nobody told us why.",
        "The EHC plan arrived six weeks late and still had another child's name in it.",
        "Short breaks on Saturdays are the only rest we get. Please do not cut them.",
        "I found out about the Local Offer from another parent, not from any professional.",
        "The transport to his special school is brilliant, the drivers know him well.",
        "CAMHS said she was not unwell enough, then A&E said she was too unwell for them.",
        "Our annual review was moved three times and then held without the OT.",
        "The parent carer forum coffee mornings are where I learn everything useful.",
        "We were offered a place 40 minutes away when there is a unit down the road.",
        "Paediatrics cancelled twice by text message with no new date.",
        "The occupational therapist gave us exercises we can actually do at home.",
        "Nobody explains what happens at 16. I am scared about college for my daughter.",
        "The portage worker who came to our house was kind and really practical.",
        "Forms ask the same questions again and again. Please share the information.",
        "My son was excluded twice before anyone looked at his sensory needs.",
        "The Local Offer website is hard to use on a phone.",
        "Our social worker changed four times in a year.",
        "The holiday club staff were trained in Makaton and my daughter loved it.",
        "I had to go to tribunal to get the support that was already in the reports.",
        "The wheelchair service took eight months to repair a broken chair.",
        "Being asked what I think, like this, is new and I appreciate it.",
        "Respite overnight care would let us keep going as a family.",
        "School reduced his timetable to two hours a day for a whole term.",
        "The dentist who sees children with additional needs is excellent.",
        "Getting a diagnosis felt like a fight, not a service.",
        "We need someone to talk to while we wait, not just a leaflet.",
    ],
    "school": [
        "Educational psychology time is so limited we only get two visits a year.",
        "The outreach team from the special school gave our staff really useful training.",
        "EHC plan drafts arrive with vague outcomes we cannot measure.",
        "We have 14 pupils waiting for speech and language assessment.",
        "Top-up funding arrives a term late, so we cover the gap from our own budget.",
        "The inclusion hub has helped us keep two pupils who were close to exclusion.",
        "Transition meetings with secondary schools are happening earlier this year, thank you.",
        "We cannot recruit teaching assistants at the pay we can offer.",
        "Mental health support team sessions in school are well used and valued.",
        "Annual review paperwork takes our SENCo a full day per child.",
        "The panel decisions are not explained, so we cannot tell parents why.",
        "Early years inclusion funding is easy to apply for and quick.",
        "We need clearer guidance on what ordinarily available provision means.",
        "Physiotherapy programmes arrive without anyone to show staff how to do them.",
        "The SEND casework officer always answers emails within two days.",
        "Specialist places are full, so pupils with high needs stay with us unsupported.",
        "Training on autism from the local team was practical and well pitched.",
        "Our nursery has waited since September for a portage visit.",
        "Parents come to us for help with forms we are not trained to explain.",
        "The new online EHC portal is an improvement on emailing documents.",
        "We would value a named contact in the health team.",
        "Sensory circuits funding has made mornings calmer for several pupils.",
        "Transport changes are announced too late for families to plan.",
        "Multi-agency meetings rarely have health present.",
    ],
    "young_person": [
        "I like my college course but the bus makes me late every day.",
        "I want to choose who comes to my review meeting.",
        "The youth club is the only place I do not feel different.",
        "I waited a long time to see someone about feeling anxious.",
        "My teaching assistant helps me a lot in maths.",
        "Nobody asked me what I wanted after school.",
        "The quiet room at lunch helps me.",
        "I want more clubs at the weekend that I can go to.",
        "Doctors talk to my mum and not to me.",
        "I got my own phone app for my timetable and it helps.",
        "Getting a job is scary. I want someone to help me practise.",
        "I love the swimming sessions on Fridays.",
        "The noise in the canteen hurts my ears.",
        "I did not understand my plan. It had too many long words.",
        "My friends at the group are kind.",
        "I want to learn to travel on my own.",
        "Speech therapy helped me talk to new people.",
        "Sometimes I get sent out of class and I do not know why.",
        "I like it when people ask me first.",
        "The easy read letters are better.",
        "There is nowhere for me to go in the holidays.",
        "My new school understands me more.",
        "I want to be a chef. Nobody told me about cooking courses.",
        "Waiting for my wheelchair made me miss school trips.",
    ],
    "professional": [
        "Referral criteria for the neurodevelopmental pathway differ between GP practices.",
        "Joint training between health visitors and early years settings would help.",
        "Waiting list for community paediatrics is now over a year.",
        "The new key working pilot is reducing the number of times families repeat their story.",
        "Health advice for EHC needs assessments is requested with too little time.",
        "Social care assessments for short breaks are delayed by staff vacancies.",
        "Families value the drop-in clinic at the children's centre.",
        "Preparation for adulthood planning starts too late in Year 11.",
        "Information sharing between schools and CAMHS needs a clear agreement.",
        "Speech and language therapy training for teaching assistants is working well.",
        "The Local Offer should list what is available while people wait.",
        "We need interpreters booked for reviews, not just for appointments.",
    ],
}
_DEMO_CHANNELS = {
    "parent_carer": ("form", "proxy"),
    "school": ("form", "import"),
    "young_person": ("kiosk", "web"),
    "professional": ("import",),
}
_DEMO_DETAILS = ("Coffee morning, Oak Lodge", "Online form", "Old survey tool, 2025", None)


def load_demo_feedback() -> list[int]:
    """A few dozen invented feedback items from each audience; returns the new ids."""
    from datetime import timedelta

    from surveys.feedback_forms import ensure_feedback_forms
    from surveys.models import Channel, FeedbackItem
    from surveys.services import add_feedback_item
    from voice.db import utcnow

    # The standing "Tell us what you think" forms, which the demo form views are filed under.
    forms = ensure_feedback_forms()
    form_ids = {"parent_carer": forms["parent-carers"], "school": forms["schools"]}
    existing = set(
        db.session.scalars(
            select(FeedbackItem.dedupe_key).where(FeedbackItem.dedupe_key.like("demo:%"))
        )
    )
    new_ids = []
    now = utcnow()
    for audience, views in _DEMO_VIEWS.items():
        channels = _DEMO_CHANNELS[audience]
        for number, text in enumerate(views):
            key = f"demo:{audience}:{number}"
            if key in existing:
                continue
            item = add_feedback_item(
                text=text,
                source_group=SourceGroup(audience),
                channel=Channel(channels[number % len(channels)]),
                source_detail=_DEMO_DETAILS[number % len(_DEMO_DETAILS)],
                consent_to_quote=number % 3 != 0,
                dedupe_key=key,
            )
            # Spread over the last six months so date filters and trends show something.
            item.created_at = now - timedelta(days=(number * 7) % 180, hours=number)
            if item.channel is Channel.FORM:
                item.survey_id = form_ids.get(audience)
            new_ids.append(item.id)
    db.session.flush()
    return new_ids
