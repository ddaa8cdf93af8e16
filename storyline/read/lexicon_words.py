"""The loaded-language lexicon as plain data: written for storyline, grouped by category.

Why a hand-made list and not a sentiment lexicon: framing analysis needs the words by which a
report *judges* what it describes ("caved", "empty-handed", "high-stakes") in its own voice,
and general sentiment lists are dominated by words that are negative but descriptive in news
("killed", "crisis", "war"). Every entry here was chosen because it carries a judgement that a
neutral wire report of the same fact would not need; words that are loaded only in some senses
("blast", "retreat", "hammered") are kept and disambiguated by the context rules of
:mod:`storyline.read.lexicon`; a word loaded only in a few fixed phrases is listed only in them
("sharp words", "pointed message", never "sharp" or "pointed" alone).

Pruned after measuring on BASIL's 2010-2015 articles (see :mod:`storyline.evaluate.basil`):
entries that fired four or more times there without once overlapping an annotated lexical-bias
span were removed: attack, controversial, scandal, clearly, failure, amnesty, decry, lame-duck,
rebuke, bruising and sharp. Most are words news uses as the *name* of an event or a body ("the
IRS scandal", "the Sept. 11 attacks", "the lame-duck session"), not as a judgement.

Categories (one per entry; the first that lists a word wins):

* ``evaluative``: judges quality, competence, honesty or importance ("productive", "reckless",
  "high-stakes", "pointed message", "gaffe").
* ``intensifier``: amplifies degree or certainty beyond what the fact needs ("massive",
  "unprecedented", "fiercely", "undeniably").
* ``emotive``: vivid, affect-laden verbs and nouns, above all loaded verbs of saying used for
  "said" or "criticised" ("slammed", "lashed out", "fumed", "firestorm", "uproar").
* ``loaded_label``: names for people, groups or policies that take a side ("regime", "extremist",
  "so-called", "witch hunt", "power grab").
* ``failure_frame``: casts an actor as defeated, humiliated or powerless ("empty-handed", "caved",
  "backed down", "humiliating", "limits of influence", "snub").

How entries are written:

* ``WORDS``: matched as written (adjectives, adverbs, fixed phrases); a hyphen or space inside an
  entry matches either ("empty-handed" matches "empty handed").
* ``VERBS``: the first word is inflected ("cave" matches cave, caves, caved, caving; "back down"
  matches "backed down"); ``IRREGULAR`` lists forms the regular rules cannot make.
* ``NOUNS``: the last word also matches its plural ("gaffe" matches "gaffes").
* ``VARIANTS``: extra surface forms reported under a canonical entry.
* ``CONTEXT_RULES``: per entry, the contexts that show its literal sense (a match is dropped).
"""

from __future__ import annotations

from dataclasses import dataclass


def _entries(text: str) -> tuple[str, ...]:
    """Comma-separated entries of a block; line breaks inside a phrase count as one space."""
    return tuple(" ".join(item.split()) for item in text.split(",") if item.strip())


CATEGORY_ORDER: tuple[str, ...] = ("failure_frame", "loaded_label", "emotive", "evaluative", "intensifier")
"""When two categories list the same surface form, the earlier (more specific) category wins."""

