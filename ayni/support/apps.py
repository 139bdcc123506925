from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "ayni.support"
    label = "support"
    verbose_name = _("Support")

    def ready(self) -> None:
        from ayni.core.scheduler import register_job
        from ayni.notifications.kinds import register_kind
        from ayni.support import receivers

        receivers.connect()

        register_job("support.expire_proposals", "ayni.support.services.proposals_expire",
                     every=timedelta(minutes=15))
        register_job("support.refresh_suggestion_indexes", "ayni.support.matching.index_refresh_due",
                     every=timedelta(minutes=10), timeout=timedelta(minutes=30))
        register_job("support.embed_texts", "ayni.support.semantic.backfill", every=timedelta(minutes=10),
                     timeout=timedelta(minutes=30))
        from ayni.support import signals

        signals.connect()
        kinds = {
            "support.request_new": _("%(name)s asked for support"),
            "support.proposal_new": _("We propose %(name)s to you"),
            "support.proposal_accepted": _("%(name)s accepted the proposal"),
            "support.proposal_matched": _("You and %(name)s both accepted: your relationship can start"),
            "support.proposal_matched_coordinator": _("%(seeker)s and %(supporter)s both accepted"),
            "support.proposal_declined": _("A proposal was declined"),
            "support.proposal_declined_coordinator": _("A proposal between %(seeker)s and %(supporter)s was declined"),
            "support.proposal_question": _("%(name)s needs more information about a proposal"),
            "support.proposal_answer": _("%(name)s answered your question"),
            "support.proposal_withdrawn": _("%(name)s withdrew the request"),
            "support.proposal_expired": _("A proposal for %(seeker)s expired; %(next)s is proposed now"),
            "support.proposal_expired_nobody": _("A proposal for %(seeker)s expired and nobody else fits"),
            "support.proposal_expired_supporter": _("The proposal with %(name)s expired"),
            "support.round_ready": _("Your matching round is ready to review"),
        }
        for key, title in kinds.items():
            register_kind(key, title=title, category="proposals")
