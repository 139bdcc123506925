"""A tiny pattern language for the rules, compiled to regular expressions on folded text.

Rules are written in lower case without accents, as people type them. The compiler makes them
forgiving:

- every letter may be repeated ("morirrr", "muuuero", "killl" match "morir", "muero", "kill");
- a letter followed by ``?`` is optional ("mat?arme" also matches "marme");
- a space matches any run of white space; ``~N `` skips up to N whole words; ``^N `` skips up
  to N words none of which opens a new clause ("que", "that", "if", "but"...);
- an apostrophe is optional ("don't" also matches "dont");
- a rule only matches whole words (it cannot start or end inside a word).

Ordinary regular-expression syntax (groups, alternatives, ``\\w``, classes, lookarounds) works
as usual; avoid named groups.
"""

from __future__ import annotations

import re
from functools import lru_cache

try:  # Python 3.11+
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_parse as _sre_parse  # type: ignore[no-redef]


def _space_into_optional_groups(source: str) -> str:
    """Rewrite " (x)?" as "(?: (x))?" so that a skipped optional word does not leave two
    spaces to match."""
    result = source
    index = 0
    while True:
        index = result.find(" (", index)
        if index < 0:
            return result
        depth = 0
        close = -1
        for position in range(index + 1, len(result)):
            char = result[position]
            if char == "\\":
                continue
            if char == "(" and result[position - 1] != "\\":
                depth += 1
            elif char == ")" and result[position - 1] != "\\":
                depth -= 1
                if depth == 0:
                    close = position
                    break
        if (
            close > 0
            and result[close + 1 : close + 2] == "?"
            and result[close + 2 : close + 3] != "?"
            and result[close - 1] != " "
        ):
            group = result[index + 1 : close + 1]
            result = f"{result[:index]}(?: {group})?{result[close + 2 :]}"
            index += 4
        else:
            index += 2


_CLAUSE_WORDS = (
    "(?:que|q|that|if|si|when|cuando|but|pero|because|porque|although|aunque|while|mientras|"
    "before|antes|after|despues|who|quien|which|cual)"
)


@lru_cache(maxsize=4096)
def compile_rule(source: str) -> re.Pattern[str]:
    source = _space_into_optional_groups(source)
    out: list[str] = []
    index = 0
    in_class = False
    length = len(source)
    while index < length:
        char = source[index]
        following = source[index + 1] if index + 1 < length else ""
        if char == "\\":
            out.append(source[index : index + 2])
            index += 2
            continue
        if in_class:
            out.append(char)
            if char == "]":
                in_class = False
            index += 1
            continue
        if char == "[":
            in_class = True
            out.append(char)
        elif char == "^" and following.isdigit():
            count = following
            index += 2
            if index < length and source[index] == " ":
                index += 1
            out.append(rf"(?:(?!{_CLAUSE_WORDS}\b)\S+\s+){{0,{count}}}")
            continue
        elif char == "~" and following.isdigit():
            count = following
            index += 2
            if index < length and source[index] == " ":
                index += 1
            out.append(rf"(?:\S+\s+){{0,{count}}}")
            continue
        elif char == " ":
            out.append(r"\s+")
        elif char == "'":
            out.append("'?")
        elif char.isalpha():
            if following == "?":
                out.append(f"{char}*")
                index += 2
                continue
            if following and following in "+*{":
                out.append(char)
            else:
                out.append(f"{char}+")
        else:
            out.append(char)
        index += 1
    body = "".join(out)
    firsts = first_characters(body)
    # A look-ahead on the possible first characters lets the engine skip most positions
    # quickly (several times faster on long texts than trying every alternative everywhere).
    gate = f"(?=[{re.escape(''.join(sorted(firsts)))}])" if firsts else ""
    return re.compile(rf"{gate}(?<![\w'])(?:{body})(?![\w])")


def first_characters(pattern: str) -> set[str] | None:
    """The characters a match of ``pattern`` can start with, or None if that cannot be told
    (or the pattern can match the empty string)."""
    try:
        parsed = _sre_parse.parse(pattern)
    except re.error:
        return None
    return _firsts(list(parsed))


def _firsts(items: list) -> set[str] | None:
    found: set[str] = set()
    for op, argument in items:
        name = str(op)
        if name == "LITERAL":
            found.add(chr(argument))
            return found
        if name == "IN":
            for inner_op, inner in argument:
                if str(inner_op) == "LITERAL":
                    found.add(chr(inner))
                elif str(inner_op) == "RANGE":
                    found.update(chr(code) for code in range(inner[0], inner[1] + 1))
                else:
                    return None
            return found
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            minimum, _, sub = argument
            inner = _firsts(list(sub))
            if inner is None:
                return None
            found |= inner
            if minimum > 0:
                return found
            continue
        if name == "SUBPATTERN":
            inner = _firsts(list(argument[-1]))
            if inner is None:
                return None
            return found | inner
        if name == "BRANCH":
            for branch in argument[1]:
                inner = _firsts(list(branch))
                if inner is None:
                    return None
                found |= inner
            return found
        if name in ("ASSERT", "ASSERT_NOT", "AT"):
            continue
        return None
    return None


def squeeze(text: str) -> str:
    """``text`` with every run of one repeated character reduced to one ("killl" -> "kil")."""
    return _RUNS.sub(r"\1", text)


_RUNS = re.compile(r"(.)\1+", re.DOTALL)


def necessary_strings(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Strings of which every match of ``pattern`` contains at least one, once both the match and
    the strings are squeezed (see :func:`squeeze`); None when nothing can be promised.

    The detector uses them to skip, cheaply and safely, the rules that cannot match a text."""
    try:
        parsed = _sre_parse.parse(pattern.pattern)
    except re.error:  # pragma: no cover
        return None
    found = _necessary(list(parsed))
    if not found or min(len(text) for text in found) < 2:
        return None
    return frozenset(found)


def _single_literal(op: object, argument: object) -> str | None:
    name = str(op)
    if name == "LITERAL":
        return chr(argument)  # type: ignore[arg-type]
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        minimum, _, sub = argument  # type: ignore[misc]
        items = list(sub)
        if minimum >= 1 and len(items) == 1 and str(items[0][0]) == "LITERAL":
            return chr(items[0][1])
    return None


def _necessary(items: list) -> set[str] | None:
    candidates: list[set[str]] = []
    run = ""

    def close_run() -> None:
        nonlocal run
        if run:
            candidates.append({run})
        run = ""

    for op, argument in items:
        name = str(op)
        char = _single_literal(op, argument)
        if char is not None:
            if not run or run[-1] != char:
                run += char
            continue
        close_run()
        if name in ("ASSERT", "ASSERT_NOT", "AT"):
            continue
        if name == "SUBPATTERN":
            inner = _necessary(list(argument[-1]))
            if inner:
                candidates.append(inner)
        elif name == "BRANCH":
            union: set[str] = set()
            for branch in argument[1]:
                inner = _necessary(list(branch))
                if not inner:
                    union = set()
                    break
                union |= inner
            if union:
                candidates.append(union)
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            minimum, _, sub = argument
            if minimum >= 1:
                inner = _necessary(list(sub))
                if inner:
                    candidates.append(inner)
    close_run()
    if not candidates:
        return None
    return max(candidates, key=lambda strings: (min(map(len, strings)), -len(strings)))