WORDS: dict[str, tuple[str, ...]] = {
    "evaluative": _entries(
        """
        productive, constructive, fruitful, historic, bold, courageous, heroic, visionary, masterful,
        masterfully, brilliant, remarkable, remarkably, impressive, dazzling, spectacular,
        extraordinary, admirable, principled, statesmanlike, shrewd, savvy, deft, deftly, charismatic,
        prestigious, triumphant, resounding success, rising star, no-no, disastrous, catastrophic,
        reckless, recklessly, irresponsible, dangerous, appalling, outrageous, shameful, shameless,
        shamelessly, disgraceful, deplorable, despicable, egregious, absurd, ridiculous, ludicrous,
        preposterous, bizarre, erratic, incompetent, inept, hapless, feckless, clueless, misguided,
        ill-advised, ill-conceived, wrongheaded, divisive, polarizing, polarising, provocative,
        inflammatory, incendiary, toxic, bogus, dubious, dismal, abysmal, woeful, lackluster,
        lacklustre, dismissive, dismissively, disdainful, arrogant, condescending, smug, testy, frosty,
        combative, belligerent, bellicose, hawkish, strident, shrill, bombastic, pompous, self-serving,
        cynical, cynically, hypocritical, duplicitous, disingenuous, disingenuously, deceptive,
        misleading, misleadingly, dishonest, evasive, negligent, complicit, corrupt, sleazy, shady,
        notorious, notoriously, infamous, infamously, famously, scandal-plagued, scandal-ridden,
        embattled, beleaguered, chaotic, unhinged, vile, nasty, mean-spirited, heavy-handed, draconian,
        harshly, scathing, blistering, withering, stinging, high-stakes, thorny, baseless, baselessly,
        unfounded, falsely, erroneously, brazen, brazenly, defiantly, stubbornly, brash, brashly,
        aggressively, forcefully, unilaterally, over-the-top, overblown, overheated, alarmist,
        fearmongering, fear-mongering, demagoguery, grandstanding, posturing, rubber-stamp, do-nothing,
        cozy, cosy, pandering, tone-deaf, out of touch, political theater, political theatre
        """
    ),
    "intensifier": _entries(
        """
        extremely, incredibly, enormously, hugely, massively, immensely, tremendously, deeply,
        profoundly, utterly, wildly, fiercely, starkly, strikingly, staggering, staggeringly,
        astonishing, astonishingly, astounding, whopping, massive, huge, enormous, colossal,
        unprecedented, dramatically, drastically, blatant, blatantly, flagrant, flagrantly, sheer,
        outright, downright, relentless, relentlessly, unrelenting, overwhelmingly, crushing,
        devastating, fierce, ferocious, ferociously, extreme, all-out, full-blown, full-throated,
        no-holds-barred, obviously, undeniably, undoubtedly, vigorously, sharply, bitterly
        """
    ),
    "emotive": _entries(
        """
        furious, furiously, livid, incensed, outraged, indignant, vitriolic, venomous, seething,
        hysterical, shocking, shockingly, stunning, stunningly, alarming, chilling, terrifying,
        heartbreaking, explosive, hostile, war of words, feeding frenzy
        """
    ),
    "loaded_label": _entries(
        """
        so-called, self-styled, self-proclaimed, self-described, far-right, far-left, hard-line,
        hardline, ultraconservative, ultra-conservative, ultra-liberal, ultra-right, do-gooder,
        job-killing, tax-and-spend, big government, nanny state, death tax, death panels, illegals, open
        borders, fake news, mainstream media, liberal elite, liberal elites, coastal elites,
        pork-barrel, witch hunt, witch-hunt, power grab, slush fund
        """
    ),
    "failure_frame": _entries(
        """
        empty-handed, humiliating, humiliatingly, embarrassing, embarrassingly, toothless, impotent,
        powerless, rudderless, in disarray, on the ropes, reeling, limits of influence, loss of face,
        paper tiger, blinked first, dead on arrival, no-win
        """
    ),
}
"""Matched as written."""

VERBS: dict[str, tuple[str, ...]] = {
    "evaluative": _entries(
        """
        botch, bungle, tout, trumpet, boast, brag, gloat, pander, grandstand
        """
    ),
    "emotive": _entries(
        """
        slam, blast, lash out, rail against, rip, rip into, excoriate, berate, chide, scold, lambaste,
        lambast, pillory, skewer, assail, bash, hammer, trash, mock, ridicule, deride, sneer, scoff,
        jeer, taunt, snipe, fume, seethe, rant, bristle, balk, bemoan, grumble, whine, complain, pounce,
        seize on, stoke, fan the flames, whip up, storm out, storm off, spark outrage, take a swipe,
        take a shot, assault, torpedo, wage war, declare war
        """
    ),
    "loaded_label": _entries(
        """
        scheme
        """
    ),
    "failure_frame": _entries(
        """
        cave, cave in, capitulate, surrender, back down, climb down, retreat, backpedal, backtrack,
        flip-flop, walk back, humiliate, embarrass, snub, rebuff, flounder, stumble, scramble, fall
        flat, come up short, bow to pressure, knuckle under, lose face, outmaneuver,
        outmanoeuvre, sideline, implode, unravel, crumble, squander, fizzle, lose ground
        """
    ),
}
"""The first word is inflected."""

NOUNS: dict[str, tuple[str, ...]] = {
    "evaluative": _entries(
        """
        gaffe, blunder, fiasco, debacle, farce, sham, charade, stunt, ploy, travesty, boondoggle,
        hypocrisy, bombshell, pointed message, pointed remark, pointed warning, pointed criticism,
        pointed question, pointed jab, pointed reference, pointed rebuke, pointed swipe, pointed
        reminder, sharp rebuke, sharp words, sharp criticism, sharp exchange, sharp retort, sharp tone,
        sharp warning, conspiracy theory, failed policy, failed presidency, masterstroke, headache,
        misstep, landmark deal, landmark ruling, landmark decision, landmark law, landmark agreement,
        landmark legislation
        """
    ),
    "emotive": _entries(
        """
        firestorm, uproar, furor, furore, outcry, fury, outrage, onslaught, tirade, diatribe, broadside,
        screed, meltdown, tantrum, hysteria, frenzy, chaos, turmoil, vitriol, venom, scorn, disdain,
        contempt, feud, spat, squabble, brawl, slugfest, showdown, maelstrom, bloodbath, payback,
        crusade, swipe, salvo
        """
    ),
    "loaded_label": _entries(
        """
        regime, extremist, zealot, fanatic, firebrand, ideologue, hardliner, hard-liner, demagogue,
        strongman, despot, tyrant, thug, crony, cronyism, illegal alien, anchor baby, mouthpiece,
        propaganda, puppet, lackey, stooge, henchman, apologist, cheerleader, hoax, handout, giveaway,
        radical, career politician, culture war
        """
    ),
    "failure_frame": _entries(
        """
        climbdown, capitulation, u-turn, about-face, humiliation, embarrassment, setback, snub, rebuff,
        flop, major blow, severe blow, serious blow, crushing defeat, stinging defeat, humiliating
        defeat, stunning upset, retreat
        """
    ),
}
"""The last word also matches its plural."""

