import pytest

from ayni.communities.models import Community, Membership
from ayni.demo.loader import load_demo
from ayni.training.models import Certification, TrainingRequirement
from ayni.training.selectors import completion_for, supporters_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _only_the_training_demo(monkeypatch):
    """The base demo plus this app's part only: other apps' demos are tested in their apps."""
    from ayni.demo import loader
    from ayni.training import demo

    monkeypatch.setattr(loader, "_app_demos", lambda: iter([demo]))


def test_the_demo_has_supporters_at_every_stage_and_loads_once():
    load_demo()
    certifications = Certification.objects.count()
    assert TrainingRequirement.objects.count() == 4
    council = Community.objects.get(slug="barrios-que-cuidan-zaragoza")
    statuses = {row.status for row in completion_for(council, supporters_of(council))}
    assert {"ready", "close", "expired"} <= statuses
    teresa = Membership.objects.get(user__email="teresa-zgz@demo.ayni.example", community=council)
    assert next(r for r in completion_for(council, [teresa])).status == "ready"
    counts = load_demo()
    assert counts.get("certifications", 0) == 0 and counts.get("training_sessions", 0) == 0
    assert Certification.objects.count() == certifications
