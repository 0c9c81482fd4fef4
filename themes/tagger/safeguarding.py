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

The cues cover the kinds of harm named in Working Together to Safeguard Children and Keeping
Children Safe in Education: physical, emotional and sexual abuse, neglect, domestic abuse
(a child hearing or seeing it too), sexual and criminal exploitation and grooming (county
lines, holding things for older boys), online abuse and image sharing, radicalisation, FGM,
forced marriage, self-harm, suicidal thoughts, overdose, and going missing or being thrown
out of home, in children's spelling and in a parent's or professional's third person.

Decisions that keep SEND feedback out of the queue, each held by bench/safeguarding_set.jsonl:

* self-injurious behaviour described as a need ("he hits his head when the sensory room is
  closed", "she bites her hand when anxious") is not a disclosure: a child's own head, hand
  or arm in the third person is blanked. Cutting, burning, bleeding, "himself" and anything
  in the first person still flag;
* being sent or "thrown out" of a class, team, club or meeting is exclusion, not being thrown
  out of home; a child with autism who "runs off" in a shop is bolting, not running away
  (running away "from home", "at night" or "for days" flags);
* "drug trial", "medication overdose policy", "cutting the budget", "forced to change
  schools" and leaflets or training about a harm are service talk.

bench/safeguarding_holdout.jsonl was written before the issue 17 cues and is never used to
tune them. The cues added after them ("Physical abuse: force-feeding ..." onwards) were
written from the statutory kinds of harm, looking only at folds 0-2 of
bench/safeguarding_blind.jsonl (themes.tagger.concern.stratified_folds) and at the sentences
written to train the concern scorer (bench/concern_training.jsonl): folds 3-4 measure them.
What no cue lists, the learned second opinion in themes/tagger/concern.py may catch.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_PERSON = (
    r"(?:he|she|they|dad|daddy|father|mum|mummy|mam|mom|mother|step ?dad|step ?mum|"
    r"stepfather|stepmother|step father|step mother|brother|sister|uncle|auntie|aunt|"
    r"grandad|grandpa|nan|nana|grandma|partner|boyfriend|girlfriend|husband|wife|carer|"
    r"teacher|someone|somebody|people|kids|boys|girls|lads|man|men|staff|he's|she's|"
    r"they're|older boys|older kids|his dad|her dad|his mum|her mum|fella|bloke|guardian|"
    r"foster carer|foster dad|foster mum|foster father|foster mother)"
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
    r"push|pushes|pushed|whack|whacks|whacked|whacking|thump|thumps|thumped|thumping|"
    r"belt|belts|belted|wallop|walloped|strangling|battering|twist|twists|twisted"
    r")"
)

_INSULT = (
    r"(?:worthless|useless|stupid|fat|ugly|thick|dumb|pathetic|disgusting|nothing|unwanted|"
    r"unlovable|evil|mental|possessed|(?:an? |the )?(?:idiot|retard|freak|waste of space|waste|"
    r"nobody|burden|mistake|disappointment|embarrassment|disgrace|liar|psycho|failure|monster|"
    r"devil|pig|fat pig|slag|slut|whore|bitch|cow))"
)
_PILLS = (
    r"(?:tablets|pills|antidepressants|sertraline|fluoxetine|citalopram|melatonin|medication|"
    r"medicine|meds|paracetamol|calpol|ibuprofen|painkillers|insulin|capsules|sleeping pills)"
)
_AGE = (
    r"(?:\b(?:aged|age|only|just|is|was|at|i'm|im|she's|he's|when (?:she|he|i) was) "
    r"(?:1[0-7]|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen)\b|"
    r"\b(?:1[0-7]|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen) (?:year old|yo)\b|"
    r"\b(?:can't|cannot|can not|unable to) (?:consent|understand what))"
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
        r"\b(?:cut|cuts|cutting|cutted|burn|burns|burning|burnt|burned|scratch|scratches|"
        r"scratching|carve|carves|carving|carved) (?:my|his|her|their) (?:arms?|wrists?|legs?|"
        r"skin|thighs?)\b",
    ),
    ("self-harm", r"\bscars? on (?:my|his|her|their) (?:arms?|wrists?|legs?)\b"),
    ("suicidal thoughts", r"\bkill(?:s|ed|ing)? (?:my|him|her|them)sel(?:f|ves)\b"),
    (
        "suicidal thoughts",
        r"\b(?:end|ends|ending|ended|take|takes|taking|took) (?:my|his|her|"
        r"their) (?:own )?li(?:fe|ves)\b",
    ),
    (
        "suicidal thoughts",
        r"\b(?:end|ending) (?:it all|it|everything)\b(?! (?:with|for|by|on|at|now that))",
    ),
    (
        "suicidal thoughts",
        r"\b(?:want|wants|wanted|wanting|want to|wish|wishes|wished) "
        r"(?:to |i was |i were |i could |he was |she was |he could |she could )?"
        r"(?:die|be dead|dead|disappear|not be here|not exist|not be alive|never wake up)\b|"
        r"\bwish(?:es|ed)? (?:i|he|she) (?:wasn't|weren't|was never|were never) (?:here|alive|"
        r"around)\b",
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
    (
        "abuse",
        rf"\b{_PERSON} (?:\w+ ){{0,2}}{_HARM_VERB} {_VICTIM}\b(?! (?:to|into|towards) | out\b)",
    ),
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
        rf"\b{_PERSON} (?:\w+ )?(?:says|said|saying|tells|told|telling|calls|called|calling) "
        r"(?:me|him|her) (?:that )?(?:i'm|i am|he's|she's|he is|she is|i was|a )?"
        r"(?:worthless|useless|a waste|nothing|unwanted|a mistake|stupid|fat|ugly|thick|"
        r"an idiot|a retard|pathetic|disgusting|a freak|should never have been born)\b",
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
        r"\b(?:no one|nobody|noone) (?:looks after|feeds|cares for|cooks for|washes|makes "
        r"(?:me|us|him|her) (?:food|tea|dinner|meals|breakfast)) ?(?:me|us|him|her)?\b",
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
        r"are called|keep coming)\b(?! to (?:talk|visit|give|speak|do|the school|school))",
    ),
    (
        "violence at home",
        r"\b(?:throws|threw|throwing|chucks|chucked|chucking|lobs|lobbed) (?:things|stuff|"
        r"plates|chairs|cups|bottles) at\b",
    ),
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
        r"\b(?:run|ran|running|runs) away from home\b|\b(?:kicked|thrown|threw|chucked|"
        r"chucks|kicks|throws|kick|chuck|put|puts) (?:me|him|her|us|them) out\b|"
        r"\b(?:homeless|sleeping rough|sofa surfing)\b",
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
    # Added for issue 17: the kinds of harm in Working Together and KCSIE as children and
    # parents write them. Each is tuned on bench/safeguarding_set.jsonl only.
    ("abuse", r"\b(?:with|wiv|wid) (?:a|his|her|the|my) belt\b"),
    (
        "abuse",
        r"\b(?:grab|grabs|grabbed|grabbing|held|holds|pinned|pins) (?:me|him|her|us) "
        r"(?:by|round) (?:the|my|his|her) (?:neck|throat|hair|arms?)\b",
    ),
    (
        "sexual abuse",
        r"\b(?:does|did|doing|do|done) (?:stuff|things|sexual things|bad things|sex stuff|rude "
        r"things) (?:to|with) (?:me|him|her|us)\b|\b(?:comes|came|coming) (?:in|into) "
        r"(?:my|his|her) (?:room|bed) (?:at night|in the night|when)\b",
    ),
    (
        "emotional abuse",
        r"\b(?:no one|nobody|noone) (?:wants|loves|cares about) me\b",
    ),
    (
        "neglect",
        r"\b(?:no|never any|never enough|not enough|hardly any|never no) food (?:in|at|for) "
        r"(?:the house|home|his|hers|hers|her house|his house|our house|my house|the fridge|"
        r"days|ages)\b|\bnever (?:anything|nothing) to eat\b",
    ),
    (
        "neglect",
        r"\b(?:have|has|had|having) to look after (?:my|his|her|our) (?:little|baby|younger) "
        r"(?:brothers?|sisters?|siblings)(?: (?:my|him|her)self)?\b(?! (?:sometimes|at the))",
    ),
    (
        "neglect",
        r"\b(?:left|leaves|leave|leaving) (?:me|us|him|her|them|the kids)(?: and (?:my|his|her) "
        r"(?:\w+ )?(?:brothers?|sisters?|siblings))? (?:alone|on (?:my|his|her|our|their) "
        r"own|home alone)\b|\b(?:goes|go|went|going) out (?:drinking |partying )?for days\b",
    ),
    (
        "neglect",
        r"\b(?:we|we've|we have|we got|we've got|ain't got|haven't got|got) no (?:gas|electric|"
        r"electricity|hot water|heating|food)\b|\b(?:mum|dad|mam|mom|mother|"
        r"father) (?:\w+ )?(?:stays|lies|lays) in bed all day\b|\b(?:mum|dad|mam|"
        r"mom|mother|father) (?:don't|doesn't|won't|never|can't) (?:get|gets) (?:up|out of bed)\b",
    ),
    ("neglect", r"\b(?:in|wearing|wears|wore) (?:the same )?(?:dirty|smelly|filthy) clothes\b"),
    (
        "violence at home",
        r"\b(?:hear|heard|hears|hearing|listen to|see|saw|sees|seen|watch|watched) (?:them|mum "
        r"and dad|my parents|his parents|her parents|mum|dad|my mum|my dad) (?:\w+ )?(?:fighting|"
        r"screaming|shouting|arguing|rowing|hitting|hurting)\b|\b(?:screaming|shouting|fighting|"
        r"yelling) at each other\b",
    ),
    (
        "sexual abuse",
        r"\b(?:says|said|tells|told|keeps telling|keeps saying) (?:(?:me|her|him) (?:that )?"
        r"(?:i'm |i am |she's |she is |he's |he is |i was |she was |he was )?|(?:that )?(?:i'm|"
        r"i am|i was) )(?:so |really |very )?mature for (?:my|her|his) age\b",
    ),
    (
        "sexual abuse",
        r"\b(?:told|tells|tell|said|says|asked|asks) (?:me|him|her|us) (?:not to|never to|to not) "
        r"tell (?:anyone|anybody|no one|my|your|his|her|mum|dad|the teacher|about (?:it|him|"
        r"this|what|us))\b|\b(?:don't|do not|never) tell (?:your|my|his|her) (?:mum|dad|"
        r"parents|mam|mom|family|teacher|carer|nan)\b|\bnot to tell (?:anyone|anybody|no one|"
        r"my (?:mum|dad|parents|family)|your (?:mum|dad|parents|family))\b",
    ),
    (
        "exploitation",
        r"\b(?:man|men|guy|guys|bloke|blokes|lads|boys|someone|somebody) (?:\w+ ){0,2}(?:buys|"
        r"bought|buy|gives|gave|give) (?:me|her|him) (?:\w+ )?(?:vapes?|phones?|alcohol|drink|"
        r"drinks|weed|drugs|money|cash|presents|gifts|trainers|clothes|lifts)\b",
    ),
    (
        "exploitation",
        r"\bpicked up (?:by (?:\w+ ){0,2}(?:men|man|guys|guy|lads|boys|strangers)|in (?:cars|"
        r"different cars))\b|\b(?:comes|come|came|coming) (?:back|home) with (?:new |a new |"
        r"loads of |lots of )?(?:phones?|cash|money|gifts)\b|\b(?:parties|party|"
        r"goes out|hangs out|hanging out|hanging around|stays out|staying out|flat|house) "
        r"with (?:\w+ )?older lads\b|\bwith (?:\w+ )?older (?:men|man|guys|guy|blokes)\b",
    ),
    (
        "exploitation",
        r"\b(?:hold|holding|holds|held|stash|stashing|stashes|stashed|hide|hiding|hides|hid|keep|"
        r"keeping|carry|carrying|carries|carried) (?:stuff|things|packages|parcels|drugs|weed|"
        r"money|knives|a knife|a package|a parcel|bags for) (?:for|from) (?:them|him|older|some|"
        r"these|the older|the olders|people|lads|boys|men|a lad|a man)\b",
    ),
    (
        "exploitation",
        r"\b(?:carry|carrying|carries|carried|sell|selling|sells|sold|deliver|delivering|run|"
        r"running|runs|ran|move|moving|deal|dealing|deals|drop|dropping|push|pushing) (?:\w+ )?"
        r"(?:drugs|weed|gear|crack|coke|cocaine)\b|\bin debt to (?:some|older|"
        r"the|these|a) (?:\w+ )?(?:lads|boys|men|guys|people|gang|dealer|dealers)\b|"
        r"\bgang(?:s)? (?:make|made|makes|making|force|forced)\b",
    ),
    (
        "exploitation",
        r"\b(?:he|she|i|son|daughter|child|brother|sister|he's|she's|i've|they) (?:\w+ ){0,2}"
        r"(?:going|goes|gone|went|go) missing\b|\bmissing from (?:home|care)\b|\breported "
        r"missing\b",
    ),
    (
        "online abuse",
        r"\b(?:ask|asks|asked|asking|begging|begs|pressur\w*|wants?|wanted) (?:\w+ ){0,4}"
        r"(?:pics?|pictures?|photos?|videos?|selfies?|images?|snaps?) of (?:me|myself|her|him|"
        r"my body|her body|his body)\b",
    ),
    (
        "online abuse",
        r"\b(?:naked|nude|rude|topless|dirty|sexy|explicit|indecent|private) (?:pics?|pictures?|"
        r"photos?|videos?|selfies?|images?|snaps?)\b|\b(?:with no|without (?:any )?|in (?:my|"
        r"her|his)) (?:clothes|top|bra|underwear|pants|knickers) on\b|\bsextort\w*\b|"
        r"\bsend (?:him |her |them )?nudes\b",
    ),
    (
        "online abuse",
        r"\b(?:pics?|pictures?|photos?|videos?|selfies?|images?|snaps?) (?:\w+ ){0,10}(?:sharing|"
        r"shared|shares|share|post|posting|posted|showing|showed|spread|spreading|leak|leaked|"
        r"send|sending|sent) (?:it|them) (?:to|with|round|around|online|everywhere)\b|"
        r"\bthreat(?:en|ens|ened|ening) to (?:share|send|post|leak|show|put|spread) (?:it|them|my|"
        r"her|his|the|photos|pics|pictures|videos)\b",
    ),
    (
        "radicalisation",
        r"\b(?:fight|fighting|fights|war|hate|hates|kill|killing|get rid of|against|attack|"
        r"attacking|wipe out) (?:back )?(?:against )?(?:all )?(?:the )?(?:immigrants|foreigners|"
        r"muslims|jews|infidels|kuffar|non believers|gay people|people who are different)\b|"
        r"\bwhite (?:people|race) (?:are|is) (?:being )?(?:replaced|wiped out|under attack)\b|"
        r"\b(?:race war|white power|great replacement)\b",
    ),
    (
        "fgm",
        r"^(?=.*\b(?:abroad|holiday|back home|girls|sisters|aunt|auntie|aunties|aunty|grandma|"
        r"grandmother|nan|ceremony|tradition|village|summer)\b).*\b(?:get|gets|getting|be|being|"
        r"been|have|having|had) (?:\w+ )?cut\b(?! (?:off|short|out|down|back|up|from|in half))|"
        r"\b(?:the )?cutting (?:done|ceremony)\b",
    ),
    (
        "forced marriage",
        r"\b(?:make|makes|making|made|force|forces|forcing|forced|pressur\w*) (?:me|her|him) "
        r"(?:to )?(?:marry|get married|be married)\b|\bforced (?:to|into) (?:marry|marriage|"
        r"get married|a marriage)\b|\bmarried off\b|\bfound (?:a |me a |her a |him a )?(?:husband|"
        r"wife) for\b|\barranged (?:a )?marriage for\b|\b(?:taken|take|taking|sent|send|sending) "
        r"(?:\w+ ){0,4}(?:to get married|and married|to marry|to be married|for (?:a|her|my|his) "
        r"wedding)\b",
    ),
    (
        "self-harm",
        r"\b(?:been|started|start|starts|stop|stopped|keep|keeps|kept|still|back to|relapsed?|"
        r"gone back to|i|i'm|she's|he's) (?:\w+ )?(?:cutting|cuttin)\b(?! (?:the|his|her|my|our|"
        r"their|out|down|back|costs|budgets?|services|hours|corners|class|classes|lessons|school|"
        r"funding|paper|food|grass|hair|shapes|up))|\b(?:cutting|cuttin) again\b(?! (?:the|his|"
        r"her|my|our|their))",
    ),
    (
        "self-harm",
        r"\b(?:till|until|til|so) (?:they|it|i|he|she|them) (?:bleed|bleeds|bled|bleeding|are "
        r"bleeding)\b|\bmake (?:myself|himself|herself|it|them) bleed\b",
    ),
    (
        "suicidal thoughts",
        r"\bwant(?:s|ed)? (?:it all|everything|all of it|the pain|life) to (?:stop|end|be "
        r"over)\b|\b(?:don't|do not|can't|doesn't|does not|cannot) see (?:the |any )?point "
        r"(?:in|of) (?:anything|living|life|going on|being here|carrying on|it all)\b",
    ),
    (
        "suicidal thoughts",
        r"\b(?:note|letter|message|text) (?:saying|to say) (?:goodbye|bye|sorry)\b|\bgoodbye "
        r"(?:note|letter|message)\b|\bgiv(?:e|es|ing|en) away (?:all )?(?:my|his|her) "
        r"(?:things|stuff)\b",
    ),
    (
        "suicidal thoughts",
        r"\b(?:think|thinks|thinking|thought|dream|dreams|wish|wishing) (?:about |of )?(?:not|"
        r"never) (?:waking up|wake up|being here|being alive|existing|living)\b",
    ),
    (
        "overdose",
        r"\b(?:took|taken|take|takes|taking|swallowed|swallow|swallows|swallowing|necked|downed|"
        r"downing) (?:\w+ ){0,6}?(?:a load of|loads of|lots of|a handful of|handfuls of|a whole "
        r"packet of|a packet of|packets of|a box of|a bottle of|too many|a bunch of|"
        r"a few packets of|(?:\w+ )?(?:mum's|dad's|nan's|mums|dads|nans)) (?:\w+ ){0,3}?(?:tablets|"
        r"pills|paracetamol|ibuprofen|meds|medication|medicine|painkillers|bleach)\b",
    ),
    ("overdose", r"\b(?:od|od'd|oded|od'ed|o'd|odd on|oding)\b(?! (?:on (?:sweets|sugar)))"),
    (
        "being unsafe",
        r"\b(?:i|i've|i was|i got|got|been|he got|she got|he was|she was|he's been|she's been|"
        r"i've been|they|we) (?:\w+ )?(?:kicked|thrown|chucked) out\b|\bnowhere (?:else )?to "
        r"(?:stay|live|sleep)\b|\b(?:on the streets?|out all night|stays out all night|staying "
        r"out all night)\b",
    ),
    (
        "being unsafe",
        r"\b(?:sleeping|staying|sleep|stay|stays|sleeps|slept|stayed|kipping|dossing) "
        r"(?:\w+ )?on (?:a |my |his |her |some |someone's |different )?(?:friend's|friends|"
        r"friend|mate's|mates|mate|people's|\w+'s) (?:sofa|sofas|couch|couches|floor|floors)\b",
    ),
    (
        "being unsafe",
        r"\b(?:run|ran|running|runs) (?:away|off) (?:from home|from (?:his|her|my|our|the) "
        r"(?:house|home|dad's|mum's|foster \w+|placement|care home|children's home))\b|\b(?:run|"
        r"ran|running|runs) (?:away|off) (?:at night|in the night|overnight|for (?:days|the night|"
        r"hours))\b|\b(?:don't|do not|never) know where (?:he|she|they) (?:goes|go|went|has gone|"
        r"stays|sleeps)\b",
    ),
    (
        "abuse",
        rf"\b{_HARM_VERB} (?:the )?(?:walls?|doors?|things) and (?:then )?(?:me|us|him|her|mum)\b|"
        rf"\b{_PERSON} (?:\w+ ){{0,2}}(?:twists|twisted|pulls|pulled|yanks|yanked|squeezes|"
        r"squeezed|grabs|grabbed|hits|hit|punches|punched|slaps|slapped|kicks|kicked|bends|bent) "
        r"(?:my|his|her) (?:arms?|hair|ears?|neck|wrists?|face|head|fingers?)\b",
    ),
    (
        "neglect",
        r"\b(?:never|don't|doesn't|won't|not|no one|nobody) (?:\w+ )?(?:wash|washes|washed|"
        r"clean|cleans|cleaned) (?:my|our) (?:clothes|uniform|bedding|sheets)\b|\bno (?:food|tea|"
        r"dinner) (?:in|at) (?:ours|theirs|his|hers)\b|\bno (?:food|tea|dinner) (?:\w+ ){0,3}"
        r"(?:most|some|every) (?:nights|days)\b|\b(?:mum|dad|mam|mom|mother|father|parents) (?:is|"
        r"are|'s) (?:never|hardly ever|always out|never ever) (?:home|in|around|there)\b",
    ),
    (
        "sexual abuse",
        r"\b(?:gets|got|get|getting|comes|came|climbs|climbed) in(?:to)? (?:my |the |his |her )?"
        r"bed with (?:me|him|her)\b|"
        # Any word between "our" and "secret": the spelling step turns "chats" into "thats".
        r"\b(?:keep|keeps|kept) (?:our|these|the) \w+ (?:a )?secret\b",
    ),
    (
        "exploitation",
        r"\b(?:man|men|guy|guys|bloke|blokes|someone|somebody|he|she) (?:\w+ ){0,3}(?:sends|"
        r"sent|pays|paid) (?:me|her|him) (?:\w+ )?(?:money|cash|gifts|presents|vbucks|v bucks|"
        r"robux|credit)\b|\bvideo call (?:him|her|them) (?:on my own|alone|in my room|at night)\b",
    ),
    (
        "exploitation",
        r"\b(?:drive|drives|drove|driving|take|takes|took|taking|send|sends|sent) (?:me|him|her) "
        r"(?:to )?(?:other|another|different) (?:towns?|cities|city|areas?|places)\b|\bfound in "
        r"(?:another|a different) (?:city|town|area)\b|\b(?:with|had|carrying|caught with) "
        r"(?:drugs|weed|a knife|a blade) on (?:him|her|me)\b",
    ),
    (
        "exploitation",
        r"\b(?:getting|gets|got|get) in(?:to)? (?:cars?|vans?) with (?:\w+ ){0,2}(?:men|man|"
        r"guys|strangers|older|lads)\b|\b(?:men|man|guys|adults|people) (?:she|he|i) (?:don't|"
        r"doesn't|didn't) know\b",
    ),
    (
        "online abuse",
        r"\bnude\b|\bfake (?:account|profile|accounts|profiles) (?:of|with|using|pretending|"
        r"about)\b|\bphotos? (?:of (?:me|her|him) )?in (?:a|her|my|his) (?:bikini|underwear|bra|"
        r"pants|knickers)\b",
    ),
    (
        "radicalisation",
        r"\b(?:blow|blowing|shoot|shooting|bomb|bombing) up (?:the|our|his|her|my) (?:school|"
        r"college|mosque|church|synagogue|class)\b|\bbomb (?:videos|making)\b|\b(?:make|making|"
        r"build|building) (?:a )?bombs?\b",
    ),
    (
        "forced marriage",
        r"\b(?:married|engaged|wed) (?:at|when (?:she|he|i) was) (?:1[0-7]|eleven|twelve|"
        r"thirteen|fourteen|fifteen|sixteen|seventeen)\b",
    ),
    (
        "self-harm",
        r"\b(?:blade|blades|razor|razors|sharpener|sharpeners|glass) (?:on|to) (?:my|his|her|"
        r"their) (?:arms?|legs?|wrists?|skin|thighs?|body|stomach)\b|\b(?:use|uses|used|using) "
        r"(?:a )?(?:blade|razor)s? (?:on|to)\b",
    ),
    (
        "suicidal thoughts",
        r"\b(?:happier|better|easier|better off) (?:\w+ )?(?:if i (?:was|were|wasn't|weren't) "
        r"(?:gone|dead|here|around|alive)|without me)\b",
    ),
    (
        "being unsafe",
        r"\b(?:slept|sleeping|sleep|sleeps) (?:in|at) (?:the|a) (?:park|bus station|stairwell|"
        r"shed|garage|car park|street|streets)\b|\b(?:ran|run|runs|running) away (?:last night|"
        r"last nite|in the night|at night|overnight|for (?:days|the night))\b|\b(?:told|tells|"
        r"tell|said) (?:me|him|her|us) to (?:get out|leave|go) and (?:never|not|don't) (?:come "
        r"back|come home|return)\b|\bget out (?:of (?:my|the|this) house|and (?:never|don't))\b",
    ),
    (
        "neglect",
        r"\bleft (?:\w+ ){0,2}(?:in the (?:flat|house)|at home|home) (?:all|for) (?:weekend|the "
        r"weekend|night|the night|days|the week|week)\b",
    ),
    (
        "sexual abuse",
        r"^(?=.*\b(?:online|tiktok|snapchat|snap|instagram|insta|fortnite|roblox|discord|"
        r"whatsapp|xbox|playstation|omegle)\b)(?=.*\b(?:man|men|guy|bloke|older|adult|stranger|"
        r"someone|somebody)\b).*\b(?:meet|meet up|come to his|come round|his flat|his house|"
        r"his place|not tell|secret|video call|on my own)\b",
    ),
    (
        "sexual abuse",
        r"\b(?:[2-5]\d) year old (?:boyfriend|girlfriend|man|partner)\b|\b(?:man|mans|man's|men|"
        r"guy|guys|boyfriend|bloke)(?: \w+){0,3} (?:who is|who's|aged) (?:1[89]|[2-5]\d)\b|"
        r"\bstays? over at (?:a|his|some|an older) (?:man|mans|man's|guy's|bloke's|boyfriend's|"
        r"older)\b",
    ),
    (
        "exploitation",
        r"\b(?:take|takes|taking|took|drop|dropping|deliver|delivering|carry|carrying) (?:bags|"
        r"packages|parcels|stuff|things) (?:to (?:places|people|other|different)|round for)\b|"
        r"\b(?:going|goes|gone|went|go) off with (?:\w+ )?older\b|\b(?:comes|come|came|coming) "
        r"(?:back|home) (?:high|drunk|stoned|smelling of (?:weed|alcohol|drink))\b|\bburner\b",
    ),
    (
        "online abuse",
        r"\b(?:sell|sells|selling|sold) (?:\w+ ){0,2}(?:pics?|photos?|pictures?|videos?|content|"
        r"nudes)\b|\bblackmail(?:s|ed|ing)? (?:me|him|her)\b",
    ),
    (
        "radicalisation",
        r"\b(?:deserve|deserves) to (?:die|be killed|be punished|burn)\b|\b(?:kuffar|kafir|"
        r"kaffir|infidels)\b",
    ),
    (
        "forced marriage",
        r"\b(?:have|has|had|got) to (?:marry|get married)\b|\bdisown(?:s|ed)? (?:me|him|her)\b",
    ),
    (
        "self-harm",
        r"\b(?:lighter|lighters|cigarettes?|lit match|matches|hot (?:iron|spoon|knife)) (?:to|on) "
        r"(?:my|his|her|their) (?:skin|arms?|legs?|hands?|body|wrists?)\b",
    ),
    (
        "overdose",
        r"\b(?:tablets|pills|meds|paracetamol|painkillers) saved up\b|\b(?:saving|saved|"
        r"stockpil\w*|hoarding|hiding) (?:up )?(?:my |his |her )?(?:tablets|pills|meds|"
        r"paracetamol|painkillers)\b",
    ),
    (
        "being unsafe",
        r"\b(?:mum|dad|she|he|they|parents|mam|mom|mother|father) (?:\w+ )?(?:don't|doesn't|"
        r"didn't) want (?:me|him|her) (?:any ?more|living (?:here|there|with)|in the house|"
        r"back)\b|\b(?:me|him|her) to find (?:somewhere|someplace|another place) (?:else )?to "
        r"(?:live|stay|sleep)\b",
    ),
    # Physical abuse: force-feeding, marks nobody explains, being held down or set alight,
    # hurt for not doing as told.
    (
        "abuse",
        r"\b(?:push|pushes|pushed|pushing|shove|shoves|shoved|stuff|stuffs|stuffed|force|"
        r"forces|forced|forcing) (?:the |my |his |her )?food (?:in|into|down)\b|\b(?:hold|holds|"
        r"held|holding) (?:my|his|her) nose\b",
    ),
    (
        "abuse",
        r"\b(?:hand ?print|hand ?prints|finger ?marks|fingertip bruis\w*|grip marks|belt marks|"
        r"slap marks)\b|\binjur(?:y|ies) (?:that )?(?:he|she|they) (?:won't|will not|can't|cannot|"
        r"couldn't|could not|doesn't|does not|didn't) (?:explain|say how|talk about)\b",
    ),
    (
        "abuse",
        r"\b(?:hold|holds|held|holding|pin|pins|pinned|pinning) (?:me|him|her|us) down\b|"
        r"\b(?:set|sets|setting) fire to (?:me|him|her|my|his|her)\b|\b(?:jump|jumps|jumped|"
        r"jumping) (?:me|him|her|us)\b(?! (?:up|over|off|into|in|on|around|about))",
    ),
    (
        "abuse",
        r"\b(?:punch|punches|punched|punching|kick|kicks|kicked|kicking|slap|slaps|slapped|"
        r"slapping|batter|batters|battered|strangle|strangles|strangled|choke|chokes|choked|"
        r"thump|thumps|thumped|whack|whacks|whacked|smack|smacks|smacked|stab|stabs|stabbed|"
        r"spit on|spat on|spits on|spits at|spat at) (?:me|us)\b(?! (?:out|off|up)\b)",
    ),
    (
        "abuse",
        r"\b(?:make|makes|making|made|force|forces|forcing|forced) (?:me|him|her) (?:to )?"
        r"(?:eat|drink|lick|swallow) (?:\w+ ){0,3}(?:off|from|out of) (?:the )?(?:floor|ground|"
        r"toilet|bin)\b|\b(?:kick|kicks|punch|punches|hit|hits|hurt|hurts|beat|beats|batter|"
        r"slap|slaps) (?:me|him|her|us) if (?:i|he|she|we) (?:don't|do not|won't|refuse|say no|"
        r"tell)\b",
    ),
    # Emotional abuse: told they are worthless or unwanted, threatened with being sent away,
    # food eaten in front of them, a pet threatened to keep them quiet.
    (
        "emotional abuse",
        r"\b(?:say|says|said|saying|tell|tells|told|telling|call|calls|called|calling|shout|"
        r"shouts|shouted|scream|screams|screamed|yell|yells|yelled) (?:to )?(?:me|him|her|us) "
        r"(?:that )?(?:\w+ ){0,2}?(?:i'm|i am|im|i was|he is|he's|she is|she's|we are|you're|"
        r"you are|your|they are)?(?: a| so| too| just| such a| nothing but)? ?" + _INSULT + r"\b",
    ),
    (
        "emotional abuse",
        r"\b(?:they|he|she|mum|mam|mom|dad|parents|carer|carers|stepdad|stepmum|step dad|"
        r"step mum|boyfriend|nan|everyone|teacher|staff) (?:\w+ ){0,6}?(?:say|says|said|"
        r"keep saying|"
        r"keeps saying|always say|always says) (?:that )?(?:i'm|i am|im|i was|i'll never be) "
        r"(?:a |so |too |just |such a |nothing but )?" + _INSULT + r"\b",
    ),
    (
        "emotional abuse",
        r"\b(?:nobody|no one|noone|no body) (?:ever )?(?:wanted|wants|loves|loved|cares about|"
        r"cared about) (?:me|him|her)\b",
    ),
    (
        "emotional abuse",
        r"\bthreat\w* (?:\w+ ){0,5}to (?:put|send|give|kick|throw|leave|abandon|get rid of) "
        r"(?:me|him|her|us|them)\b|\b(?:says|said|keeps saying|tells|told) (?:me |him |her )?"
        r"(?:she'll|he'll|they'll|she will|he will|they will|she's going to|he's going to|"
        r"they're going to|going to) (?:put|send|give) (?:me|him|her) (?:away|in (?:a home|care|"
        r"a children's home))\b",
    ),
    (
        "emotional abuse",
        r"\b(?:kill|drown|hurt|poison|get rid of|stab|strangle) (?:my|his|her|our|the) (?:cat|"
        r"dog|puppy|kitten|pet|pets|rabbit|hamster|guinea pig|bird)\b",
    ),
    (
        "emotional abuse",
        r"\b(?:eat|eats|ate|eating) (?:it|them|takeaways?|food|dinner|tea|pizza) in front of "
        r"(?:me|him|her|us)\b|\b(?:makes?|made|making) (?:me|him|her) (?:sit|stand) "
        r"(?:\w+ ){0,5}for hours\b",
    ),
    (
        "emotional abuse",
        r"\b(?:shout|shouts|shouted|shouting|scream|screams|screamed|screaming|yell|yells|"
        r"yelled|yelling|swear|swears|swore|swearing) at (?:me|him|her|us|mum|my mum) "
        r"(?:all (?:the time|night|day)|every (?:day|night)|at night|constantly|for hours)\b",
    ),
    # Sexual abuse and exploitation.
    (
        "sexual abuse",
        r"\b(?:make|makes|made|making|force|forces|forced|ask|asks|asked|asking|get|gets|got|"
        r"want|wants|wanted|tell|tells|told|pressur\w*) (?:me|him|her|us) (?:to )?(?:take|"
        r"takes|took) (?:off )?(?:my|his|her|our|their)? ?(?:clothes|pants|knickers|underwear|"
        r"bra)(?: off)?\b|\bsexual (?:things|stuff|acts?|favours|touching|pictures|photos|videos|"
        r"messages|comments|games?)\b|\b(?:have|had|having) sex with (?:me|him|her)\b|"
        r"\b(?:secret|tickle|naughty|rude|touching) games?\b",
    ),
    (
        "sexual abuse",
        r"\b(?:older|much older|adult|grown up|grown) (?:boyfriend|boyfriends|girlfriend|"
        r"partner|lover)\b|\b(?:have|has|had|made|make|makes|got) to (?:go|sleep|be|stay) with "
        r"(?:men|older men|his friends|strangers|other men)\b",
    ),
    (
        "exploitation",
        r"^(?=.*\b(?:men|man|older (?:guy|guys|man|men|lad|lads|boys?|friend|friends|mate|"
        r"mates|woman|women)|adults?|guys?|strangers?|blokes?)\b).*\b(?:give|gives|gave|giving|"
        r"buy|buys|bought|buying|offer|offers|offered|offering|pay|pays|paid|paying|send|sends|"
        r"sent) (?:me|him|her) (?:\w+ ){0,3}?(?:money|cash|drink|alcohol|vodka|drugs|weed|"
        r"sweets|vapes?|cigarettes|fags|gifts?|presents?|phones?|trainers|lifts?|somewhere to "
        r"stay|a place to stay|gift cards)\b",
    ),
    (
        "exploitation",
        r"\b(?:older|adult|grown up) (?:friend|friends|mate|mates|guy|guys|man|men|lad|lads|"
        r"bloke|woman|girl) (?:\w+ ){0,3}(?:buys|bought|gives|gave|pays|paid|sends|sent|picks "
        r"(?:him|her|me) up|picked (?:him|her|me) up)\b|\b(?:wants?|wanted|expects?|expected|"
        r"asks? for|asked for) (?:something|stuff|things|favours|sex) (?:back|in return)\b|"
        r"\bin (?:return|exchange) for (?:\w+ )?(?:gift cards|money|cash|vbucks|v bucks|robux|"
        r"credit|pics?|photos?|pictures?|sex|drugs|somewhere|a place|drink|alcohol|gifts?|"
        r"presents?)\b",
    ),
    (
        "exploitation",
        r"^(?=.*\b(?:room|hotel|flat|house|car|van|party|parties|night|stay|stayed|staying|"
        r"friends)\b).*\b(?:adult|older|grown) (?:men|man|males?|guys)\b|\b(?:messages?|messaging|"
        r"texts?|texting|chats?) from (?:\w+ ){0,2}(?:men|man|an adult|adults|older (?:men|man|"
        r"guy|guys|boys)|strangers?)\b|\b(?:want|wants|wanted|asked|asks|told|tell|tells|try|"
        r"tried|trying) (?:me|him|her) to (?:go|get|come) in(?:to)? (?:the|a|his|their) "
        r"(?:van|car|cars|vans)\b",
    ),
    # Criminal exploitation and county lines: debts, carrying and holding for others, being
    # used to sell or steal, dealers, more phones and cash than a child should have.
    (
        "exploitation",
        r"\bowe[sd]? (?:someone|somebody|people|a dealer|dealers|the dealers?|the gang|a gang|"
        r"older)\b|\bowe[sd]? (?:them|him|her|these people|those people) (?:money|cash|\d+|a "
        r"(?:grand|hundred|debt)|(?:\w+ )?(?:grand|quid|pounds?|hundred))\b|\b(?:in|got into|"
        r"a) debt (?:to|with) (?:them|him|dealers?|a gang|older|these)\b|\b(?:has|have|had|got) "
        r"to (?:\w+ ){0,3}or else\b",
    ),
    (
        "exploitation",
        r"\b(?:carry|carrying|carried|carries|hold|holding|held|holds|move|moving|moved|moves|"
        r"stash|stashing|hide|hiding|hid|drop|dropping|dropped|deliver|delivering|delivered|run|"
        r"running|ran|sell|selling|sold) (?:\w+ ){0,2}(?:drugs|weed|gear|wraps|white powder|"
        r"cocaine|coke|crack|cannabis)\b|\b(?:carry|carrying|hold|"
        r"holding|hide|hiding|keep|keeping|move|moving|look after|looking after) (?:\w+ ){0,2}"
        r"(?:stuff|things|money|cash|phones?|knives|a knife|packages|parcels) for (?:them|older|"
        r"the older|some older|people|these|those|an older|a gang|the gang|dealers)\b",
    ),
    (
        "exploitation",
        r"\b(?:using|uses|used|use) (?:me|him|her|them) to (?:sell|carry|move|hold|deliver|run|"
        r"steal|drop|hide|stash|deal|rob)\b|\bbeing used to (?:sell|carry|move|hold|deliver|"
        r"run|steal|drop|hide|stash|deal|rob)\b|\b(?:make|makes|made|making|force|forces|forced|"
        r"tell|tells|told|get|gets|got|getting) (?:me|him|her|us) (?:to )?(?:steal|shoplift|"
        r"nick|sell|deal|rob|stealing|shoplifting|nicking|selling|dealing|robbing|carry|"
        r"carrying|hold|holding|run|running|doing runs) (?:\w+ ){0,2}?(?:for|drugs|weed|stuff|"
        r"things|from|in|at|after|phones|bags)\b",
    ),
    (
        "exploitation",
        r"\b(?:doing|do|does|did|done|go on|going on|went on|sent on) (?:\w+ )?(?:runs|drops|"
        r"drop offs|deliveries) (?:for|after|to|in|round|at|before)\b|\b(?:trap house|trap phone|"
        r"trapping|shotting|going country|gone country|went country|cuckooed|cuckooing)\b",
    ),
    (
        "exploitation",
        r"\b(?:with|around|for|by|from) (?:\w+ )?(?:dealers|drug dealers|a dealer|gang members|"
        r"a gang|the gang|gangs)\b|\b(?:joined|join|joining|in) (?:a|the) gang\b|\b(?:drugs|weed|"
        r"cash|money|powder|knife|"
        r"blade) (?:\w+ )?(?:sewn|stitched|stashed) (?:in|into|inside|under)\b",
    ),
    (
        "exploitation",
        r"\b(?:found|finding|find|had|hiding|hides|hid|hidden|keeps|kept|stashed|with) "
        r"(?:\w+ ){0,4}(?:drugs|weed|white powder|wraps|cocaine|crack|cannabis|a machete|"
        r"machetes|a knife|knives|lots of cash|a lot of cash|loads of cash|wads of cash|rolls of "
        r"cash) (?:\w+ ){0,3}(?:in|under|inside) (?:his|her|my|their|the) (?:room|bedroom|bag|"
        r"school bag|coat|jacket|shoes|socks|pants|underwear|pocket|pockets|lining|bed|mattress|"
        r"pencil case|locker)\b|\brobbed of (?:what|the|his|her|my) (?:\w+ )?(?:i|he|she) (?:was|"
        r"were) (?:carrying|holding|looking after|moving|dropping)\b",
    ),
    # Neglect: the care, food, clothing, medicine and supervision a child depends on.
    (
        "neglect",
        r"^(?!.*\b(?:school|nursery|college|class)\b).*\b(?:no one|nobody|noone|never|not|doesn't|"
        r"don't|won't|didn't|isn't|wasn't) (?:\w+ ){0,2}?(?:change|changes|changed|changing) "
        r"(?:(?:me|him|her)(?: (?:till|until|"
        r"all|for|when|after|at|in|and|or|so|properly|enough|often|regularly)\b|$)|(?:my|his|"
        r"her) (?:pads?|nappy|nappies|bedding|sheets|pull ups))|\bleft (?:\w+ ){0,2}in (?:my|"
        r"his|her|their|the|a) (?:wheelchair|chair|bed|cot|room|bedroom|buggy|pram|car|dirty \w+|"
        r"wet \w+) (?:\w+ ){0,2}(?:all|for|till|until) (?:day|night|hours|the day|days|ages|the "
        r"evening|tea|dinner|bedtime|night time)\b",
    ),
    (
        "neglect",
        r"\b(?:no one|nobody|noone) (?:\w+ ){0,2}?(?:give|gives|given|giving|gave) (?:me|him|her|"
        r"us) (?:my|his|her|our|the) (?:\w+ )?(?:tablets|medicine|medication|meds|inhaler|insulin|"
        r"feeds|epipen|pills|injections?)\b|\b(?:mum|dad|mam|parents|my parents|carer) (?:\w+ )?"
        r"(?:never|doesn't|don't|won't|didn't|forgets to|stopped) (?:give|giving|gives) (?:me|him|"
        r"her|us) (?:my|his|her|our|the) (?:\w+ )?(?:tablets|medicine|medication|meds|inhaler|"
        r"insulin|feeds|pills)\b|\b(?:feeds|medication|medicine|insulin|tablets|meds) (?:are|is|"
        r"were|was|have|has) (?:not|never) (?:being |been )?given at home\b|\bnever (?:takes|"
        r"took|take) (?:me|him|her|us) to (?:the )?(?:doctor|doctors|dentist|gp|hospital|"
        r"appointments)\b",
    ),
    (
        "neglect",
        r"\b(?:visibly|constantly) hungry\b|\b(?:takes|took|taking|steals|stole|stealing|eats|"
        r"eating|ate) food (?:from|out of) (?:other|others|bins?|the bins?|lunchboxes|other "
        r"children's|other kids')\b|\b(?:eating|eats|ate|food) (?:out of|from) (?:the )?bins?\b|"
        r"\b(?:untreated|rotten|rotting) (?:teeth|tooth|toothache|infection|injur\w*|wounds?|"
        r"sores?)\b|\b(?:unwashed|soiled) (?:clothes|uniform)\b|\b(?:smelling|smells|smelt) of "
        r"(?:urine|wee|pee)\b|\b(?:covered|crawling) (?:in|with) lice\b",
    ),
    (
        "neglect",
        r"\b(?:spend|spends|spent|spending) (?:all |most )?(?:of )?(?:the |our |my |his |her )?"
        r"(?:money|benefits|dla|pip|wages|food money) on (?:drink|alcohol|drugs|booze|gambling|"
        r"weed|fags|cigarettes|betting)\b",
    ),
    (
        "neglect",
        r"\bleft (?:\w+ ){0,3}(?:alone|on (?:my|his|her|our|their) own|by (?:my|him|her|our|"
        r"them)sel(?:f|ves)) (?:\w+ ){0,4}(?:overnight|all night|at night|for the night|all "
        r"weekend|all day|while (?:she|he|they|mum|dad) (?:went|goes|go|was|were) out)\b|"
        r"\b(?:she|he|they|mum|dad|mam|parents) (?:\w+ )?(?:goes|go|went) out (?:and|&) "
        r"(?:leaves|left|leave) (?:me|us|him|her|them)\b",
    ),
    # Domestic abuse seen or heard at home, including a parent's partner controlling them.
    (
        "violence at home",
        r"\b(?:he|boyfriend|dad|stepdad|step dad|husband|partner) (?:\w+ )?(?:won't|wont|will "
        r"not|doesn't|does not|never|didn't) let (?:her|mum|my mum|mam|my mam|my mother) (?:see "
        r"(?:her|their) (?:friends|family|mum|sister|parents)|go out|leave the house|have (?:any )?"
        r"money|have (?:a|her) phone|use (?:a|her) phone|work|talk to)\b|\b(?:takes|took|checks|"
        r"checked|smashed|smashes) (?:mum's|mums|my mum's) phone\b|\bcontrols? (?:all )?(?:the|"
        r"mum's|mums) money\b",
    ),
    (
        "violence at home",
        r"\bwhen (?:they|mum and dad|my parents|parents|mum and her boyfriend|dad and his "
        r"girlfriend|dad and mum|mum and \w+) (?:\w+ )?(?:argue|argues|fight|fights|row|rows|"
        r"get drunk|drink|kick off)\b.*\b(?:throw\w*|threw|smash\w*|hit|hits|hurt\w*|"
        r"scream\w*|police|scared|hide|hides|hid|break|breaks|broke|glass|knife|blood|bruis\w*)\b|"
        r"\b(?:dad|daddy|stepdad|step dad|father|mum's boyfriend|mums boyfriend|her boyfriend|"
        r"mum|mam|stepmum|my parents|they) (?:\w+ )?(?:throws|threw|throwing|chucks|chucked|"
        r"smashes|smashed|smashing|breaks|broke) (?:stuff|things|plates|glasses|furniture|chairs|"
        r"bottles|the tv|the telly|doors)\b(?=.*\b(?:hit|hits|hurt|me|mum|scared|cut|argue|"
        r"fight|drunk|shout\w*|scream\w*)\b)",
    ),
    # Online abuse and image sharing.
    (
        "online abuse",
        r"\b(?:dick|cock|willy) pics?\b|\b(?:ask|asks|asked|asking|want|wants|wanted|begging|"
        r"begged|pressur\w*|keeps asking|kept asking) (?:me|him|her|us) (?:for|to send|to "
        r"take|to show) (?:a |some |more |me |him |her )?(?:pics?|pictures?|photos?|selfies?|"
        r"videos?|snaps?|nudes|body)\b|\b(?:pics?|pictures?|photos?|selfies?|videos?|snaps?) "
        r"(?:of (?:me|her|him) )?in (?:a|her|my|his|their|your) (?:bikini|underwear|bra|pants|"
        r"knickers|swimsuit|boxers)\b",
    ),
    (
        "online abuse",
        r"\b(?:turn|turns|turned|put|switch) (?:on )?(?:my|his|her|the|your) (?:camera|webcam)"
        r"(?: on)?\b(?=.*\b(?:man|men|adult|older|stranger|clothes|naked|undress|underwear)\b)|"
        r"\b(?:on|over) (?:camera|webcam|video call|facetime)\b(?=.*\b(?:clothes|naked|undress|"
        r"underwear|touch|private)\b)|\b(?:being|been|getting|got|is being|was being|am being) "
        r"blackmail(?:ed)?\b",
    ),
    (
        "threats",
        r"\b(?:man|adult|stranger|person|guy|he|she|they|someone|somebody|people) (?:says |said |"
        r"told me |keeps saying |keeps messaging |messaged |saying )?(?:that )?(?:he |she |they )?"
        r"(?:knows?|found out) (?:where (?:i|he|she|we) (?:live|lives|go to school|goes to "
        r"school)|(?:my|his|her|our) (?:address|school and|house))\b|\b(?:sent|sends|send) "
        r"(?:me|him|her|us) (?:\w+ )?(?:pics?|pictures?|photos?) of (?:my|his|her|our) "
        r"(?:house|home|school|address|mum|family)\b",
    ),
    (
        "threats",
        r"\bnext time (?:they'll|theyll|they will|they'd|he'll|hell|he will|she'll|she will|"
        r"it'll|it will|they're going to|he's going to|they are going to) (?:\w+ ){0,2}(?:do "
        r"(?:my|your|his|her|me|him|you|worse)|get (?:me|him|her|you)|hurt|kill|stab|batter|beat|"
        r"burn|be worse|worse)\b|\b(?:do|doing) (?:even )?worse next time\b|\b(?:he'll|hell|"
        r"she'll|they'll|theyll|he will|she will|they will|gonna|going to) (?:come (?:round |over "
        r")?and |find (?:me|him|her) and )(?:batter|beat|hurt|kill|stab|get|jump|smash|burn|"
        r"shank|knife|slap|punch|kick|rape) (?:me|him|her|us|my)\b",
    ),
    (
        "threats",
        r"\bhell (?:kill|drown|hurt|stab|beat|batter|burn|hit) (?:me|him|her|us|my|mum|them)\b"
        r"(?! if (?:i|we|he|she) (?:fail|forget|lose|break|miss|am late|are late))|\bif (?:i|we|"
        r"she|he) (?:ever )?(?:tell|tells|told|say anything|speak|grass|snitch)\b.*\b(?:hurt|"
        r"drown|beat|batter|stab|burn|take me away|send me away|get rid of|kill (?:my|her|his|"
        r"mum|the|us))\b",
    ),
    # Radicalisation: dehumanising talk of a group, praise of attackers, plans.
    (
        "radicalisation",
        r"\b(?:should|must|need to|needs to|deserve to|deserves to|ought to) (?:all )?(?:be )?"
        r"(?:wiped out|exterminated|gassed|cleansed|killed|shot|bombed|burned|burnt|hurt)\b|"
        r"\bdeserves? (?:what's|whats|what is) coming\b|\bcleans(?:e|ing) (?:the|our|this) "
        r"(?:area|country|town|streets|city|land)\b",
    ),
    (
        "radicalisation",
        r"\b(?:school shooters?|mass shooters?|shooters|bombers?|terrorists?|incels?|hitler|the "
        r"nazis|nazis|isis|jihadis?|martyrs) (?:are|were|was|is) (?:\w+ )?(?:heroes|hero|right|"
        r"legends?|gods?|saints|brave|amazing|the best|correct|good)\b|\b(?:martyrdom|jihad|"
        r"caliphate|white genocide|race traitors?|blackpill|black pill)\b|\b(?:unbelievers|"
        r"apostates?|murtads?)\b",
    ),
    (
        "radicalisation",
        r"\b(?:plan|plans|planning|planned|plot|plotting) (?:\w+ ){0,3}(?:to )?(?:attack|bomb|"
        r"shoot|kill|burn down|blow up|set fire to|stab)\b|\bso (?:people|everyone) (?:will )?"
        r"remember (?:me|him|her)\b|\b(?:show|shows|showing|showed|teach|teaches|teaching|"
        r"taught) (?:me|him|her) (?:how )?to make (?:stuff|things|bombs?|weapons|explosives|"
        r"something) to (?:hurt|kill|attack|blow)\b",
    ),
    (
        "radicalisation",
        r"\b(?:people like us|our people|our race|our kind) (?:are|is) (?:better|superior|"
        r"chosen)\b|\b(?:the )?others? (?:are|is) (?:bad|evil|the enemy|vermin|animals) and "
        r"(?:must|should|need to|deserve to)\b|\b(?:telling|tells|told|says|said) (?:me|him|"
        r"her) (?:not to|to never|never to) (?:trust|tell|listen to) (?:anyone|his|her|my|your|"
        r"their|family|parents|mum|dad|teachers)\b",
    ),
    # FGM: a procedure or ceremony for a girl, a "cutting" or being "made clean", usually on
    # a visit abroad or arranged by older relatives.
    (
        "fgm",
        r"^(?=.*\b(?:abroad|holiday|holidays|back home|go home|going home|summer|visit|visiting|"
        r"trip|aunt|aunts|auntie|aunty|aunties|gran|granny|grandma|grandmother|nan|nana|nanny|"
        r"ceremony|tradition|traditional|village|all the girls|girls|elders|cousin|sister)\b)"
        r".*\b(?:(?:the|my|her) (?:procedure|cutting)(?! (?:for|to|of|is|was|at|in|and|has|had|"
        r"with)\b)|(?:special|secret|a) ceremony (?:for|to)|ceremony (?:for|to make) (?:me|her)|"
        r"(?:the|my|her) thing (?:done|that)|(?:have|having|had|get|getting|got|be|being|been|"
        r"do|did|done) (?:\w+ )?(?:cut|made clean|cleaned|purified|closed)\b(?! (?:off|short|"
        r"out|down|back|up|from|in half|the|my|his|her)\b)|(?:make|makes|made|making) (?:me|"
        r"her) (?:clean|pure|a woman|a proper woman)|become a woman|operation down (?:below|"
        r"there)|down below)\b",
    ),
    (
        "fgm",
        r"\b(?:my|her|your|our) turn (?:for|to (?:be|get|have)) (?:the |it )?(?:cutting|cut|"
        r"done|procedure|ceremony|operation)\b|\b(?:walks|walking|walk) with difficulty\b"
        r"(?=.*\b(?:abroad|holiday|trip|summer|down below|private|operation)\b)",
    ),
    # Forced marriage: a child, or a young person who cannot consent, married or promised.
    (
        "forced marriage",
        r"^(?=.*\b(?:marry|to be married|get married|getting married|got married|was married|"
        r"were married|be married|married off|married to|married in|nikah|nikkah|rishta|engaged "
        r"to|(?:my|her|his) engagement|betrothed|promised to)\b)(?=.*" + _AGE + r")",
    ),
    (
        "forced marriage",
        r"\b(?:marry|married|wed|engaged|marrying) (?:\w+ ){0,4}(?:who|whoever|the man|the boy|"
        r"the girl|the person|someone|somebody) (?:they|my parents|mum|dad|my family|the "
        r"family|my dad|my mum|they've|my uncle) (?:pick|picked|chose|choose|chosen|want|wants|"
        r"wanted|found|find|arranged|choosing|picking)\b|\b(?:want|wants|wanted|expect|expects|"
        r"expected|arrang\w*|push|pushing|pushed|told|tell|tells) (?:me|her|him) (?:to )?"
        r"(?:marry|get married|be married|wed)\b|\b(?:nikah|nikkah|rishta) (?:for|with|to)\b",
    ),
    # Self-harm.
    (
        "self-harm",
        r"\b(?:punish|punishes|punished|punishing) (?:my|him|her|them)sel(?:f|ves)\b|\b(?:make|"
        r"makes|made|making) (?:my|him|her)self (?:sick|throw up|vomit|bleed)\b(?! with "
        r"(?:worry|stress|nerves))|\b(?:throw|throws|threw|throwing) up (?:after (?:meals|"
        r"eating|food|dinner|tea)|on purpose)\b",
    ),
    (
        "self-harm",
        r"\b(?:cuts|scars|scratches|burns|slashes|marks) (?:\w+ ){0,3}(?:on|up|across|all over|"
        r"down) (?:(?:the )?(?:tops? of )?(?:my|his|her|their|both) )?(?:arms?|forearms?|wrists?|"
        r"legs?|thighs?|stomach|tummy|hips?)\b|\b(?:covered in|full of|rows of|lots of|loads of) "
        r"(?:cuts|scars|scratches|burns)\b(?! (?:from|after))",
    ),
    (
        "self-harm",
        r"\b(?:need|needs|new|hidden|hide|hides|hid|hiding|found|find|buy|bought|hoard\w*|"
        r"stash\w*) (?:\w+ )?(?:blades|razor blades|sharpener blades)\b|\b(?:hurt|hurts|cut|cuts|"
        r"scratch|scratches|scratched|stab|stabbed|burn|burned|burnt) (?:my|his|her|their) "
        r"(?:arms?|legs?|wrists?|skin|thighs?|stomach|hands?) (?:with (?:a |the )?(?:sharp|knife|"
        r"blade|razor|pen|compass|scissors|glass|pencil sharpener|lighter|something)|on "
        r"purpose)\b|\b(?:sharp (?:thing|things|object|objects|stuff)|something sharp)\b"
        r"(?=.*\b(?:hurt|cut|arm|leg|skin|feel|bleed)\w*)",
    ),
    (
        "self-harm",
        r"\b(?:doing|done|did|do) it again\b.*\b(?:deeper|blood|bleed\w*)\b|\bdeeper (?:than|"
        r"this time|each time|every time)\b|^(?=.*\b(?:hurt|cut|cutting|burn|burning|scratch|"
        r"scratching|sharp|blade|blood|bleed)\w*).*\b(?:make|makes|made) the (?:bad )?"
        r"(?:feelings?|pain|thoughts?) (?:go away|stop)\b",
    ),
    # Suicidal thoughts.
    (
        "suicidal thoughts",
        r"\b(?:rather|prefer to|prefer) (?:\w+ )?(?:not wake up|never wake up|be dead|die|not be "
        r"here|not be alive|not exist|not be around)\b(?! (?:than|of|at|in)\b)|\b(?:what's|whats|"
        r"what is) the point (?:in|of) (?:living|life|being alive|going on|carrying on|"
        r"anything|being here|it all|me)\b",
    ),
    (
        "suicidal thoughts",
        r"\b(?:quickest|easiest|painless|painlessly|best|fastest|quick|easy) (?:way|ways|method|"
        r"methods) (?:to|of) (?:die|dying|kill (?:my|your)self|end it|end my life)\b|\bhow to "
        r"(?:kill (?:my|your)self|die|hang (?:my|your)self|overdose|end it|end my life|tie a "
        r"noose)\b|\bnoose\b",
    ),
    (
        "suicidal thoughts",
        r"\b(?:thinking|thought|think|thinks|wants?|wanted|going|tried|trying|talks|talked|"
        r"talking) (?:about |of |to )?(?:stepping|step|jumping|jump|throwing (?:my|him|her)self) "
        r"(?:off|in front of)\b(?! (?:the |a )?(?:diving|board|trampoline|wall|bed|sofa|swing|"
        r"slide|climbing|bus|steps|stage|ledge|bench|table|chair))|\bin front of (?:a|the) "
        r"(?:train|lorry|truck)\b|\bedge of (?:the|a) (?:platform|bridge|roof|cliff)\b",
    ),
    # Overdose.
    (
        "overdose",
        r"\boverdos\w*\b|\b(?:took|swallowed|necked|downed|ate) (?:\w+ ){0,2}?(?:all|every) "
        r"(?:of )?(?:my|his|her|their|the|mum's|mums|dad's|dads|nan's|\w+'s) (?:\w+ )?"
        + _PILLS
        + r"\b|\b(?:took|taken|taking|swallowed|swallowing|necked|downed|ate|eaten) "
        r"(?:\w+ ){0,2}?(?:[1-9]\d+|a (?:big |whole )?handful|handfuls|a load|the rest|the whole "
        r"(?:box|packet|bottle|strip)|(?:a |some |two |three )?(?:boxes|packets|bottles|strips)) "
        r"(?:of )?(?:\w+ ){0,2}?" + _PILLS + r"\b(?! (?:a|every|each|per) (?:day|week|morning|"
        r"night))|\b(?:took|taken|swallowed|ate|had) (?:\w+ ){0,8}(?:tablets|pills|meds|"
        r"medication|medicine|melatonin|paracetamol)\b.*\bon purpose\b|\bstomach pumped\b",
    ),
    # Missing, thrown out, sleeping rough.
    (
        "being unsafe",
        r"^(?=.*\b(?:left (?:the house|home)|went out|walked out|disappeared|went missing|gone "
        r"missing|goes missing|not come home|didn't come home|hasn't come home|did not come "
        r"home|has not come home|not come back|didn't come back|hasn't come back)\b).*"
        r"\b(?:haven't heard|have not heard|not heard|no idea where|don't know where|do not know "
        r"where|phone is off|phone's off|phone off|since (?:friday|saturday|sunday|monday|"
        r"tuesday|wednesday|thursday|yesterday|last night))\b",
    ),
    (
        "being unsafe",
        r"\b(?:disappear\w*|vanish\w*|go(?:es|ne|ing)? missing|went missing|run(?:s|ning)? off|"
        r"ran off) (?:for (?:days|nights|the night|a night|whole days|the weekend|\d+ (?:days|"
        r"nights))|overnight|all night|at night|in the night)\b|\bmissing for (?:days|nights|a "
        r"(?:night|week|weekend)|\d+ (?:days|nights)|two days|three days)\b|\bgone for (?:days|"
        r"nights|\d+ days)\b",
    ),
    (
        "being unsafe",
        r"\b(?:can't|cannot|can not|couldn't|not allowed to) (?:go|come) (?:back )?home\b(?! "
        r"(?:until|till|before|early|on time|at lunch|for lunch))|\b(?:living|lives|live|lived|"
        r"sleeping|sleeps|slept|staying|stays|stayed) (?:\w+ )?in (?:a|the) (?:tent|garage|"
        r"shed|stairwell|bus shelter|doorway|squat)\b|\bunder (?:a|the) bridge\b",
    ),
    # More ways of saying each kind of harm, in the words children and parents use.
    (
        "abuse",
        r"\b(?:hit|hits|hitting|beat|beats|beating|whack|whacks|whacked|smack|smacks|smacked|"
        r"thump|thumps|thumped|slap|slaps|slapped) (?:me|him|her|us|them) with (?:a |the |his |"
        r"her |my |their )?(?:\w+ )?(?:belt|belts|stick|sticks|shoe|shoes|spoon|slipper|cable|"
        r"wire|hanger|lead|ruler|bat|hose|pole|chain|plug)\b|\b(?:got|get|gets|getting|given|had|"
        r"give|gives) (?:me |him |her )?(?:a|another) (?:beating|hiding|good hiding|kicking|"
        r"battering|thrashing)\b",
    ),
    (
        "abuse",
        r"\b(?:shook|shakes|shaking|shake) (?:the|my|his|her|our) (?:baby|little \w+|newborn)\b|"
        r"\b(?:shook|shakes|shaking) (?:me|him|her) (?:really |so )?(?:hard|violently|till|"
        r"until)\b|"
        r"\b(?:throw|throws|threw|thrown|throwing) (?:me|him|her) (?:across|against|down|into|"
        r"onto|at)\b|\b(?:ties|tied|tie|tying) (?:me|him|her) (?:to|up)\b(?! (?:his|her) (?:shoe|"
        r"lace))|\b(?:burned|burnt|burns|burn) (?:me|him|her|us) with (?:a |the )?(?:lighter|"
        r"cigarette|fag|iron|match|hot)\b|\b(?:pushed|threw|thrown|pushes|throws) (?:me|him|her) "
        r"(?:in|into) (?:the|a) (?:river|canal|lake|pond|sea|bushes)\b",
    ),
    (
        "abuse",
        r"\b(?:head|face) (?:down|in|into) (?:the|a) (?:toilet|loo|bin|bins)\b|\bkicked (?:my|his|"
        r"her) head in\b|\bkick\w* (?:me|him|her) in the (?:head|face|stomach|ribs|back|"
        r"privates)\b|"
        r"\b(?:not allowed|am not allowed|isn't allowed|can't|cannot|mustn't) (?:to )?(?:say|tell|"
        r"talk about) (?:anyone )?(?:how (?:i|he|she) got|what happens at home|what happened at "
        r"home|where (?:the|my|his|her) (?:bruise|bruises|marks|cut|cuts) came)\b",
    ),
    (
        "emotional abuse",
        r"\b(?:wish|wishes|wished) (?:she|he|they|i) (?:never had|had never had|never got|had "
        r"given) (?:me|him|her|us)\b|\b(?:wish|wishes|wished|wishing) (?:they|she|he) had given "
        r"(?:me|him|her) away\b|\b(?:ignores|ignored|ignore|ignoring|won't talk to|doesn't talk "
        r"to|won't speak to|not speak to) (?:me|him|her) for (?:days|weeks|a week)\b|\b(?:i'm|im|"
        r"i am|he's|she's|he is|she is) the reason (?:mum|dad|my mum|my dad|her mum|his mum|his "
        r"dad|her dad) (?:left|drinks|is ill|is sad|died)\b",
    ),
    (
        "emotional abuse",
        r"\b(?:no one|nobody|noone) (?:will|would|could) ever (?:love|want) (?:me|him|her)\b|"
        r"\b(?:the )?worst thing (?:that )?(?:ever )?happened to (?:him|her|them|me)\b|"
        r"\b(?:ruined|ruin|ruins) (?:her|his|their|my) life\b|\b(?:eat|sleep|eats|sleeps) "
        r"(?:my |his |her )?(?:dinner |tea |food )?(?:on the floor|in the shed|in the garden|in "
        r"the garage|outside) (?:like (?:a|the) dog|as a punishment)\b|\bas a punishment\b(?=.*"
        r"\b(?:locked|lock|shed|garden|floor|outside|no food|no dinner|starve|cold)\b)",
    ),
    (
        "sexual abuse",
        r"\bsex (?:things|stuff)\b|\b(?:hand|hands) (?:down|in|inside|up) (?:my|his|her) (?:pants|"
        r"knickers|trousers|skirt|top|shorts|underwear|bra)\b|\b(?:photos?|pictures?|pics?|"
        r"videos?) of (?:me|him|her) (?:in the bath|in the shower|naked|getting changed|with no "
        r"clothes)\b|\b(?:watches|watched|watching|films|filmed|filming|spies on|spied on) (?:me|"
        r"him|her) (?:in the shower|in the bath|getting changed|undress\w*|on the toilet)\b|"
        r"\b(?:pulled|pull|pulls|pulling|took|takes) (?:my|his|her) (?:knickers|pants|trousers|"
        r"underwear|shorts|skirt) (?:off|down)\b|\bgenital\w*\b",
    ),
    (
        "sexual abuse",
        r"\b(?:have|has|had|made|make|makes) to do (?:stuff|things|sexual things|sex stuff) "
        r"(?:with|for|to) (?:him|them|their|his|her|men|older)\b|\b(?:forced|force|forces|made|"
        r"make|makes|tried to make) (?:me|him|her) (?:to )?(?:kiss|suck|lick|have sex|do sexual|"
        r"give (?:him|them) a)\b|\b(?:touched|grabbed|grabbing|grab|grabs|touching|touches|"
        r"squeezed|slapped) (?:my|his|her) (?:bum|bottom|breasts?|boobs|chest|crotch|private "
        r"parts|privates|willy|vagina|penis|private bits)\b|\b(?:lifted|lifts|lift|lifting) "
        r"(?:up )?(?:my|her) (?:skirt|dress|top)\b|\b(?:tells|told|telling|says|said|keeps "
        r"saying) (?:me|him|her) (?:that )?(?:i'm|im|i am|she's|he's|you're|youre|you are)? ?"
        r"(?:so |very |really )?mature for (?:my|her|his|your) age\b",
    ),
    (
        "neglect",
        r"\b(?:don't|dont|do not|never|haven't|have not|hasn't|has not) (?:got |have )?(?:any )?"
        r"(?:food|money for food|anything to eat)\b(?! (?:allerg|intoleran|in (?:class|school|"
        r"lessons)))|\b(?:haven't|have not|hasn't|has not|not) (?:eaten|had (?:any )?food) "
        r"(?:for|since) (?:days|two days|three days|yesterday|\d+ days)\b|\b(?:forgets|forgot|"
        r"forget|forgetting) to (?:feed|give) (?:us|me|him|her)\b|\b(?:forgets|forgot) (?:my|his|"
        r"her) (?:insulin|medicine|medication|tablets|meds|inhaler)\b|\bno (?:adults?|grown ups?) "
        r"(?:at home|in the house|with us|for days)\b|\bwith no adults?\b",
    ),
    (
        "violence at home",
        r"(?<!could )\b(?:kill|kills|stab|stabs) (?:mum|my mum|mam|my mam|mummy|my mother|"
        r"our mum)\b|\b(?:broke|broken|breaks) (?:mums|mum's|my "
        r"mum's|her) (?:arm|nose|wrist|jaw|ribs|fingers?|leg)\b(?=.*\b(?:dad|he|him|boyfriend|"
        r"stepdad|partner)\b)|\b(?:police|cops) (?:took|take|takes|arrested|arrest) (?:dad|my "
        r"dad|him|mum's boyfriend|mums boyfriend|her boyfriend|my stepdad|stepdad)\b|\b(?:to|into|"
        r"in) a (?:women's )?refuge\b|\block\w* (?:mum|my mum|mam) (?:in|out)\b|\b(?:kicked|kicks|"
        r"smashed|smashes|broke) (?:the )?(?:door|doors) in\b|\bkicked in the (?:door|doors)\b|"
        r"\bpunch\w* (?:a )?holes? in the (?:wall|walls|door)\b",
    ),
    (
        "exploitation",
        r"\bfree (?:vapes?|drink|drinks|alcohol|weed|drugs|cigarettes|fags|phones?|stuff|food)\b"
        r"(?=.*\b(?:man|men|older|guy|guys|adults?|lads|boyfriend)\b)|\b(?:go|goes|went|going|come|"
        r"came|coming) (?:back |round |over )?to (?:his|their|a man's|a mans|the man's) (?:flat|"
        r"house|place)\b(?=.*\b(?:man|men|older|guy|guys|adults?|lads|drink|weed|vapes?)\b)|"
        r"\b(?:stay|stays|stayed|sleep|sleeps|slept) (?:over )?at (?:a man's|a mans|his flat|his "
        r"place)\b|\b(?:boyfriend|girlfriend|partner) is (?:[2-5]\d)\b",
    ),
    (
        "exploitation",
        r"\bowe[sd]? (?:them|him|her) for (?:the )?(?:drink|drinks|drugs|weed|vapes|stuff|it|the "
        r"lift|food|the phone)\b|\b(?:pay|pays|paid|give|gives|gave) (?:me|him|her|us) (?:\w+ )?to "
        r"(?:take|carry|hold|drop|deliver|sell|move|keep|hide) (?:\w+ ){0,2}(?:bags?|packages?|"
        r"parcels?|stuff|things|drugs|weed)\b|\b(?:drugs|weed|cannabis|cocaine|wraps) (?:\w+ ){0,2}"
        r"in (?:my|his|her) (?:locker|underwear|pants|socks|bra|trainers)\b|\b(?:selling|dealing) "
        r"(?:\w+ )?(?:for (?:them|him|older|some|these|those)|drugs|weed)\b|\b(?:have|has|had) "
        r"to (?:keep )?(?:work|working) for (?:them|him|these people|those people)\b|\b(?:work|"
        r"working|worked) for them to (?:pay|pay back|pay off)\b",
    ),
    (
        "threats",
        r"\b(?:or|else) (?:they'll|theyll|they will|he'll|he will|she'll|she will|they're going "
        r"to) (?:come to|come round|find|get|hurt|burn) (?:my|our|his|her|me|him|us) ?(?:house|"
        r"home|family|mum|brother|sister)?\b|\b(?:will|'ll|gonna|going to) (?:cut|slash|burn|"
        r"acid) (?:me|my face|his face|her face|him|her)\b|\b(?:said|says|told (?:me|him|her)) "
        r"(?:i'm|im|i am|you're|youre|he's|she's) next\b|\b(?:kill|hurt|shoot|stab) (?:girls|"
        r"women|people|everyone|them all|kids|children) at (?:school|college)\b|\b(?:kill|hit) "
        r"list\b|\blist of (?:people|names|kids) (?:\w+ ){0,4}(?:to kill|to hurt|to get rid of|"
        r"want to (?:kill|hurt|shoot|get rid of))\b",
    ),
    (
        "online abuse",
        r"\bunless (?:i|he|she|you|we) (?:send|sends|give|gives|pay|pays|do|does|show)\b|"
        r"\b(?:take|takes|took|taking) (?:off )?(?:my|his|her)? ?(?:top|clothes|shirt|t shirt|"
        r"jumper|pants|trousers)(?: off)? on (?:video|camera|cam|webcam|facetime|call|snap|"
        r"snapchat|stream)\b|\b(?:shared|sent|posted|showed|spread|leaked) (?:the |my |her |his )?"
        r"(?:pics|pictures|photos|videos|nudes) (?:i|she|he) (?:sent|took|had sent)\b|"
        r"\b(?:photoshopped|edited|fake|ai|deepfake|deep fake) (?:\w+ )?(?:pictures|photos|pics|"
        r"images|videos|nudes) of (?:me|her|him)\b|\b(?:tells|told|telling|keeps telling|kept "
        r"telling) (?:me|him|her) to (?:hurt|kill|cut|harm|starve) (?:my|him|her)sel(?:f|ves)\b",
    ),
    (
        "exploitation",
        r"\b(?:keep|keeps|kept|keeping) (?:our|their|his|her|the) (?:friendship|chats|messages|"
        r"talks|relationship|meetings|calls) (?:a )?secret\b",
    ),
    (
        "radicalisation",
        r"\b(?:die|dying|fight|fighting|kill|killing) for (?:the|our|my) (?:cause|religion|race|"
        r"people|nation|faith)\b|\b(?:muslims|jews|immigrants|foreigners|refugees|black people|"
        r"gay people|women|asylum seekers|white people|christians|migrants|trans people) (?:are|"
        r"is) (?:a |the )?(?:disease|vermin|parasites|cockroaches|subhuman|invaders|the enemy|"
        r"taking over|animals|scum)\b|\bbehead\w*\b|\b(?:attack|attacking|bomb|bombing|burn down|"
        r"shoot up|blow up) (?:the|a|our) (?:mosque|church|synagogue|temple|gurdwara|school|"
        r"college|hotel)\b|\bkeep (?:the|our|this) country white\b|\b(?:travel|go|went|going|"
        r"gone) (?:abroad |overseas )?to (?:join|fight for|fight with) (?:them|the|isis|a group)\b",
    ),
    (
        "fgm",
        r"\b(?:she|i|daughter|girls|sister|niece|me|we) (?:must|has to|have to|needs to|need to|"
        r"is going to|am going to|are going to|will|should|is to) be (?:cut|circumcised|purified|"
        r"made pure)\b(?! (?:off|from|short|back|down|by|to|in)\b)|\b(?:made|make|be|become) "
        r"pure\b|\bpurification\b|\b(?:a|the) lady (?:\w+ ){0,3}to do (?:it|the girls|me|her)\b",
    ),
    (
        "forced marriage",
        r"\b(?:took|take|taken|taking|hid|hidden|hide|hides|keeps|kept|took away) (?:my|her|his) "
        r"passport\b|\b(?:chosen|chose|picked|found|arranged|choosing) (?:a man|a husband|a wife|"
        r"a boy|a girl|someone|a woman) for (?:me|her|him)\b|\b(?:arranging|arranged|planning|"
        r"planned|set the date for|organising) (?:my|her|his) (?:marriage|wedding|nikah|"
        r"engagement)\b|\b(?:married|engaged|marry|marrying) (?:\w+ ){0,3}(?:someone|a man|a boy|"
        r"a girl|him|her) (?:i|she|he) (?:have |has |had )?(?:never|not) (?:met|seen)\b|"
        r"\bpromised (?:me|her|him) to\b|\b(?:want|wants|wanted|make|makes|made|force|forcing|"
        r"expect|expects) (?:me|her|him) to (?:\w+ ){0,6}(?:marry|get married|be married)\b",
    ),
    (
        "self-harm",
        r"\b(?:stick|stuck|sticking|sticks|stab|stabbed|stabbing|jab|jabbed) (?:a |the )?(?:pins?|"
        r"needles?|compass|pen|pencil|scissors) (?:in|into) (?:my|his|her) (?:legs?|arms?|hands?|"
        r"skin|thighs?|wrists?|stomach)\b|\b(?:deserve|deserves|deserved) (?:the|this|that) pain\b|"
        r"\b(?:i|he|she) (?:deserve|deserves) to (?:be hurt|hurt|suffer|be punished|feel pain)\b|"
        r"\b(?:carve|carved|carving|carves) (?:\w+ )?(?:into|in|on) (?:my|his|her) (?:legs?|arms?|"
        r"skin|thighs?|wrists?|stomach|hands?)\b|\b(?:fresh|new|deep|open) (?:wounds|cuts|"
        r"gashes)\b|\bblade (?:out of|from) (?:my|his|her|a|the) (?:pencil )?(?:sharpener|razor)\b|"
        r"\b(?:long sleeves|plasters|bandages|wristbands) to (?:hide|cover)\b|\b(?:hand|arm|"
        r"fingers) "
        r"on (?:the )?(?:hot )?(?:hob|oven|iron|kettle|radiator)\b(?=.*\b(?:feel|on purpose|"
        r"punish|hurt)\w*)",
    ),
    (
        "suicidal thoughts",
        r"\b(?:letter|note|message) (?:\w+ ){0,4}for when (?:i'm|im|i am) (?:gone|dead|not here)\b|"
        r"\bhow many (?:tablets|pills|paracetamol) (?:\w+ ){0,3}(?:to die|would kill|it takes|to "
        r"kill)\b|\b(?:go to )?sleep (?:forever|and (?:not|never) wake up)\b|\b(?:almost|nearly) "
        r"(?:jumped|jump)\b|\bno (?:point|reason) (?:in )?me (?:being here|being alive|living|"
        r"existing)\b|\b(?:any|no) reason to (?:keep going|carry on|go on|live|stay alive)\b|"
        r"\b(?:planning|planned|plan|plans) how to (?:do it|end it|kill (?:my|him|her)self|die)\b|"
        r"\b(?:given|giving|gave|give) away (?:all (?:of )?)?(?:her|his|my) (?:favourite|precious|"
        r"special|treasured|most precious|best) (?:things|stuff|belongings|possessions)\b|"
        r"\b(?:note|letter) (?:\w+ ){0,5}saying (?:sorry|goodbye)\b",
    ),
    (
        "overdose",
        r"\b(?:took|taken|swallowed|swallowing|ate|eaten|necked|downed) (?:\w+ )?(?:a whole|the "
        r"whole) (?:box|packet|bottle|strip|tub|pack)\b|\b(?:took|taken|swallowed|ate|necked) "
        r"(?:all )?(?:his|her|my|their|the)? ?(?:sister's|brother's|mum's|mums|dad's|dads|nan's|"
        r"nans|grandma's|someone's|\w+'s) (?:\w+ )?" + _PILLS + r"\b|\b(?:drank|drink|drinking|"
        r"drunk|swallowed) (?:some |a bottle of |the )?(?:bleach|detergent|washing up liquid|"
        r"antifreeze|poison|anti freeze)\b|\b(?:take|takes|taking|took) (?:more than (?:the|his|"
        r"her|"
        r"my) dose|extra (?:painkillers|tablets|pills|paracetamol))\b|\b(?:antidepressants|"
        r"sleeping tablets|sleeping pills|painkillers|paracetamol|tablets|pills) (?:to|so) "
        r"(?:\w+ ){0,4}(?:sleep forever|not wake up|never wake up|die|end it|black out|feel numb|"
        r"numb)\b",
    ),
    (
        "being unsafe",
        r"\b(?:ran|run|runs|running) away (?:\w+ ){0,4}(?:and|&) (?:slept|sleep|stayed|stay|"
        r"lived)\b|\b(?:hasn't|has not|hasnt|haven't|havent|have not|not) (?:been|come) (?:back )?"
        r"home (?:for (?:\w+ )?(?:nights|days|two|three|\d+)|since (?:friday|saturday|sunday|"
        r"monday|tuesday|wednesday|thursday|yesterday|last night))\b|\b(?:going|goes|gone|went|"
        r"go) missing from (?:her|his|the|their) (?:placement|care home|children's home|foster "
        r"\w+|home)\b|\b(?:said|says|told (?:me|him|her)) (?:to )?(?:don't|dont|never|not to) "
        r"come (?:back|home)\b|\b(?:not|never) (?:going|coming) (?:back )?home (?:ever|again)\b|"
        r"\b(?:sleeping|staying|slept|sleep|stay) (?:at|in|on) (?:different|other|random) "
        r"(?:people's|peoples|friends|mates|men's) (?:houses|places|sofas|floors)\b|\b(?:can't|"
        r"cannot|can not) (?:reach|get hold of|contact) (?:her|him)\b(?=.*\b(?:left|walked out|"
        r"ran|argument|missing|phone)\b)",
    ),
)

