"""The relations of the actor network, declared in one table, and their colours and labels."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rdflib import URIRef
from rdflib.term import Node

from natokg.namespaces import NKG

#: Output formats of :func:`write_network` and ``natokg network --format``; the first three are drawn.
FORMATS = ("png", "svg", "html", "graphml", "gexf", "json")
PICTURES = FORMATS[:3]

#: The one seed of every random choice (layout, communities): same input, same picture. This one
#: gives the article's network the fewest edge crossings among seeds 0–39.
SEED = 16


Row = dict[str, Any]


@dataclass(frozen=True)
class Relation:
    """One kind of edge: a SPARQL pattern that binds ``?source`` and ``?target``, a readable label,
    and where its evidence is: ``facts`` names the variables bound to qualified nodes or events
    whose ``nkg:evidence`` cites the text; ``evidence`` is an extra pattern that binds them (it is
    made OPTIONAL, so an edge without a qualified node is still an edge, with no evidence).

    >>> RELATIONS["calledOn"].label
    'called on'
    """

    name: str
    label: str
    pattern: str
    evidence: str = ""
    facts: tuple[str, ...] = ("fact",)
    symmetric: bool = False

    def sparql(self) -> str:
        """The SELECT query that finds this relation's edges and their facts."""
        optional = f"OPTIONAL {{ {self.evidence} }}" if self.evidence else ""
        # Each variable once (Oxigraph, as SPARQL 1.1, refuses ``SELECT ?target ?target``).
        variables = " ".join(f"?{name}" for name in self.facts if name not in ("source", "target"))
        return (
            f"SELECT DISTINCT ?source ?target {variables} WHERE {{ {self.pattern} {optional} "
            "FILTER(isIRI(?source) && isIRI(?target) && ?source != ?target) }"
        )


def _table(*relations: Relation) -> dict[str, Relation]:
    return {relation.name: relation for relation in relations}


#: Actor–actor relations, in drawing order. Evidence comes from the qualified node (post holding,
#: membership, representation) or the event (absence, statement, tension...) that states the edge.
RELATIONS: dict[str, Relation] = _table(
    Relation(
        "holdsPostIn",
        "holds a post in",
        "?source org:holds ?post . ?post org:postIn ?target .",
        "?fact nkg:holder ?source ; nkg:heldPost ?post .",
    ),
    Relation(
        "headOf", "heads", "?source org:headOf ?target .", "?fact org:member ?source ; org:organization ?target ."
    ),
    Relation(
        "memberOf",
        "member of",
        "?source org:memberOf ?target .",
        "?fact org:member ?source ; org:organization ?target .",
    ),
    Relation(
        "partOf",
        "part of",
        "?source org:subOrganizationOf ?target .",
        "?fact nkg:childOrganization ?source ; nkg:parentOrganization ?target .",
    ),
    Relation(
        "represents",
        "represents",
        "?source nkg:represents ?target .",
        "?fact nkg:representative ?source ; nkg:representedActor ?target .",
    ),
    Relation(
        "standsInFor",
        "stands in for",
        "?source nkg:standsInFor ?target .",
        "?fact nkg:representative ?source ; nkg:inPlaceOf ?target .",
    ),
    Relation(
        "absentFromMeetingOf",
        "absent from a meeting of",
        "?source nkg:absentFrom ?meeting . ?meeting nkg:organizer ?target .",
        "?fact nkg:absentee ?source ; nkg:missedEvent ?meeting .",
    ),
    Relation(
        "cameForTalksWith",
        "came for talks with",
        "?fact a nkg:Arrival ; nkg:agent ?source ; nkg:purpose ?meeting . ?meeting nkg:participant ?target .",
    ),
    Relation(
        "calledOn",
        "called on",
        "?source nkg:calledOn ?target .",
        "?fact a ?kind ; nkg:speaker ?source ; nkg:addressee ?target . VALUES ?kind { nkg:Appeal nkg:Demand }",
    ),
    Relation(
        "reassured", "offered reassurance to", "?fact a nkg:Reassurance ; nkg:speaker ?source ; nkg:addressee ?target ."
    ),
    Relation("spokeTo", "spoke to", "?fact nkg:speaker ?source ; nkg:audience ?target ."),
    Relation("spokeAbout", "spoke about", "?fact nkg:speaker ?source ; nkg:about ?target ."),
    Relation(
        "quotedAtMeetingOf",
        "quoted at a meeting of",
        "?quotation nkg:saidBy ?source ; nkg:quotedIn ?statement . "
        "?statement nkg:subEventOf ?meeting . ?meeting a nkg:Meeting ; nkg:organizer ?target .",
        facts=("quotation", "statement"),
    ),
    Relation(
        "inTensionWith",
        "in tension with",
        "?source nkg:inTensionWith ?target .",
        "?fact a nkg:Tension ; nkg:participant ?source , ?target .",
        symmetric=True,
    ),
    Relation(
        "committedTo",
        "committed to",
        "?source nkg:committedTo ?target .",
        "?fact nkg:committedActor ?source ; nkg:beneficiary ?target .",
    ),
    Relation(
        "questionedCommitmentOf",
        "questioned the commitment of",
        "?fact a nkg:Questioning ; nkg:speaker ?source ; nkg:about ?commitment . "
        "?commitment nkg:committedActor ?target .",
        facts=("fact", "commitment"),
    ),
    Relation(
        "respondedTo",
        "responded to",
        "?fact nkg:agent ?source ; nkg:respondsTo ?appeal . ?appeal nkg:speaker ?target .",
        facts=("fact", "appeal"),
    ),
    Relation("handsOverTo", "hands over to", "?fact a nkg:Handover ; nkg:from ?source ; nkg:to ?target ."),
    Relation("ledBy", "led by", "?source nkg:ledBy ?target .", "?fact nkg:handedOver ?source ; nkg:from ?target ."),
    Relation(
        "announcedHandoverBy",
        "announced a handover by",
        "?fact a nkg:Announcement ; nkg:agent ?source ; nkg:announced ?handover . ?handover nkg:from ?target .",
        facts=("fact", "handover"),
    ),
    # Only reasoning states it (the transitive closure of memberOf and subOrganizationOf).
    Relation("belongsTo", "belongs to", "?source nkg:belongsTo ?target ."),
)


