"""The person search index in each kind of database.

SQLite (SQLCipher): an FTS5 table with prefix indexes. PostgreSQL: a plain table with one
GIN index of `simple` text-search vectors per column, matched with prefix queries
(`word:*`). Both hold the same three columns: `visible` (what every role may search),
`full` (adds the real names, for managers) and `sealed` (a hidden person's blind tokens).
"""

from __future__ import annotations

SEARCH_COLUMNS = ("visible", "full", "sealed")


def create_statements(dialect: str) -> list[str]:
    if dialect == "postgresql":
        # Each column's words are stored beside it (a generated column): a query reads
        # them instead of parsing the text of every row it filters, which took a
        # keystroke to 90 ms at 100,000 residents (benchmarks/server_search.py).
        vectors = ", ".join(
            f"{_vector_column(name)} tsvector GENERATED ALWAYS AS "
            f"(to_tsvector('simple'::regconfig, coalesce(\"{name}\", ''))) STORED"
            for name in SEARCH_COLUMNS)
        statements = ['CREATE TABLE person_search (rowid integer PRIMARY KEY, '
                      'visible text NOT NULL DEFAULT \'\', "full" text NOT NULL DEFAULT \'\', '
                      f'sealed text NOT NULL DEFAULT \'\', {vectors})']
        statements += [f'CREATE INDEX person_search_{name} ON person_search USING gin '
                       f'({_vector_column(name)})' for name in SEARCH_COLUMNS]
        return statements
    # secure-delete: a changed row's old words leave the index at once, instead of
    # lingering in old segments (a name hidden later must not stay findable in the file).
    return ['CREATE VIRTUAL TABLE person_search USING fts5(visible, "full", sealed, '
            "tokenize='unicode61', prefix='1 2 3')",
            "INSERT INTO person_search (person_search, rank) VALUES ('secure-delete', 1)"]


def _vector_column(column: str) -> str:
    return f"{column}_words"


VECTOR_COLUMNS = tuple(_vector_column(name) for name in SEARCH_COLUMNS)


# A query is an AND of alternatives; each alternative is (column, word, prefix): the
# column holds a word starting with `word` (prefix) or equal to it.
Term = tuple[str, str, bool]


def _fts5(alternatives: list[Term]) -> str:
    parts = [f'"{column}" : "{word}"' + ("*" if prefix else "")
             for column, word, prefix in alternatives]
    return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"


def _tsquery_word(word: str, prefix: bool) -> str:
    # quoted as a tsquery lexeme: a word of letters and digits, but a quote doubled anyway
    return "'" + word.replace("'", "''").replace("\\", "\\\\") + "'" + (":*" if prefix else "")


def match_condition(dialect: str, query: list[list[Term]]):
    """A SQL condition on `person_search` (joined under that name) for the whole query,
    with its parameters bound."""
    from sqlalchemy import text

    if dialect != "postgresql":
        match = " AND ".join(_fts5(alternatives) for alternatives in query)
        return text("person_search MATCH :match").bindparams(match=match)
    clauses, params = [], {}
    for index, alternatives in enumerate(query):
        ors = []
        for number, (column, word, prefix) in enumerate(alternatives):
            name = f"q{index}_{number}"
            params[name] = _tsquery_word(word, prefix)
            ors.append(f"{_vector_column(column)} @@ to_tsquery('simple'::regconfig, :{name})")
        clauses.append("(" + " OR ".join(ors) + ")")
    return text(" AND ".join(clauses)).bindparams(**params)


def row_statements() -> tuple[str, str]:
    """(delete one row, insert one row): the same SQL in both kinds of database."""
    return ("DELETE FROM person_search WHERE rowid = :id",
            'INSERT INTO person_search (rowid, visible, "full", sealed) '
            "VALUES (:id, :visible, :full, :sealed)")
