"""The codebook: themes, their plain and easy-read names, and the words that signal them.

A signal is a word or a phrase written the way people say it ("waiting list", "speech and
language therapy"). Matching ignores case, word forms ("waits", "waited", "waiting") and
small words ("waiting for an assessment" also matches "waiting for his assessment").

* ``signals`` are strong: one is enough to tag the theme.
* ``weak_signals`` are broad words ("school", "therapy", "two years"): they count only
  when another signal of the same theme is present too.
* ``not_signals`` are phrases that look like a signal but mean something else
  ("speech delay" is a condition, not a wait). A signal inside one of them is ignored.

In a signal "#" stands for any number ("# months" matches "18 months" and "two months").
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ThemeDef:
    slug: str
    name: str
    easy_read_name: str
    description: str
    signals: tuple[str, ...]
    weak_signals: tuple[str, ...] = field(default=())
    not_signals: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "name": self.name,
            "easy_read_name": self.easy_read_name,
            "description": self.description,
            "signals": list(self.signals),
            "weak_signals": list(self.weak_signals),
            "not_signals": list(self.not_signals),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ThemeDef:
        return cls(
            slug=str(data["slug"]),
            name=str(data["name"]),
            easy_read_name=str(data.get("easy_read_name") or data["name"]),
            description=str(data.get("description", "")),
            signals=tuple(str(s) for s in data.get("signals", ())),
            weak_signals=tuple(str(s) for s in data.get("weak_signals", ())),
            not_signals=tuple(str(s) for s in data.get("not_signals", ())),
        )


@dataclass(frozen=True)
class Codebook:
    themes: tuple[ThemeDef, ...]

    def __post_init__(self) -> None:
        slugs = [theme.slug for theme in self.themes]
        if len(set(slugs)) != len(slugs):
            raise ValueError("theme slugs in a codebook must be unique")

    def __iter__(self) -> Iterator[ThemeDef]:
        return iter(self.themes)

    def __len__(self) -> int:
        return len(self.themes)

    @property
    def slugs(self) -> tuple[str, ...]:
        return tuple(theme.slug for theme in self.themes)

    def get(self, slug: str) -> ThemeDef | None:
        for theme in self.themes:
            if theme.slug == slug:
                return theme
        return None

    def to_dict(self) -> dict[str, Any]:
        return {"themes": [theme.to_dict() for theme in self.themes]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Codebook:
        return cls(themes=tuple(ThemeDef.from_dict(item) for item in data["themes"]))


def _words(text: str) -> tuple[str, ...]:
    """Split a comma-separated block of signals into a tuple, skipping blanks."""
    return tuple(part.strip() for part in text.split(",") if part.strip())


_DEFAULT_THEMES: tuple[ThemeDef, ...] = (
    ThemeDef(
        slug="waiting-times",
        name="Waiting times",
        easy_read_name="Waiting a long time",
        description=(
            "Waiting for an assessment, a diagnosis or treatment, waiting lists, and help "
            "while waiting."
        ),
        signals=_words(
            """waiting list, waiting time, wait time, long wait, long waits, still waiting,
            been waiting, waiting for, wait for, waited, waiting months, waiting years,
            waiting weeks, years of waiting, months of waiting, months to be seen,
            years to be seen, weeks to be seen, wait to be seen, wait times, waits, delays,
            delayed, backlog, backlogs, queue, took # months, took # years, takes # weeks,
            takes # months, # months later, # years later, # weeks later, months on end,
            while waiting, waiting well, still no appointment, no appointment, heard nothing,
            hear nothing, still not been seen, not been seen, # months later, years later,
            months later, a year later, on the list, months and months, years and years"""
        ),
        weak_signals=_words(
            """wait, waiting, delay, referral, referred, assessment, assessments, diagnosis,
            diagnosed, appointment, appointments, urgent, urgently, # weeks, # months,
            # years, ages, finally, took, takes, chase,
            chasing, chased, untreated, left untreated, lists, eventually, first appointment,
            initial referral, re-referral, rereferral, gone a year, gone # months,
            gone # years"""
        ),
        not_signals=_words(
            """speech delay, language delay, speech and language delay, developmental delay,
            global delay, delayed speech, delayed development, can't wait, cannot wait,
            couldn't wait, wait and see, wait until,
            delay tactics"""
        ),
    ),
    ThemeDef(
        slug="speech-language",
        name="Speech, language and communication",
        easy_read_name="Talking and understanding",
        description=(
            "Speech and language therapy and help for children and young people with "
            "communication needs."
        ),
        signals=_words(
            """speech and language, speech therapy, speech therapist, speech therapists,
            language therapy, language therapist, salt, slt, speech, speech delay,
            language delay, communication needs, communication difficulties,
            communication difficulty, communication aid, communication device,
            communication book, speech and communication, non verbal, nonverbal,
            non-verbal, non speaking, non-speaking, minimally verbal, selective mutism,
            mute, stammer, stammering, stutter, stuttering, makaton, sign language, bsl,
            aac, pecs, aided language, talker, eye gaze,
            understanding language, expressive language, receptive language, dysphasia,
            dyspraxia of speech, verbal dyspraxia, signing"""
        ),
        weak_signals=_words(
            """communicate, communication, language, words, sentences, talk, talking, talks,
            device, verbal, vocabulary, sounds, pronounce, understand, understanding,
            express, therapy, therapist"""
        ),
        not_signals=_words("bad language, body language, language school, sign up"),
    ),
    ThemeDef(
        slug="mental-health",
        name="Mental health and wellbeing",
        easy_read_name="Feelings and mental health",
        description=(
            "Mental health and emotional wellbeing, including CAMHS, anxiety, low mood and "
            "self-harm."
        ),
        signals=_words(
            """mental health, mental wellbeing, mental well-being, mental illness,
            emotional wellbeing, emotional well-being, emotional health, emotional needs,
            emotional difficulties, emotional support, emotionally based, camhs,
            anxiety, anxious, depression, depressed, self harm, self-harm, self harming,
            suicide, suicidal, eating disorder, anorexia, panic attack, panic attacks,
            ocd, ptsd, trauma, traumatised, psychiatrist, psychiatric, psychologist,
            psychology, counselling, counsellor, counseling, therapy for anxiety,
            low mood, mental breakdown, crisis team, in crisis,
            wellbeing service, wellbeing support, emotional regulation,
            worried all the time, panic, phobia, mental"""
        ),
        weak_signals=_words(
            """wellbeing, well-being, emotional, emotions, stress, stressed, worry, worried,
            worries, scared, upset, sad, angry, anger, meltdown, meltdowns, crisis,
            self-esteem, self esteem, frightened, overwhelmed, lashing out,
            burnout, burnt out, therapy, lonely, cope, coping, unhappy, feelings, mood,
            breakdown, distress, distressed"""
        ),
        not_signals=_words("happy with, educational psychologist, ed psych, emotional labour"),
    ),
    ThemeDef(
        slug="ehc-plans",
        name="EHC plans and assessments",
        easy_read_name="My EHC plan",
        description=(
            "Education, health and care plans and needs assessments, annual reviews, appeals "
            "and tribunals."
        ),
        signals=_words(
            """ehc plan, ehc plans, ehcp, ehc, ehc needs assessment, education health and care,
            education health care plan, education and health care plan,
            needs assessment, statutory assessment, annual review,
            annual reviews, statement of special educational needs, statement of sen,
            statemented, tribunal, tribunals, sendist, send tribunal, first tier tribunal,
            appeal, appeals, mediation, draft plan, final plan, section f,
            refused to assess, refusal to assess, 20 week, 20 weeks, twenty weeks,
            send caseworker, caseworker, case officer, plan coordinator, written in the plan,
            in the plan, on the plan, specify and quantify, quantify, quantified,
            named school, name the school, educational psychologist, ed psych"""
        ),
        weak_signals=_words(
            """plan, plans, statement, provision, local authority, la, lea, council, legal,
            rights, assessed, assessment, process, review, deadline, timescales, panel,
            decision, refused, paperwork, form, targets, outcomes, statutory, specify"""
        ),
        not_signals=_words(
            """accessibility plan, accessibility plans, action plan, business plan,
            care plan, safety plan, behaviour plan, support plan, plans for the future"""
        ),
    ),
    ThemeDef(
        slug="school-support",
        name="Support in school",
        easy_read_name="Help at school",
        description=(
            "Support and inclusion in school, college or nursery, including exclusions, "
            "attendance and children who are out of school."
        ),
        signals=_words(
            """sen support, send support, senco, sencos, sendco, teaching assistant,
            teaching assistants, ta, 1:1, one to one, one-to-one, learning support,
            learning support assistant, support in school, support at school, help in school,
            help at school, school staff, teachers, teacher, teaching staff, trained staff,
            class teacher, classroom, classrooms, exclusion, exclusions, excluded, suspended,
            suspension, suspensions, expelled, permanent exclusion, attendance, school
            refusal, school avoidance, emotionally based school avoidance, ebsa,
            out of school, not in school, missing education, part-time timetable,
            part time timetable, reduced timetable, inclusion, inclusive education,
            reasonable adjustments, accessibility plan, accessibility plans,
            accessibility strategy, mainstream school, mainstream schools,
            nursery, preschool, pre-school, early years setting, school action plus,
            school action, head teacher, headteacher, school support,
            homework, detention, detentions, isolation room, behaviour policy, education system,
            educational setting, educational settings, school day"""
        ),
        weak_signals=_words(
            """school, schools, college, colleges, class, education, staff, teach, taught,
            academically, masking, behaviour, strategy, trained,
            training, mainstream, in mainstream, pupil, pupils, lesson, lessons, setting,
            settings"""
        ),
        not_signals=_words(
            """special school, special schools, specialist school, school place,
            school places, school transport, after school, after-school, school club,
            school clubs, leaving school, moving school, school holiday, school holidays,
            school places, home to school, to school transport, the right school"""
        ),
    ),
    ThemeDef(
        slug="school-places",
        name="School places and placements",
        easy_read_name="Finding the right school",
        description=(
            "Special school places, resourced provision, alternative provision and finding "
            "the right school placement."
        ),
        signals=_words(
            """special school, special schools, specialist school, specialist schools,
            specialist place, specialist places, specialist provision, specialist setting,
            special school place, school place, school places, resourced provision,
            resource base, resourced base, enhanced resource, alternative provision,
            pupil referral unit, pru, placement, placements, independent school,
            independent special school, residential school, out of area, out of county,
            right school, suitable school, suitable placement, school placement,
            admissions, school admission, school application, school applications, sen unit,
            specialist unit, looking for a school, secondary transfer"""
        ),
        weak_signals=_words(
            """place, places, a place, no place, space, spaces, spaces available, places available,
            unit, year 7, placed, mainstream, applications, application, requests, september,
            consultation, consulted, named, transfer, schooling"""
        ),
        not_signals=_words(
            """work placement, work placements, foster placement, foster placements,
            take place, took place, takes place, taking place, in place, first place,
            place to, safe place, a place where, placement breakdown, well placed,
            hospital admission, places to go"""
        ),
    ),
    ThemeDef(
        slug="short-breaks",
        name="Short breaks and activities",
        easy_read_name="Clubs, activities and breaks",
        description=(
            "Short breaks, respite, clubs, leisure activities and holiday schemes for "
            "disabled children and their families."
        ),
        signals=_words(
            """short break, short breaks, respite, respite care, holiday club, holiday clubs,
            holiday scheme, holiday schemes, holiday activities, summer scheme,
            summer club, play scheme, playscheme, after school club, after-school club,
            after school clubs, youth club, youth clubs, youth group, youth groups, club,
            clubs, activities, activity, leisure, sport, sports, swimming, football,
            trips, days out, day trips, outings, a break, break from caring, hours off,
            sitting service, scouts, brownies, cinema, trampolining, drama group, dance,
            gym, things to do, somewhere to go, places to go, hobbies, hobby,
            inclusive activities, playground"""
        ),
        weak_signals=_words(
            """holiday, holidays, summer, weekend, weekends, event, events, break, breaks, outside,
            going out, go out, join, personal assistant, socialise, time off, fun, play,
            park, guides"""
        ),
        not_signals=_words(
            """play a part, play a role, plays a part, at play, break down, breaking point,
            breaks down, time off work, fun fair"""
        ),
    ),
    ThemeDef(
        slug="information",
        name="Information and communication",
        easy_read_name="Finding out and being kept informed",
        description=(
            "Clear information and communication from services, the Local Offer and being "
            "kept informed."
        ),
        signals=_words(
            """local offer, information, info, informed, informative, website, websites,
            web page, leaflet, leaflets, newsletter, newsletters, kept informed,
            keep informed, keep us informed, kept up to date, keep up to date, updates,
            update, told in advance, given notice, let us know,
            let me know, letting us know, nobody told, no one told, not told, never told,
            nobody tells, no one tells, nobody explained, no one explained,
            signpost, signposting, signposted, jargon, easy read, clear information, unclear,
            confusing, confusion, hard to find, difficult to find,
            where to find, how to find, find out, who to contact, who to ask, who to call,
            what is available, what's available, what was available, what support is available,
            entitled to, entitlement, entitlements, not aware, unaware, advertised, advertise,
            publicise, publicised, directory, helpline, got back to,
            get back to, no reply, no response, never replied, returned calls,
            call back, communication from, poor communication, lack of communication,
            communication with parents, communicate with parents, communicating with parents,
            explain what, explained what"""
        ),
        weak_signals=_words(
            """communication, communicate, email, emails, phone, phoned, rang, ring, calls,
            letter, letters, tell, know, knowing, explain, explained,
            explanation, online, social media, facebook, contact, details, clear, clarity,
            aware, awareness, in advance, guide, guidance, criteria, confused, knowing what,
            know what"""
        ),
        not_signals=_words(
            """communication needs, communication difficulties, communication difficulty,
            communication aid, communication device, communication book, speech and
            communication, clear up, in advance of the"""
        ),
    ),
    ThemeDef(
        slug="adulthood",
        name="Preparing for adulthood",
        easy_read_name="Growing up and becoming an adult",
        description=(
            "Preparing for adulthood: post-16 education, jobs, independent living, "
            "relationships, health and moving to adult services."
        ),
        signals=_words(
            """preparing for adulthood, adulthood, pfa, adult services, adult service,
            adult social care, adult team, children to adult, child to adult, transition to
            adult, transition to adulthood, transition process, post-16,
            post 16, post-19, post 19, post-18, post 18, sixth form, further education,
            fe college, college course, college courses, apprenticeship,
            apprenticeships, supported internship, supported internships, internship,
            internships, traineeship, job, jobs, employment, employer, employers, employed,
            unemployed, work experience, career, careers, cv, volunteering, paid work,
            independent living, live independently, living independently, independent life,
            independence, living skills, life skills, money skills,
            supported living, housing, own home, own flat, day services, day service,
            day centre, day centres, 18th birthday, turning 18, turn 18, over 18, aged 18,
            when i leave school, after school leaving, leaving school, leaving college,
            young adults, young adult, grown up, growing up, university, uni,
            universal credit, learn to drive, driving lessons"""
        ),
        weak_signals=_words(
            """adult, adults, college, colleges, future, transition, transitions, work,
            skills, expectations, opportunities, 16, 18, 19, 25, older, leave, leaving,
            move on, moving on, discrimination, independent, independently, course, courses,
            compulsory education, destination, destinations, benefits, pip, money"""
        ),
        not_signals=_words(
            """independent school, independent special school, independent travel,
            travel independently, traveling independently, travelling independently,
            independently make, independently use, adult services and, parents and adults,
            work with, worked with, works with, working with, work together, working together,
            worked well, works well, work out, worked out, doesn't work, didn't work,
            did not work, does not work, not working, social work, social worker,
            social workers, homework, of course"""
        ),
    ),
    ThemeDef(
        slug="being-heard",
        name="Being heard and involved",
        easy_read_name="Being listened to",
        description=(
            "Being listened to, taking part in decisions, coproduction and the voice of the "
            "child or young person."
        ),
        signals=_words(
            """listened to, listen to, listens to, listening to, not listened, never listened,
            nobody listens, no one listens, listen, listened, voice, voices, my voice,
            our voice, their voice, youth voice, pupil voice, voice of the child,
            views, opinion, opinions, wishes and feelings, have a say, had a say,
            no say, say in, involved in, involvement, not involved, never involved,
            involved in decisions, coproduction, co-production, coproduce, co-produce, coproduced,
            co-produced, participation, consulted, consult, consultation, ignored, ignore, ignoring,
            disbelieved, doubted at,
            taken seriously, take us seriously, person centred, person-centred, child centred,
            child-centred, at the centre of, centre of decisions, centre of planning,
            be heard, being heard, feel heard,
            felt heard, voices heard, speak up, speak out, speaking up, nobody asked,
            no one asked, never asked, not asked, asked what, asked for my, youth council,
            youth forum, young people's forum, parent carer forum, young advisors, feedback,
            user feedback, engagement, misunderstood, talk through, chance to talk,
            raise concerns, raised concerns, decision making, decision-making,
            not believed, believed me"""
        ),
        weak_signals=_words(
            """say, said, asked, ask, asked me, ask me, ask us, asked us, talk, talk to, talk about,
            told, choice, choices, input, trust, respect, understand, understood,
            misunderstanding, reluctant, comments, user, users, heard, view, involved, involve,
            involving, engage, engaged, criticise, criticism, complain, complaint, complaints,
            concerns, decisions, doubted, dismissed, participate, participated,
            participating"""
        ),
        not_signals=_words(
            """said that, told us, told me, they said, she said, he said, mother said,
            parents said, parent said, also said, heard nothing, hear nothing, heard anything,
            hear anything, in view of, point of view, views of the, consultation period,
            school consultation, consultation with schools, listening program,
            listening programme"""
        ),
    ),
    ThemeDef(
        slug="transport",
        name="Transport",
        easy_read_name="Getting to school and getting around",
        description="Home-to-school transport, travel assistance and travel training.",
        signals=_words(
            """transport, school transport, home to school transport, travel assistance,
            travel training, travel trainer, independent travel, travel independently,
            travelling independently, traveling independently, taxi, taxis, minibus,
            minibuses, bus, buses, escort, escorts, passenger assistant, passenger assistants,
            driver, drivers, bus pass, travel pass, on the train, by train, travel, travelling,
            traveling, getting around, get around, drop off, dropped off, drop-off,
            school run, blue badge, public transport, commute"""
        ),
        weak_signals=_words(
            """late, early, arrive, arrived, distance, miles, far away, safety, coach,
            journey, journeys, pick up, picked up, pick-up, collect, collected, collection,
            parking, car, cars, lift, lifts, route, routes, mileage, petrol, train, trains"""
        ),
        not_signals=_words(
            """trained staff, train staff, training, trained, travel to appointments,
            journey through, lift the, transport of delight"""
        ),
    ),
    ThemeDef(
        slug="social-care",
        name="Social care and family support",
        easy_read_name="Social workers and help for families",
        description=(
            "Social workers, social care assessments, early help, family support and the "
            "disabled children's team."
        ),
        signals=_words(
            """social worker, social workers, social care, social services, children's services,
            childrens services, disabled children's team, disabled childrens team,
            children with disabilities team, cwd team, early help, family support,
            family support worker, family hub, family hubs, family centre,
            children's centre, child in need, cin, child protection, care package,
            care packages, carers assessment, carer's assessment, carers' assessment,
            social care assessment, care assessment, direct payment, direct payments,
            personal budget, personal budgets, personal assistant, personal assistants,
            support worker, support workers, family worker, care team, looked after,
            foster, fostering, foster care, foster carer, care leaver, care leavers,
            child's care, children's care, their care, care system, care support,
            support for families, family breakdown, children's social care,
            social care team"""
        ),
        weak_signals=_words(
            """care, carer, carers, caring, cuts, safeguarding, postcode lottery, applications,
            eligibility, threshold,
            thresholds, council, breaking point"""
        ),
        not_signals=_words(
            """health and care, education health and care, care plan, ehc, social care plans,
            adult social care, health care, healthcare, day care, child care, childcare,
            care about, take care, taking care, care for, cared for, caring for,
            parents and carers, parents or carers, parent carers, parent carer, carers and,
            and carers, primary care, hours of care, respite care, mental health care,
            nursing care, medical care, palliative care, continuing care, children and
            families, family members, families who, families want, other families,
            families are, many families"""
        ),
    ),
    ThemeDef(
        slug="friendships",
        name="Friendships and belonging",
        easy_read_name="Friends and fitting in",
        description=(
            "Friendships, bullying, loneliness, feeling safe and belonging in the community."
        ),
        signals=_words(
            """friend, friends, friendship, friendships, best friend, make friends,
            making friends, no friends, bullying, bullied, bully, bullies, cyberbullying,
            cyber bullying, picked on, teased, teasing, name calling, called names,
            lonely, loneliness, feel alone, felt alone, socially isolated, left out,
            leave out, fit in, fitting in, belong, belonging, social skills, socialise,
            socialize, socialising, socializing, social life, social opportunities,
            social relationships, people my age,
            hang out, hanging out, hangout, feel safe, feeling safe, felt safe,
            part of my community, part of the community, buddy, buddying, girlfriend,
            boyfriend, dating, social consequences"""
        ),
        weak_signals=_words(
            """other children, other kids, other young people, together, relationship,
            relationships, peers, peer, alone, isolated, isolation, community,
            social, socially, mates, safe, safety, outsider, weird, laughed at,
            laugh at, nasty"""
        ),
        not_signals=_words(
            """social worker, social workers, social care, social services, social media,
            social work, family friend, friends and family, social care assessment,
            child friendly, user friendly, community nursing, community paediatrician,
            community paediatrics, community team, community nurse, social emotional,
            social, emotional and mental health, adult social"""
        ),
    ),
    ThemeDef(
        slug="health-therapies",
        name="Health services and therapies",
        easy_read_name="Health, therapy and equipment",
        description=(
            "Occupational therapy, physiotherapy, equipment and wheelchairs, nursing, GPs, "
            "paediatrics and medication."
        ),
        signals=_words(
            """occupational therapy, occupational therapist, occupational therapists, ot,
            ots, physio, physiotherapy, physiotherapist, physiotherapists, equipment,
            wheelchair, wheelchairs, wheelchair service, hoist, hoists, splint, splints,
            orthotics, orthotist, nurse, nurses, nursing, community nursing, school nurse,
            gp, gps, doctor, doctors, paediatrician, paediatricians, paediatric,
            paediatrics, hospital, hospitals, medication,
            medications, medicine, medicines, prescription, prescriptions, dietician,
            dietitian, dieticians, dietitians, health visitor, health visitors, therapies,
            therapy, therapist, therapists, sensory integration, sensory processing,
            sensory needs, audiology, hearing aid, hearing aids, optician, epilepsy,
            seizures, seizure, continence, incontinence, tube feeding, feeding tube,
            peg feeding, specialist nurse, clinic, clinics, surgery,
            health services, health service, health-related,
            health related, health care, healthcare, physical health, dentist, dental,
            occupational, physiotherapy services, sensory equipment, mobility,
            walking frame, standing frame"""
        ),
        weak_signals=_words(
            """health, nhs, sensory, specialist, specialists, medical, appointment,
            appointments, treatment, physical, ill, illness, sick, pain,
            consultant, consultants, operation, operations"""
        ),
        not_signals=_words(
            """mental health, health and care, education health and care, ehc, health care plan,
            speech therapy, speech therapist, speech therapists, speech and language therapy,
            speech and language therapist, language therapy, language therapist,
            therapy for anxiety, talking therapy, talking therapies, cognitive behavioural
            therapy, cbt, play therapy, family therapy, emotional health, health and
            wellbeing, mental wellbeing, hospital admission"""
        ),
    ),
)


def default_codebook() -> Codebook:
    """Return the default SEND codebook with its 14 themes (slugs never change meaning)."""
    return Codebook(themes=_DEFAULT_THEMES)
