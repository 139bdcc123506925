import pytest

from ayni.messaging.models import Conversation, Participant
from ayni.messaging.services import conversation_for_circle


@pytest.mark.django_db
def test_a_circle_has_exactly_one_conversation_with_its_accepted_members(circle, bob, erin, alice):
    first = conversation_for_circle(circle)
    again = conversation_for_circle(circle)
    assert first.pk == again.pk
    assert Conversation.objects.filter(circle=circle).count() == 1
    seated = set(Participant.objects.filter(conversation=first, left_at__isnull=True).values_list("user_id", flat=True))
    assert seated == {bob.pk, erin.pk}
    assert alice.pk not in seated
