"""Property tests of the plain transition table."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ayni.relationships import lifecycle

states = st.sampled_from(lifecycle.STATES)
actions = st.sampled_from(lifecycle.ACTIONS)
roles = st.sampled_from(lifecycle.ROLES)


@settings(deadline=None)  # a shared, busy machine: no per-example time limit
@given(st.lists(st.tuples(actions, roles), max_size=40))
def test_any_sequence_of_attempts_stays_in_known_states_and_never_leaves_an_end(attempts):
    state = lifecycle.PROPOSED
    for action, role in attempts:
        try:
            step = lifecycle.transition(state, action, role)
        except lifecycle.TransitionError:
            continue
        assert state not in lifecycle.TERMINAL
        assert step.old == state and step.new in lifecycle.STATES
        state = step.new
    assert state in lifecycle.STATES


@settings(deadline=None)  # a shared, busy machine: no per-example time limit
@given(states, actions, roles)
def test_transition_and_can_agree(state, action, role):
    allowed = lifecycle.can(state, action, role)
    if allowed:
        assert lifecycle.transition(state, action, role).new == lifecycle.TRANSITIONS[(state, action)][0]
        assert action in lifecycle.allowed_actions(state, [role])
    else:
        with pytest.raises(lifecycle.TransitionError):
            lifecycle.transition(state, action, role)
        assert action not in lifecycle.allowed_actions(state, [role])


@settings(deadline=None)  # a shared, busy machine: no per-example time limit
@given(states, roles)
def test_terminal_states_allow_nothing(state, role):
    if state in lifecycle.TERMINAL:
        assert lifecycle.allowed_actions(state, [role]) == []


@settings(deadline=None)  # a shared, busy machine: no per-example time limit
@given(states, actions)
def test_participants_never_close_abruptly_or_rematch(state, action):
    if action == lifecycle.REMATCH or (action == lifecycle.CLOSE and state in {lifecycle.ACTIVE, lifecycle.PAUSED}):
        assert not lifecycle.can(state, action, lifecycle.PARTICIPANT)


@settings(deadline=None)  # a shared, busy machine: no per-example time limit
@given(st.text(max_size=12), st.text(max_size=12), roles)
def test_unknown_states_and_actions_are_refused(state, action, role):
    if (state, action) not in lifecycle.TRANSITIONS:
        with pytest.raises(lifecycle.TransitionError):
            lifecycle.transition(state, action, role)


def test_every_state_is_reachable_and_every_live_state_can_end():
    assert lifecycle.reachable() == set(lifecycle.STATES)
    for state in set(lifecycle.STATES) - lifecycle.TERMINAL:
        assert lifecycle.reachable(state) & lifecycle.TERMINAL


def test_places_are_held_exactly_by_live_states():
    assert set(lifecycle.STATES) - lifecycle.TERMINAL == lifecycle.HOLDS_PLACE


def test_only_the_platform_activates():
    assert lifecycle.can(lifecycle.PROPOSED, lifecycle.ACTIVATE, lifecycle.SYSTEM)
    assert not lifecycle.can(lifecycle.PROPOSED, lifecycle.ACTIVATE, lifecycle.PARTICIPANT)
    assert not lifecycle.can(lifecycle.PROPOSED, lifecycle.ACTIVATE, lifecycle.COORDINATOR)
