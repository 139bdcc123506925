"""Keep the suggestion indexes fresh: a change to supporters' data queues a background refresh."""

from django.db.models.signals import post_delete, post_save


def _membership_changed(sender, instance, **kwargs) -> None:
    from ayni.support.matching import index_queue_refresh

    index_queue_refresh([instance.community_id])


def _profile_changed(sender, instance, **kwargs) -> None:
    from ayni.communities.models import Membership
    from ayni.support.matching import index_queue_refresh

    index_queue_refresh(Membership.objects.filter(user_id=instance.user_id, is_supporter=True)
                        .values_list("community_id", flat=True))


def _lived_changed(sender, instance, **kwargs) -> None:
    from ayni.communities.models import Membership
    from ayni.support.matching import index_queue_refresh

    index_queue_refresh(Membership.objects.filter(pk=instance.membership_id, is_supporter=True)
                        .values_list("community_id", flat=True))


def _experience_text_changed(sender, instance, **kwargs) -> None:
    from ayni.support import semantic

    semantic.queue(semantic.SUPPORTER, [instance.membership_id])


def _request_text_changed(sender, instance, **kwargs) -> None:
    from ayni.support import semantic

    semantic.queue(semantic.REQUEST, [instance.pk])


def _source_deleted(sender, instance, **kwargs) -> None:
    """A deleted request or membership takes its stored vector with it (whatever the setting)."""
    from ayni.support import semantic
    from ayni.support.models import SupportRequest

    semantic.forget(semantic.REQUEST if sender is SupportRequest else semantic.SUPPORTER, [instance.pk])


def connect() -> None:
    from ayni.communities.models import Membership
    from ayni.people.models import Experience, Need, Profile
    from ayni.support.models import SupportRequest

    post_save.connect(_request_text_changed, sender=SupportRequest, dispatch_uid="support.vector.request")
    post_delete.connect(_source_deleted, sender=SupportRequest, dispatch_uid="support.vector.request.gone")
    post_delete.connect(_source_deleted, sender=Membership, dispatch_uid="support.vector.membership.gone")

    for signal in (post_save, post_delete):
        signal.connect(_membership_changed, sender=Membership, dispatch_uid=f"support.index.membership.{signal}")
        signal.connect(_profile_changed, sender=Profile, dispatch_uid=f"support.index.profile.{signal}")
        signal.connect(_experience_text_changed, sender=Experience,
                       dispatch_uid=f"support.vector.experience.{signal}")
        for model in (Experience, Need):
            signal.connect(_lived_changed, sender=model,
                           dispatch_uid=f"support.index.{model.__name__}.{signal}")
