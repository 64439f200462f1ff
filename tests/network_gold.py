"""Gold values for the actor-network tests, written from the article (graph/articles/<slug>.txt): who is
connected to whom, by which relation, and which sentences say so."""

from __future__ import annotations

import networkx as nx
from conftest import ARTICLE

import natokg
from natokg.namespaces import NKR

TEXT = (natokg.data_root() / "graph" / "articles" / f"{ARTICLE}.txt").read_text(encoding="utf-8")

# The article's sentences, by number, as they begin.
SENTENCE_STARTS = {
    1: "Pentagon policy chief Elbridge Colby called on Thursday",
    2: "US Defense Secretary Pete Hegseth is not attending",
    3: "Hegseth’s absence marks the second time",
    4: "Those absences and repeated tensions",
    5: "Trump has repeatedly called on European nations",
    6: "NATO leaders responded last year",
    7: "Colby sees 'strong basis'",
    8: "Colby offered reassurance to European allies",
    9: "“Now it's time to march out together",
    10: "In a sign of the shifting balance",
    11: "At the start of Thursday's meeting",
    12: '"We are already seeing significant increases',
    13: "“Investment is up by tens of billions.",
}

PEOPLE = {"elbridge-colby", "pete-hegseth", "marco-rubio", "donald-trump", "mark-rutte"}
ORGANISATIONS = {
    "nato",
    "us-department-of-defense",
    "us-government",
    "trump-administration",
    "command-naples",
    "command-norfolk",
}
STATES = {"united-states", "italy"}
COLLECTIVES = {
    "european-nations",
    "european-allies",
    "nato-allies",
    "nato-leaders",
    "nato-defence-ministers",
    "nato-foreign-ministers",
    "european-officials-and-commentators",
    "reporters",
    "european-officers",
}

# (source, relation, target): the sentences that state it. Written from the article.
GOLD_EDGES: dict[tuple[str, str, str], tuple[int, ...]] = {
    # "Pentagon policy chief Elbridge Colby" / "Colby, who holds the Pentagon's No. 3 post"
    ("elbridge-colby", "holdsPostIn", "us-department-of-defense"): (1, 2),
    ("pete-hegseth", "holdsPostIn", "us-department-of-defense"): (2,),  # "US Defense Secretary Pete Hegseth"
    ("marco-rubio", "holdsPostIn", "us-government"): (3,),  # "Secretary of State Marco Rubio"
    ("donald-trump", "holdsPostIn", "us-government"): (4,),  # "US President Donald Trump"
    ("mark-rutte", "holdsPostIn", "nato"): (11,),  # "NATO Secretary General Mark Rutte"
    # "a top Trump administration official has skipped a NATO meeting" (Hegseth now, Rubio before)
    ("pete-hegseth", "memberOf", "trump-administration"): (3,),
    ("marco-rubio", "memberOf", "trump-administration"): (3,),
    ("european-allies", "memberOf", "nato"): (8,),
    ("nato-allies", "memberOf", "nato"): (11,),
    ("nato-defence-ministers", "memberOf", "nato"): (1,),
    ("nato-foreign-ministers", "memberOf", "nato"): (3,),
    ("nato-leaders", "memberOf", "nato"): (6,),
    # The Pentagon is run by the Trump administration, the US government's executive: the
    # modeller's reading of the sentences that call the US Defense Secretary a top official of it.
    ("us-department-of-defense", "partOf", "trump-administration"): (2, 3),
    ("trump-administration", "partOf", "us-government"): (3, 4),
    ("elbridge-colby", "represents", "united-states"): (2,),  # "is representing the US"
    ("elbridge-colby", "standsInFor", "pete-hegseth"): (2,),  # "Hegseth is not attending ...; instead, Colby"
    ("pete-hegseth", "absentFromMeetingOf", "nato"): (2, 3),
    ("marco-rubio", "absentFromMeetingOf", "nato"): (3,),  # "Rubio missed a gathering of the alliance's"
    # "as he arrived in Brussels for talks with the military alliance’s defense ministers"
    ("elbridge-colby", "cameForTalksWith", "nato-defence-ministers"): (1,),
    ("donald-trump", "calledOn", "european-nations"): (5,),
    ("elbridge-colby", "reassured", "european-allies"): (7, 8),
    ("elbridge-colby", "spokeTo", "reporters"): (1, 9),  # "he told reporters"
    ("elbridge-colby", "spokeAbout", "nato"): (1, 9),  # "called ... for NATO to be based on"
    ("mark-rutte", "spokeAbout", "nato-allies"): (11, 12, 13),  # "said allies were stepping up"
    ("mark-rutte", "quotedAtMeetingOf", "nato"): (11, 12, 13),  # quoted "At the start of Thursday's meeting"
    ("donald-trump", "inTensionWith", "european-nations"): (4,),
    ("us-government", "committedTo", "nato"): (4,),  # "Washington's commitment to NATO"
    ("european-officials-and-commentators", "questionedCommitmentOf", "us-government"): (4,),
    ("nato-leaders", "respondedTo", "donald-trump"): (5, 6),  # "NATO leaders responded last year"
    ("united-states", "handsOverTo", "european-officers"): (10,),
    ("command-naples", "ledBy", "united-states"): (10,),  # "two of its major command posts"
    ("command-norfolk", "ledBy", "united-states"): (10,),
    ("nato", "announcedHandoverBy", "united-states"): (10,),  # "NATO announced ... that the US will turn over"
}


def slug(node: object) -> str:
    return str(node).removeprefix(str(NKR))


def sentence(number: int) -> str:
    """The whole sentence of the article: from its start to where the next one starts."""
    start = TEXT.index(SENTENCE_STARTS[number])
    end = TEXT.index(SENTENCE_STARTS[number + 1]) if number + 1 in SENTENCE_STARTS else len(TEXT)
    return TEXT[start:end].strip()


def edges_of(graph: nx.MultiDiGraph) -> dict[tuple[str, str, str], dict]:
    return {(slug(u), key, slug(v)): data for u, v, key, data in graph.edges(keys=True, data=True)}
