"""Word lists for the grouping features: English stop words, and capitalised words that are not names.

Written for this module (short, common-knowledge lists); the grouping features are English-first,
other languages are matched through names in Latin script and the multilingual embedding.
"""

from __future__ import annotations

MONTHS: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept",
    "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip

WEEKDAYS: tuple[str, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

NAME_STOP: frozenset[str] = frozenset(
    """
    the a an and but or if when while after before as at in on of for to by from with without this
    that these those there here it its he she they we i you his her their our my your what which who
    whom where why how however meanwhile still yet so also then now today yesterday tomorrow last
    next first new more most many some no not all both each every other another such one two three
    four five mr mrs ms dr prof sir lady lord president vice prime minister secretary senator sen
    rep gov governor gen general chief judge justice mayor king queen prince princess pope sheikh
    ayatollah officials official police spokesman spokeswoman according said says but breaking
    update updated posted published photo video watch read related live editor reporter staff by
    copyright am pm et est edt gmt bst cet ist utc all rights reserved share comment comments
    advertisement
    """.split()
    + [w.lower() for w in MONTHS]
    + list(WEEKDAYS)
)
"""Capitalised words that start sentences or precede names ("Prime Minister", "Breaking") but are
not names themselves: they are stripped from the front of a capitalised run."""

EN_FUNCTION: frozenset[str] = frozenset(
    "the and of to in is was for that with on at by from are were has have had it its this be been".split()
)
"""Frequent English function words, to tell an English text from one in another language."""

OTHER_FUNCTION: frozenset[str] = frozenset(
    """
    der die das und ist nicht mit den dem des ein eine einer auf für von zu im wurde sich auch nach bei
    ve bir bu için ile da de olan olarak daha çok gibi ise ancak sonra kadar göre ya
    le la les et est une dans pour sur avec qui pas du au aux ces été
    el los las y es un una por con para su del al lo como más fue
    il che non di per sono della gli nel
    het een van en op te dat niet zijn wordt
    o os um uma não com para pelo pela foi
    """.split()
)
"""Frequent function words of German, Turkish, French, Spanish, Italian, Dutch and Portuguese.
Words shared with English ("a", "in", "is") are left out."""
