"""Reads about relationships. The relationships work fills this in; until its models exist no two
people are matched, so nobody sees another's private profile through a relationship."""


def people_are_matched(*, community, first, second) -> bool:
    return False