_TOPIC: tuple[tuple[str, str], ...] = (
    ("self-harm", r"\bself harm(?:s|ed|ing|er|ers)?\b|\bself injur\w*\b"),
    ("suicidal thoughts", r"\bsuicid(?:e|al|es)\b"),
    ("abuse", r"\babus(?:e|ed|es|ing|er|ers|ive)\b"),
    ("neglect", r"\bneglect(?:ed|ing|s)?\b"),
    ("sexual abuse", r"\bgroom(?:ed|ing)\b|\bexploit(?:ed|ation|ing)\b"),
    ("radicalisation", r"\bextremis[mt]s?\b|\bradicali[sz](?:ed|ing|ation)\b"),
    ("fgm", r"\b(?:fgm|sunna|female genital|genital mutilation|circumcis\w*|khatna)\b"),
    ("forced marriage", r"\bforced marriage\b"),
    ("forced marriage", r"\b(?:nikah|nikkah|rishta)\b"),
)

# Phrases that look like a cue but are idioms or describe a service, a policy or research.
_NOT_CONCERNING = re.compile(
    r"\b(?:(?:is|are|was|it's|that's|'s|been) (?:\w+ )?killing (?:me|us)|kill for|"
    # "mum will kill me if I forget my PE kit"; "he'll kill me if I tell" stays a threat.
    r"kill (?:me|us) if (?:i|we) (?:forget|forgot|lose|lost|am late|are late|miss|break|"
    r"broke|spill|leave|don't tidy|dont tidy|fail)|"
    r"killing myself (?:laughing|trying|to get)|killing (?:me|us) softly|"
    r"(?:burn|burns|burning|burnt|burned|wear|wears|wore|wearing|worn|run|runs|running|ran|"
    r"work|works|working|worked) (?:my|him|her|them)sel(?:f|ves) out|"
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
    r"(?:santa|present|birthday|surprise)|"
    # Exclusion from a class, team or club is not being thrown out of home.
    r"(?:kicked|thrown|threw|chucked|sent|put|took|taken) (?:\w+ )?out (?:of|from) (?:the |his |"
    r"her |my |their |our )?(?:\w+ )?(?:class|classroom|classes|lesson|lessons|school|team|club|"
    r"choir|group|college|nursery|session|room|hall|assembly|pool|building|activity|course|"
    r"scheme|provision|unit|trip|playground|canteen|meeting|review|panel|office|"
    r"tribunal)\b|"
    # Self-injurious behaviour described as a sensory or communication need ("she bites her
    # hand when she is anxious"): the child hurting their own body, in the third person. It
    # is a need for the plan, not a disclosure; cutting, burning, bleeding or "himself" still
    # flag through the self-harm patterns.
    r"\b(?:he|son|brother|boy) (?:\w+ )?(?:hits|hit|hitting|bangs|banging|banged|bites|biting|"
    r"bit|slaps|slapping|punches|punching|pulls|pulling|scratches|scratching|twists|twisting) "
    r"his (?:own )?"
    r"(?:head|hands?|arms?|face|ears?|chin|legs?|chest|hair|fingers?|wrists?)\b"
    r"(?! (?:till|until|so) )|"
    r"\b(?:she|daughter|sister|girl) (?:\w+ )?(?:hits|hit|hitting|bangs|banging|banged|bites|"
    r"biting|bit|slaps|slapping|punches|punching|pulls|pulling|scratches|scratching|twists|"
    r"twisting) her "
    r"(?:own )?(?:head|hands?|arms?|face|ears?|chin|legs?|chest|hair|fingers?|wrists?)\b"
    r"(?! (?:till|until|so) )|"
    r"(?:medication |drug )?overdose (?:policy|policies|procedure|procedures|guidance|protocol|"
    r"training|risk|plan)|"
    # Leaflets, courses and talks about a harm are service talk.
    r"(?:course|courses|training|talk|talks|session|sessions|workshop|workshops|leaflet|"
    r"leaflets|awareness|information|assembly|lesson|lessons|policy) (?:on|about) (?:\w+ ){0,3}"
    r"(?:radicalisation|radicalization|extremism|fgm|forced marriage|online safety|sexting|"
    r"sexual exploitation|exploitation|grooming|county lines|abuse|self harm|suicide|neglect)|"
    r"(?:fgm|forced marriage|radicalisation|radicalization|extremism|prevent|online safety|"
    r"county lines) (?:awareness|training|course|courses|policy|policies|duty|lead|team|talk|"
    r"session|sessions|leaflet|leaflets|workshop|workshops)|"
    # Injuries with an everyday cause, lessons and books about a harm, weapons as a special
    # interest.
    r"(?:bruis\w*|black eye|cut|cuts|graze|grazes|nosebleeds?|injur\w*|scars?|scratch\w*|"
    r"burns?) (?:\w+ ){0,4}(?:from|after|in|at|on) (?:a |the |his |her |my |our )?(?:football|"
    r"ball|fall|falling|tripping|trip|trips|playground|pe|game|match|bike|trampoline|"
    r"accident|dyspraxia|rugby|hockey|operations?|surgery|surgeries|eczema|cat|dog)\b|"
    r"(?:in the end|(?:goes|go|went|going|gone) missing (?:from|in) (?:lessons?|class|classes|"
    r"school|the classroom|assembly))|"
    r"(?:tripping|falling) over|"
    r"(?:learned|learnt|learning|taught|teaching|studied|studying|reading|lesson|lessons|"
    r"project|topic|unit|book|books|novel|set text|film|play|documentary|history) (?:\w+ ){0,4}"
    r"(?:about|on|deals with|dealing with|covers|covering|uses|using|of) (?:\w+ ){0,3}"
    r"(?:forced marriage|fgm|domestic violence|domestic abuse|abuse|neglect|radicalisation|"
    r"extremism|exploitation|grooming|self harm|suicide|knife crime|county lines|martyrdom|"
    r"jihad|terrorism|terrorists|nazis|war)|"
    r"(?:obsessed with|interested in|interest in|loves?|drawing|draws|drew|drawings of|"
    r"pictures of|toy|toys|nerf|lego|medieval|replica|plastic|wooden|pretend|fake|cardboard|"
    r"foam) (?:\w+ ){0,2}(?:knife|knives|swords?|guns?|weapons?)(?: and (?:\w+ )?(?:knife|"
    r"knives|swords?|guns?|weapons?))?)"
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
    "cut burn scratch carv",
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
    "threw grab drag push whack thump belt wallop twist",
    "beat kick punch slap attack assault strangl chok abus rape molest grop batter smack touch",
    "beat",
    "hit",
    "bruis black marks",
    "touch",
    "private down rape raping molest sexual nude naked grop",
    "made make forc",
    "secret",
    "worthless useless waste nothing unwanted mistake stupid fat ugly should thick idiot retard "
    "pathetic disgust freak",
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
    "throw threw chuck lob",
    "threat",
    "kill stab hurt beat hit shoot strangl",
    "knife knives stab gun weapon",
    "safe",
    "safe",
    "unsafe danger",
    "scared afraid frighten terrified petrified",
    "scared afraid frighten terrified petrified",
    "run ran kicked thrown threw homeless sleeping sofa chuck kick throw put",
    "county drug weed package parcel",
    "older grown",
    "belt",
    "grab held hold pinned pins",
    "stuff things come came",
    "nobody noone one",
    "food eat",
    "look",
    "alone own out",
    "gas electric hot heat food mum mam mom mother father dad",
    "clothes",
    "fight scream shout argu row hit hurt yell",
    "mature",
    "tell",
    "vape phone alcohol drink weed drug money cash present gift trainer cloth lift",
    "picked phone cash money gift older",
    "stuff things package parcel drug weed money kni bags",
    "drug weed gear crack coke cocaine debt gang",
    "missing",
    "pic picture photo video selfie image snap",
    "naked nude rude topless dirty sexy explicit indecent private clothes top bra underwear "
    "pants knickers sextort",
    "pic picture photo video selfie image snap threat",
    "immigrant foreigner muslim jew infidel kuffar believer gay different replac race white",
    "cut cutting",
    "marry married marriage husband wife wedding",
    "cutting cuttin",
    "bleed bled",
    "stop end over point",
    "goodbye giv",
    "think thought dream wish",
    "tablet pill paracetamol ibuprofen meds medication medicine painkiller bleach",
    "od od'd oded od'ed o'd odd oding",
    "kicked thrown chucked nowhere street night",
    "sofa couch floor",
    "run ran know",
    "wall door things twist pull yank squeez grab hit punch slap kick bend bent",
    "wash clean food tea dinner mum mam mom mother father dad parent",
    "bed secret",
    "send sent pays paid video",
    "town cities city area place drug weed knife blade",
    "car van know",
    "nude fake photo",
    "blow blowing shoot bomb build",
    "married engaged wed",
    "blade razor sharpener glass",
    "happier better easier",
    "slept sleep ran run come return house never",
    "left",
    "online tiktok snap instagram insta fortnite roblox discord whatsapp xbox playstation omegle",
    "year who aged stay",
    "bags package parcel stuff things older high drunk stoned smell burner",
    "sell sold blackmail",
    "deserve kuffar kafir kaffir infidel",
    "marry married disown",
    "lighter cigarette lit match hot",
    "saved saving stockpil hoard hiding",
    "want find",
    "food nose",
    "hand finger fingertip grip belt slap injur",
    "down fire jump",
    "punch kick slap batter strangl chok thump whack smack stab spit spat",
    "floor ground toilet bin kick punch hit hurt beat batter slap",
    "worthless useless stupid fat ugly thick dumb idiot retard pathetic disgust freak waste "
    "nothing nobody burden mistake unwant unlov evil disappoint embarrass disgrace liar "
    "psycho mental failure monster devil possess",
    "worthless useless stupid fat ugly thick dumb idiot retard pathetic disgust freak waste "
    "nothing nobody burden mistake unwant unlov evil disappoint embarrass disgrace liar "
    "psycho mental failure monster devil possess",
    "nobody noone one body",
    "threat away home care",
    "cat dog pupp kitten pet rabbit hamster guinea bird",
    "front hours",
    "shout scream yell swear swore",
    "clothes pants knickers underwear bra sexual sex secret tickl naught rude touch",
    "boyfriend girlfriend partner lover men stranger friends",
    "men man older adult guy stranger bloke",
    "older adult grown something stuff things favour sex return exchang",
    "adult older grown messag text chat van car",
    "owe debt else",
    "drug weed gear package parcel packet wrap powder cocaine coke crack cannabis stuff "
    "thing money cash phone kni",
    "sell steal shoplift nick deal rob carr hold run move deliver drop hide stash",
    "runs drops drop deliver trap shot country cuckoo",
    "dealer gang sewn stitch stash",
    "drug weed powder wrap cocaine crack cannabis machete kni cash robbed",
    "chang left",
    "tablet medic meds inhaler insulin feed epipen pill inject doctor dentist gp hospital "
    "appointment",
    "hungry food bin untreat rott unwash soil smell smelt lice",
    "spend spent",
    "left leav",
    "let phone money",
    "argu fight row drunk drink kick throw threw chuck smash break broke",
    "pic picture photo selfie video snap nude body",
    "camera webcam video facetime blackmail",
    "know knew found pic picture photo",
    "next worse come find",
    "hell tell told say speak grass snitch",
    "wiped extermin gassed cleans killed shot bomb burn hurt coming",
    "shooter bomber terrorist incel hitler nazi isis jihad martyr calip genocide traitor "
    "blackpill pill unbeliev apostat murtad",
    "plan plot remember make",
    "better superior chosen other trust tell listen",
    "procedur cutting ceremon thing cut clean purif closed woman below",
    "turn walk",
    "marr nikah nikkah rishta engag betroth promis",
    "marr wed nikah nikkah rishta",
    "punish sick throw threw vomit bleed",
    "cut scar scratch burn slash mark",
    "blade hurt cut scratch stab burn sharp",
    "deeper feel pain thought",
    "rather prefer point",
    "way method kill die hang overdos end noose",
    "step jump throw front edge",
    "overdos tablet pill antidepress sertraline fluox citalo melaton medic meds paracetamol "
    "calpol ibuprofen painkill insulin capsul stomach",
    "heard idea know phone since",
    "disappear vanish missing run ran gone",
    "home tent garage shed stairwell shelter doorway squat bridge",
    "hit beat whack smack thump slap hiding kicking batter thrash",
    "shook shake shaking throw threw thrown tie tied tying burn push",
    "head kick allowed can't cannot mustn't",
    "wish ignor won't doesn't not reason",
    "love worst ruin eat sleep punish",
    "sex hand photo picture pic video watch film spies spied pull took take genital",
    "stuff things sexual kiss suck lick sex bum bottom breast boob chest crotch private "
    "privates willy vagina penis skirt dress top mature",
    "food anything eaten had feed give insulin medic tablet meds inhaler adult grown",
    "kill stab broke broken break police cops refuge lock kick smash punch",
    "free go goes went going come came coming stay slept sleep boyfriend girlfriend partner",
    "owe pay paid give gave drug weed cannabis cocaine wrap sell deal work",
    "or else will 'll gonna going said says told kill hurt shoot stab hit list",
    "unless top clothes shirt jumper pants trousers shared sent posted showed spread leaked "
    "photoshop edited fake ai deepfake deep tell told",
    "keep kept",
    "die dying fight kill muslim jew immigrant foreigner refugee black gay women asylum white "
    "christian migrant trans behead attack bomb burn shoot blow keep travel go went going "
    "gone",
    "cut circumcis purif pure lady",
    "passport chosen chose picked found arrang choosing planning planned set organis marr "
    "engag promis want make made forc expect",
    "stick stuck stab jab deserv carv fresh new deep open blade sleeves plaster bandage "
    "wristband hand arm finger",
    "letter note message how sleep almost nearly point reason plan giv gave",
    "took taken swallow ate eaten neck down drank drink drunk take taking antidepress "
    "sleeping painkill paracetamol tablet pill",
    "ran run runs running hasn't has hasnt haven't havent not going goes gone went go said "
    "says told never sleep stay slept can't cannot can",
)
_TOPIC_TRIGGERS: tuple[str, ...] = (
    "self",
    "suicid",
    "abus",
    "neglect",
    "groom exploit",
    "extremis radical",
    "fgm sunna female genital circumcis khatna",
    "forced",
    "nikah nikkah rishta",
)


