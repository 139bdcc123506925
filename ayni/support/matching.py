"""The matching engine, fed from the database. Filled in once the engine's API is on main."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Suggestion:
    supporter_id: int
    score: int
    reasons: list = field(default_factory=list)


def suggestions_for(request, *, limit: int = 5, exclude=()) -> list[Suggestion]:
    """The best supporters for one request, best first."""
    return []


def round_run(round_id: int) -> int:
    raise NotImplementedError