#: Actor–event roles for the bipartite view: ``?source`` is the actor, ``?target`` the event.
ROLES: dict[str, Relation] = _table(
    Relation("organizer", "organises", "?target nkg:organizer ?source .", facts=("target",)),
    Relation("agent", "acts in", "?target nkg:agent ?source .", facts=("target",)),
    Relation("speaker", "speaks in", "?target nkg:speaker ?source .", facts=("target",)),
    Relation("participant", "takes part in", "?target nkg:participant ?source .", facts=("target",)),
    Relation("addressee", "is addressed in", "?target nkg:addressee ?source .", facts=("target",)),
    Relation("audience", "is the audience of", "?target nkg:audience ?source .", facts=("target",)),
    Relation("subject", "is the subject of", "?target nkg:about ?source .", facts=("target",)),
    Relation(
        "absentFrom",
        "absent from",
        "?source nkg:absentFrom ?target .",
        "?fact nkg:absentee ?source ; nkg:missedEvent ?target .",
    ),
    Relation("absentee", "is the absentee of", "?target nkg:absentee ?source .", facts=("target",)),
    Relation("representedAt", "represents someone at", "?fact nkg:representative ?source ; nkg:atEvent ?target ."),
    Relation("quotedIn", "is quoted in", "?fact nkg:saidBy ?source ; nkg:quotedIn ?target .", facts=("fact", "target")),
    Relation("handsOverIn", "hands over in", "?target nkg:from ?source .", facts=("target",)),
    Relation("receivesIn", "receives in", "?target nkg:to ?source .", facts=("target",)),
)


#: Actor kinds, most specific first: a node's ``type`` is the first of these its class falls under.
ACTOR_KINDS: dict[URIRef, str] = {
    NKG.Person: "person",
    NKG.State: "state",
    NKG.CollectiveActor: "collective actor",
    NKG.Organization: "organisation",
}


EVENT_KINDS: dict[URIRef, str] = {NKG.Event: "event"}


