"""English stop words: the function words every stage leaves out when it compares content.

One list for the whole package, so grouping, fact alignment and the embeddings agree on what a
content word is.
"""

from __future__ import annotations

STOPWORDS: frozenset[str] = frozenset(
    """
    a about above according across after afterwards again against ago all almost alone along already
    also although always am among an and another any anyone anything are around as at away back be
    became because become been before being below beside besides between beyond both but by can
    cannot could did do does doing done down during each either else enough even ever every few
    first for former formerly from further get gets got had has have having he her here hers herself
    him himself his how however i if in including into is it its itself just last later least less
    like made make many may me meanwhile might mine more moreover most mostly much must my myself
    near nearly neither never nevertheless new next no nobody none nor not nothing now of off often
    on once one only onto or other others otherwise our ours ourselves out over own per perhaps
    please put rather re really said same say says see seem seemed seems several she should since so
    some something sometimes still such than that the their theirs them themselves then there
    thereafter thereby therefore these they this those though through throughout thus to together
    too toward towards under until up upon us very via was we well were what whatever when whenever
    where whereas whether which while who whoever whole whom whose why will with within without
    would yet you your yours yourself yourselves told tell asked week weeks year years day days time
    times today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday morning
    evening night am pm mr mrs ms dr also s t don didn doesn isn wasn weren won wouldn couldn
    shouldn ve ll d m o just going go went two three four five six seven eight nine ten percent
    people report reports reported reporting news statement
    """.split()
)
"""Function words and reporting furniture ("said", "reported", weekdays): frequent in every story,
they would only add noise to a term vector."""
