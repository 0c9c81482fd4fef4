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
tune them.
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
)

# Phrases that look like a cue but are idioms or describe a service, a policy or research.
_NOT_CONCERNING = re.compile(
    r"\b(?:(?:is|are|was|it's|that's|'s|been) (?:\w+ )?killing (?:me|us)|kill for|"
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
    r"session|sessions|leaflet|leaflets|workshop|workshops))"
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