# Okabe–Ito colours (safe for colour-blind readers), one per kind of node.
TYPE_COLOURS = {
    "person": "#0072B2",
    "organisation": "#E69F00",
    "state": "#009E73",
    "collective actor": "#CC79A7",
    "event": "#999999",
}


#: The Okabe–Ito palette (Okabe & Ito, "Color Universal Design", 2008), told apart by readers with
#: any common colour-vision deficiency; its yellow (#F0E442) is left out, too light for thin lines
#: and small text on white. Fixed here (not taken from matplotlib) so the HTML view needs none.
PALETTE = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
}

#: Line patterns, as on/off lengths in points (matplotlib) or pixels (the HTML canvas).
DASHES: dict[str, tuple[float, ...]] = {"solid": (), "dashed": (6.0, 3.0), "dotted": (1.5, 2.5)}

# Seven colours and three patterns give 21 styles, one per relation. Chosen by hand so that the
# relations that meet in the article's network differ in colour, not only in pattern (e.g.
# represents, questioned the commitment of and announced a handover by; member of and
# responded to; holds a post in and spoke to).
_STYLES: dict[str, tuple[str, str]] = {
    "holdsPostIn": ("blue", "solid"),
    "headOf": ("blue", "dashed"),
    "questionedCommitmentOf": ("blue", "dotted"),
    "memberOf": ("orange", "solid"),
    "belongsTo": ("orange", "dashed"),
    "committedTo": ("orange", "dotted"),
    "partOf": ("black", "solid"),
    "spokeTo": ("black", "dashed"),
    "handsOverTo": ("black", "dotted"),
    "represents": ("vermillion", "solid"),
    "calledOn": ("vermillion", "dashed"),
    "inTensionWith": ("vermillion", "dotted"),
    "standsInFor": ("reddish purple", "solid"),
    "quotedAtMeetingOf": ("reddish purple", "dashed"),
    "respondedTo": ("reddish purple", "dotted"),
    "absentFromMeetingOf": ("sky blue", "solid"),
    "spokeAbout": ("sky blue", "dashed"),
    "ledBy": ("sky blue", "dotted"),
    "cameForTalksWith": ("bluish green", "solid"),
    "reassured": ("bluish green", "dashed"),
    "announcedHandoverBy": ("bluish green", "dotted"),
}
_ROLE_STYLES: dict[str, tuple[str, str]] = {
    "organizer": ("blue", "solid"),
    "agent": ("orange", "solid"),
    "speaker": ("vermillion", "solid"),
    "participant": ("bluish green", "solid"),
    "addressee": ("reddish purple", "solid"),
    "audience": ("sky blue", "solid"),
    "subject": ("black", "solid"),
    "absentFrom": ("sky blue", "dashed"),
    "absentee": ("blue", "dashed"),
    "representedAt": ("vermillion", "dashed"),
    "quotedIn": ("reddish purple", "dashed"),
    "handsOverIn": ("bluish green", "dashed"),
    "receivesIn": ("orange", "dashed"),
}
_UNKNOWN_STYLE = ("#555555", "solid")


def relation_style(name: str) -> tuple[str, str]:
    """The colour (hex) and line pattern (a key of :data:`DASHES`) of a relation or role.

    Relations that are not in :data:`RELATIONS` or :data:`ROLES` are grey and solid.

    >>> relation_style("holdsPostIn"), relation_style("respondedTo")
    (('#0072B2', 'solid'), ('#CC79A7', 'dotted'))
    """
    colour, dash = _STYLES.get(name) or _ROLE_STYLES.get(name) or _UNKNOWN_STYLE
    return PALETTE.get(colour, colour), dash


def relation_colour(name: str) -> str:
    """The drawing colour of a relation or role (see :func:`relation_style`).

    >>> relation_colour("holdsPostIn"), relation_colour("organizer")
    ('#0072B2', '#0072B2')
    """
    return relation_style(name)[0]


def _local_name(node: Node) -> str:
    return str(node).rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _names(data: Row) -> list[str]:
    """The relation name(s) of an edge: one in a multigraph, a list in a weighted graph."""
    relation = data.get("relation", "")
    return list(relation) if isinstance(relation, list) and relation else [str(relation)]


def _relation_label(name: str) -> str:
    return (RELATIONS.get(name) or ROLES.get(name) or Relation(name, name, "")).label
