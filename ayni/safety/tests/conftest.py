from dataclasses import dataclass, field

import pytest


@dataclass
class FakeFinding:
    category: str
    expression: str
    start: int = 0
    end: int = 0


@dataclass
class FakeDetection:
    level: str = "none"
    reasons: list = field(default_factory=list)
    language: str = "es"


def fake_detect(text, language=None):
    """A stand-in for ayni.safety.crisis.detect: 'quiero morir' / 'want to die' are urgent,
    'triste' / 'sad' a concern, anything else nothing."""
    lowered = text.lower()
    for expression in ("quiero morir", "want to die", "matarme", "kill myself"):
        if expression in lowered and f"no {expression}" not in lowered:
            start = lowered.index(expression)
            return FakeDetection("urgent", [FakeFinding("suicide", expression, start, start + len(expression))],
                                 "en" if "want" in expression or "kill" in expression else "es")
    for expression in ("triste", "sad"):
        if expression in lowered:
            start = lowered.index(expression)
            return FakeDetection("concern", [FakeFinding("distress", expression, start, start + len(expression))], "es")
    return FakeDetection()


@pytest.fixture(autouse=True)
def fake_detector(monkeypatch):
    """Until the crisis detector lands, screening runs against this stand-in."""
    monkeypatch.setattr("ayni.safety.screening.run_detection", fake_detect)
    return fake_detect


@pytest.fixture
def erin(aurora):
    """A second coordinator of aurora (the next on the ladder)."""
    from ayni.communities.tests.factories import MembershipFactory

    return MembershipFactory(community=aurora, user__display_name="Erin", user__email="erin@example.org",
                             is_coordinator=True).user
