"""French administrative phrasing, in one place.

Every regex that encodes how a délibération is worded lives here, named for what it reads,
and is tested with real phrasings from the corpus in tests/test_<topic>.py. Extractors import
these names; they do not write their own regexes for document wording."""
from __future__ import annotations

from pipeline.french.patterns.dates import *  # noqa: F401,F403
from pipeline.french.patterns.stamp import *  # noqa: F401,F403
from pipeline.french.patterns.seance import *  # noqa: F401,F403
from pipeline.french.patterns.attendance import *  # noqa: F401,F403
from pipeline.french.patterns.identity import *  # noqa: F401,F403
from pipeline.french.patterns.vote import *  # noqa: F401,F403
from pipeline.french.patterns.vote import count_value  # noqa: F401
from pipeline.french.patterns.annexes import *  # noqa: F401,F403
from pipeline.french.patterns.segment import *  # noqa: F401,F403
