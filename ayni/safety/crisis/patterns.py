"""A tiny pattern language for the rules, compiled to regular expressions on folded text.

Rules are written in lower case without accents, as people type them. The compiler makes them
forgiving:

- every letter may be repeated ("morirrr", "muuuero", "killl" match "morir", "muero", "kill");
- a letter followed by ``?`` is optional ("mat?arme" also matches "marme");
- a space matches any run of white space; ``~N `` skips up to N whole words;
- an apostrophe is optional ("don't" also matches "dont");
- a rule only matches whole words (it cannot start or end inside a word).

Ordinary regular-expression syntax (groups, alternatives, ``\\w``, classes, lookarounds) works
as usual; avoid named groups.
"""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=4096)
def compile_rule(source: str) -> re.Pattern[str]:
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
    return re.compile(rf"(?<![\w'])(?:{body})(?![\w])")
