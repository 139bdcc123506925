import factory
from django.utils import timezone

from ayni.accounts.tests.factories import UserFactory
from ayni.communities.models import Community, Membership, Topic


class CommunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Community
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Community {n}")
    slug = factory.Sequence(lambda n: f"community-{n}")
    kind = Community.Kind.COUNCIL_DEPARTMENT
    description_es = "Una comunidad de apoyo entre vecinos."
    description_en = "A community of neighbours supporting each other."
    values_es = "Respeto, confidencialidad y cuidado mutuo."
    values_en = "Respect, confidentiality and mutual care."
    languages = factory.LazyFunction(lambda: ["es", "en"])
    country = "ES"


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    community = factory.SubFactory(CommunityFactory)
    key = factory.Sequence(lambda n: f"topic-{n}")
    name_es = factory.Sequence(lambda n: f"Tema {n}")
    name_en = factory.Sequence(lambda n: f"Topic {n}")
    position = factory.Sequence(lambda n: n)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    community = factory.SubFactory(CommunityFactory)
    user = factory.SubFactory(UserFactory)
    status = Membership.Status.ACTIVE
    joined_at = factory.LazyFunction(timezone.now)
    values_agreed_at = factory.LazyFunction(timezone.now)
