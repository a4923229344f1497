"""Short forms of first names in French, German, Spanish, Italian, Portuguese and Dutch: one person written two
ways (Sepp and Josef, Paco and Francisco, Kees and Cornelis), as the `nicknames` package knows English ones
(Bob and Robert). Written as `search.sort_key` writes a name: lower case, without accents.

Only forms used for that name and rarely given as a name of their own to someone else in the same family are
here: a pair here makes two rows sharing an email or phone one customer, and two people taken for one lose
data, where one person taken for two only leaves a duplicate to merge.
"""

from __future__ import annotations

from functools import cache

# a full first name -> its short forms
SHORT_FORMS = {
    # French
    "alexandre": "alex", "alexandra": "alex", "catherine": "cathy cath", "christophe": "chris",
    "dominique": "domi", "emmanuel": "manu", "emmanuelle": "manu", "frederic": "fred", "frederique": "fred",
    "gabrielle": "gaby", "isabelle": "isa", "jacqueline": "jacky", "maxime": "max", "maximilien": "max",
    "nicolas": "nico", "philippe": "phil", "sebastien": "seb", "stephane": "steph", "stephanie": "steph",
    "valentin": "val", "valerie": "val", "marguerite": "margot",
    # German
    "andreas": "andi", "anton": "toni", "antonia": "toni", "barbara": "babsi barbel", "beate": "bea",
    "beatrix": "bea trixi", "bernhard": "bernd", "christiane": "chrissi", "cornelia": "conny",
    "dietrich": "dieter", "elisabeth": "lisa liesl lis elli sissi bep els liesbeth", "florian": "flo",
    "franziska": "franzi", "friedrich": "fritz", "gabriele": "gabi gaby lele", "heinrich": "heinz heini",
    "johannes": "hans hannes johann jan joop", "josef": "sepp seppi jupp", "katharina": "kathi kati",
    "konrad": "conny", "ludwig": "lutz", "margarete": "grete gretel", "margarethe": "grete gretel",
    "matthias": "matze", "maximilian": "max maxi", "michael": "micha michi", "nikolaus": "klaus niko",
    "rudolf": "rudi", "sebastian": "basti", "stefanie": "steffi", "susanne": "susi", "theodor": "theo",
    "therese": "resi", "theresia": "resi", "ulrich": "uli ulli", "wilhelm": "willi willy wim", "wolfgang": "wolfi",
    # Spanish
    "alejandro": "alex", "concepcion": "concha conchita", "consuelo": "chelo", "dolores": "lola",
    "eduardo": "lalo edu dudu", "enrique": "quique", "fernando": "nando", "francisco": "paco pancho curro chico",
    "guadalupe": "lupe", "guillermo": "memo", "ignacio": "nacho", "jose": "pepe ze", "josefa": "pepa",
    "manuel": "manolo", "mercedes": "merche", "rafael": "rafa", "rosario": "charo", "santiago": "santi",
    # Italian
    "alessandro": "sandro", "domenico": "mimmo", "federico": "fede", "federica": "fede",
    "giovanni": "gianni", "giuseppe": "beppe peppe peppino", "luigi": "gigi", "massimo": "max",
    "salvatore": "toto", "vincenzo": "enzo",
    # Dutch
    "adrianus": "arie", "antonius": "toon teun", "cornelis": "kees", "franciscus": "frans", "gerardus": "gerrit",
    "geertruida": "truus", "hendrik": "henk", "hubertus": "huub", "jacobus": "koos jaap sjaak",
    "nicolaas": "klaas", "pieter": "piet", "petrus": "piet", "willem": "wim pim", "wilhelmina": "mien",
    "jozef": "sjef joep",
}


@cache
def _related() -> dict[str, frozenset[str]]:
    related: dict[str, set[str]] = {}
    for full, shorts in SHORT_FORMS.items():
        for short in shorts.split():
            related.setdefault(full, set()).add(short)
            related.setdefault(short, set()).add(full)
    return {name: frozenset(names) for name, names in related.items()}


def short_form(a: str, b: str) -> bool:
    """Whether one first name is the other's short form here (Sepp and Josef; not Sepp and Hans)."""
    return b in _related().get(a, ())
