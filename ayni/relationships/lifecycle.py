"""The life of a relationship as a plain transition table (no Django, property-tested).

A relationship is *proposed* until both people acknowledge the agreement, then *active*. It can be
*paused* and resumed, enter *closing* (the exit surveys are open) and end *closed* (planned or
unplanned, with a reason) or *rematched* (the seeker continues with someone else in a new
relationship that points back at this one, so history is kept).

Roles: "participant" (the seeker or the supporter of that relationship) and "coordinator" (a
coordinator of its community). `system` is the platform itself (for example when both
acknowledgements are in).
"""

from dataclasses import dataclass

PROPOSED = "proposed"
ACTIVE = "active"
PAUSED = "paused"
CLOSING = "closing"
CLOSED = "closed"
REMATCHED = "rematched"

STATES = (PROPOSED, ACTIVE, PAUSED, CLOSING, CLOSED, REMATCHED)
TERMINAL = frozenset({CLOSED, REMATCHED})
# States in which the relationship holds one of the supporter's places.
HOLDS_PLACE = frozenset({PROPOSED, ACTIVE, PAUSED, CLOSING})
# States in which the two people count as matched (they see each other's private profile).
CURRENT = HOLDS_PLACE

PARTICIPANT = "participant"
COORDINATOR = "coordinator"
SYSTEM = "system"
ROLES = (PARTICIPANT, COORDINATOR, SYSTEM)

ACTIVATE = "activate"  # both acknowledged the agreement
PAUSE = "pause"
RESUME = "resume"
START_CLOSING = "start_closing"
CLOSE = "close"
CANCEL = "cancel"  # a proposed relationship that never starts
REMATCH = "rematch"
ACTIONS = (ACTIVATE, PAUSE, RESUME, START_CLOSING, CLOSE, CANCEL, REMATCH)

_EVERYONE = frozenset({PARTICIPANT, COORDINATOR, SYSTEM})
_PEOPLE = frozenset({PARTICIPANT, COORDINATOR})
_COORDINATION = frozenset({COORDINATOR, SYSTEM})

# (state, action) -> (new state, roles allowed to take that action)
TRANSITIONS: dict[tuple[str, str], tuple[str, frozenset[str]]] = {
    (PROPOSED, ACTIVATE): (ACTIVE, frozenset({SYSTEM})),
    (PROPOSED, CANCEL): (CLOSED, _EVERYONE),
    (ACTIVE, PAUSE): (PAUSED, _PEOPLE),
    (ACTIVE, START_CLOSING): (CLOSING, _PEOPLE),
    (ACTIVE, CLOSE): (CLOSED, _COORDINATION),  # unplanned, without the closing period
    (ACTIVE, REMATCH): (REMATCHED, _COORDINATION),
    (PAUSED, RESUME): (ACTIVE, _PEOPLE),
    (PAUSED, START_CLOSING): (CLOSING, _PEOPLE),
    (PAUSED, CLOSE): (CLOSED, _COORDINATION),
    (PAUSED, REMATCH): (REMATCHED, _COORDINATION),
    (CLOSING, CLOSE): (CLOSED, _EVERYONE),
    (CLOSING, RESUME): (ACTIVE, _PEOPLE),  # they changed their minds before it ended
    (CLOSING, REMATCH): (REMATCHED, _COORDINATION),
}


class TransitionError(ValueError):
    """The action is not possible from this state, or not for this role."""

    def __init__(self, state: str, action: str, role: str, *, reason: str):
        super().__init__(f"{action} from {state} as {role}: {reason}")
        self.state, self.action, self.role, self.reason = state, action, role, reason


@dataclass(frozen=True)
class Transition:
    old: str
    action: str
    new: str


def transition(state: str, action: str, role: str) -> Transition:
    """The transition `action` makes from `state` when taken by `role`, or TransitionError."""
    if state not in STATES:
        raise TransitionError(state, action, role, reason="unknown state")
    if role not in ROLES:
        raise TransitionError(state, action, role, reason="unknown role")
    entry = TRANSITIONS.get((state, action))
    if entry is None:
        raise TransitionError(state, action, role, reason="not possible from this state")
    new, roles = entry
    if role not in roles:
        raise TransitionError(state, action, role, reason="not allowed for this role")
    return Transition(old=state, action=action, new=new)


def can(state: str, action: str, role: str) -> bool:
    entry = TRANSITIONS.get((state, action))
    return entry is not None and role in entry[1]


def allowed_actions(state: str, roles) -> list[str]:
    """The actions any of `roles` may take from `state`, in a stable order."""
    roles = set(roles)
    return [action for action in ACTIONS
            if (state, action) in TRANSITIONS and roles & TRANSITIONS[(state, action)][1]]


def holds_place(state: str) -> bool:
    return state in HOLDS_PLACE


def reachable(start: str = PROPOSED) -> set[str]:
    """Every state reachable from `start` by some sequence of actions."""
    seen, frontier = {start}, [start]
    while frontier:
        state = frontier.pop()
        for (old, _action), (new, _roles) in TRANSITIONS.items():
            if old == state and new not in seen:
                seen.add(new)
                frontier.append(new)
    return seen