IRREGULAR: dict[str, tuple[str, ...]] = {
    "fall flat": ("fall flat", "falls flat", "fell flat", "fallen flat", "falling flat"),
    "come up short": ("come up short", "comes up short", "came up short", "coming up short"),
    "lose face": ("lose face", "loses face", "lost face", "losing face"),
    "lose ground": ("lose ground", "loses ground", "lost ground", "losing ground"),
    "take a swipe": ("take a swipe", "takes a swipe", "took a swipe", "taken a swipe", "taking a swipe"),
    "take a shot": ("take a shot", "takes a shot", "took a shot", "taking a shot"),
    "seize on": ("seize on", "seizes on", "seized on", "seizing on", "seize upon", "seized upon"),
    "lambast": ("lambast", "lambasts", "lambasted", "lambasting"),
    "flip-flop": ("flip-flop", "flip-flops", "flip-flopped", "flip-flopping"),
    "backpedal": ("backpedal", "backpedals", "backpedaled", "backpedalled", "backpedaling", "backpedalling"),
    "unravel": ("unravel", "unravels", "unraveled", "unravelled", "unraveling", "unravelling"),
    "torpedo": ("torpedo", "torpedoes", "torpedoed", "torpedoing"),
}

VARIANTS: dict[str, tuple[str, ...]] = {
    "limits of influence": (
        "limits of his influence",
        "limits of her influence",
        "limits of their influence",
        "limits of its influence",
        "limit of influence",
        "limits of american influence",
        "limits of u.s. influence",
        "limits of his power",
        "limits of her power",
        "limits of their power",
    ),
    "empty-handed": ("emptyhanded",),
    "blinked first": ("blinks first", "blink first"),
}


# --- context rules: when an entry is meant literally (applied by storyline.read.lexicon) ---


@dataclass(frozen=True)
class ContextRule:
    """When an entry is used in its literal sense: a match is dropped if any pattern fits.

    ``before`` must match at the end of the preceding text, ``after`` at the start of the
    following text, ``near`` anywhere in the window (``storyline.read.lexicon.NEAR_CHARS``) around the term.
    """

    before: str = ""
    after: str = ""
    near: str = ""


_DETERMINER = r"\b(?:the|a|an|this|that|these|those|its|his|her|their|our|my|your)\s+$"
"""A determiner right before a verb entry ("a blast", "the cave") shows its noun, literal, sense."""
_VIOLENCE = (
    r"\b(?:missiles?|rockets?|drones?|bomb\w*|terror\w*|gunm[ae]n|gunfire|shooting|troops|soldiers"
    r"|militar\w*|armed|militants?|insurgents?|airstrikes?|killed|killing|wounded|injured|casualties"
    r"|explosions?|suicide|army|invasion|shelling|artillery|ambush|stabb\w*|hostages?)\b"
)
"""Words of physical violence: near them "assault", "blast" or "retreat" are literal."""
_WEATHER = (
    r"\b(?:storms?|hurricanes?|typhoons?|cyclones?|earthquakes?|quakes?|tornado\w*|flood\w*|winds?|waves?)\b"
)
"""Weather and disasters "slam", "hammer" and "batter" coasts literally."""

