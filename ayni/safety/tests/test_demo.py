import pytest

from ayni.safety import demo
from ayni.safety.models import Alert, CrisisResource, DutyRota

pytestmark = pytest.mark.django_db


def test_the_demo_loads_once(aurora, alice, bob):
    first = demo.load(communities={"aurora": aurora})
    assert first["safety alerts"] == 2 and first["crisis resources"] > 0
    assert DutyRota.objects.filter(community=aurora, coordinator=alice).exists()
    assert CrisisResource.objects.filter(community=aurora, verified_at__isnull=False).count() == 1
    assert demo.load(communities={"aurora": aurora}) == {"crisis resources": 0, "safety alerts": 0}
    assert Alert.objects.count() == 2