# When several patterns match, the reason reported is the first in this order.
_PRIORITY = (
    "suicidal thoughts",
    "self-harm",
    "overdose",
    "sexual abuse",
    "online abuse",
    "fgm",
    "forced marriage",
    "threats",
    "violence at home",
    "abuse",
    "emotional abuse",
    "neglect",
    "exploitation",
    "radicalisation",
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
_NO_CANDIDATES: tuple[tuple[int, ...], tuple[int, ...]] = ((), ())


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
    # Most words hold no prefix: they share one value, which the caller can skip by identity.
    result = (tuple(personal), tuple(topic)) if personal or topic else _NO_CANDIDATES
    if len(_WORD_CANDIDATES) < 100_000:
        _WORD_CANDIDATES[word] = result
    return result


def assess_sentence(sentence: str) -> str | None:
    """Return a reason category if one normalised sentence may be a disclosure of harm."""
    personal_set: set[int] = set()
    topic_set: set[int] = set()
    cache = _WORD_CANDIDATES
    for word in set(sentence.split()):
        found = cache.get(word) or _word_candidates(word)
        if found is not _NO_CANDIDATES:
            personal_set.update(found[0])
            topic_set.update(found[1])
    if not personal_set and not topic_set:
        return None
    personal = [n for n in sorted(personal_set) if _PERSONAL_RE[n][1].search(sentence)]
    topic = [n for n in sorted(topic_set) if _TOPIC_RE[n][1].search(sentence)]
    if not personal and not topic:
        return None
    # Idioms and service phrases are only blanked out in the rare sentence where a cue
    # matches, as blanking is the slow step; it only removes words, so a cue that does not
    # match the whole sentence cannot match what is left.
    text = without_idioms(sentence)
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


def without_idioms(text: str) -> str:
    """Lower-cased text with idioms and service talk ("the wait is killing me", "self harm
    training") blanked out, as the patterns read it; the learned scorer reads it so too."""
    return _NOT_CONCERNING.sub(" ~ ", text.lower())