CONTEXT_RULES: dict[str, ContextRule] = {
    "assault": ContextRule(
        before=r"\b(?:sexual|sexually|aggravated|armed|physical|violent|military|ground|air|indecent)\s+$",
        after=r"\s*(?:rifles?|weapons?|charges?|case)\b",
        near=_VIOLENCE,
    ),
    "blast": ContextRule(before=_DETERMINER, near=_VIOLENCE + "|" + _WEATHER),
    "retreat": ContextRule(
        before=r"\b(?:annual|weekend|corporate|spiritual|religious|summer|winter|mountain|party|caucus|"
        r"policy|leadership|gop|republican|democratic|david|presidential|private|members)\s+$",
        after=r"\s*(?:centers?|centres?)\b",
        near=_VIOLENCE,
    ),
    "surrender": ContextRule(
        after=r"\s+(?:to\s+(?:police|authorities|federal|the\s+fbi)|(?:their|his|her)\s+(?:weapons|passports?|arms|guns))",
        near=_VIOLENCE,
    ),
    "sharply": ContextRule(
        after=r"\s*(?:higher|lower|up|down|rose|fell|risen|fallen|increased|decreased|declined|dropped|"
        r"reduced|cut|raised|rising|falling)\b"
    ),
    "extreme": ContextRule(
        after=r"\s*(?:weather|heat|cold|temperatures?|poverty|conditions|drought|sports?)\b"
    ),
    "productive": ContextRule(
        after=r"\s*(?:capacity|capacities|sectors?|land|economy|assets|use|workforce|output|forces|investment)\b"
    ),
    "historic": ContextRule(
        after=r"\s*(?:district|sites?|buildings?|preservation|homes?|church|downtown|landmarks?|houses?|"
        r"neighbou?rhoods?|structures?|places?)\b"
    ),
    "regime": ContextRule(
        before=r"\b(?:tax|sanctions|regulatory|inspections?|trade|visa|tariff|pension|legal|training|treatment|"
        r"verification|monitoring|nonproliferation|non-proliferation)\s+$"
    ),
    "scheme": ContextRule(
        before=r"\b(?:pension|insurance|loyalty|colou?r|rhyme|pilot|bonus|benefits?|compensation|ponzi|pyramid)\s+$"
    ),
    "cave": ContextRule(
        before=r"\b(?:the|a|an|this|that|these|those|its|in|into|of|limestone|underground|ice|sea|rock)\s+$",
        after=r"\s*(?:systems?|paintings?|art|dwellers?|rescue|divers?)\b",
    ),
    "hammer": ContextRule(before=_DETERMINER, after=r"\s+(?:out|home)\b", near=_WEATHER),
    "slam": ContextRule(before=r"\bgrand\s+$", after=r"\s*(?:dunks?|into)\b", near=_WEATHER),
    "bash": ContextRule(before=_DETERMINER),
    "trash": ContextRule(before=_DETERMINER, after=r"\s*(?:cans?|bins?|collection|bags?|pickup)\b"),
    "torpedo": ContextRule(before=_DETERMINER, near=_VIOLENCE),
    "rip": ContextRule(
        after=r"\s*(?:through|open|off\s+(?:his|her|their)\s+(?:shirt|clothes))\b", near=_WEATHER
    ),
    "mock": ContextRule(after=r"\s*(?:trials?|elections?|exams?|drills?|debates?|votes?)\b"),
    "swipe": ContextRule(after=r"\s*(?:cards?)\b"),
    "stumble": ContextRule(after=r"\s*(?:upon|across|onto)\b"),
    "scramble": ContextRule(after=r"\s*(?:jets?|fighters|eggs)\b"),
    "crumble": ContextRule(after=r"\s*(?:roads?|bridges?|infrastructure|buildings?|walls?|schools?)\b"),
    "sideline": ContextRule(before=r"\b(?:the|on|from)\s+$"),
    "explosive": ContextRule(after=r"\s*(?:devices?|materials?|charges?|vests?|belts?|ordnance|traces?)\b"),
    "hostile": ContextRule(
        after=r"\s*(?:takeovers?|fire|territory|environment|bids?|forces|aircraft|acts?)\b"
    ),
    "outright": ContextRule(after=r"\s*(?:majority|win|winner|victory|ban|owner|ownership)\b"),
    "fierce": ContextRule(after=r"\s*(?:fighting|storms?|winds?|fires?)\b"),
    "devastating": ContextRule(near=_WEATHER + "|" + _VIOLENCE),
    "massive": ContextRule(near=_WEATHER),
    "complain": ContextRule(
        after=r"\s*of\s+(?:pains?|chest|headaches?|dizziness|nausea|shortness|feeling)\b"
    ),
    "radical": ContextRule(before=r"\bfree\s+$", after=r"\s*(?:mastectomy|prostatectomy|surgery)\b"),
    "bold": ContextRule(after=r"\s*(?:type|print|font|text|face)\b"),
    "bloodbath": ContextRule(near=_VIOLENCE),
    "onslaught": ContextRule(near=_VIOLENCE),
    "salvo": ContextRule(near=_VIOLENCE),
    "wage war": ContextRule(near=_VIOLENCE),
    "declare war": ContextRule(near=_VIOLENCE),
    "spat": ContextRule(after=r"\s+(?:at|on|out|in)\b"),
    "meltdown": ContextRule(before=r"\b(?:nuclear|reactor|core)\s+$", near=r"\breactors?\b"),
    "puppet": ContextRule(after=r"\s*(?:shows?|theaters?|theatres?)\b"),
}
