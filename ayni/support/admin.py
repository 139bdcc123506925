from django.contrib import admin

from ayni.support.models import (
    MatchingRound,
    Proposal,
    ProposalQuestion,
    SupportRequest,
    SupportSettings,
)


@admin.register(SupportRequest)
class SupportRequestAdmin(admin.ModelAdmin):
    list_display = ["pk", "community", "seeker", "status", "choice", "urgency", "created_at"]
    list_filter = ["status", "choice", "urgency", "community"]
    raw_id_fields = ["seeker"]


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["pk", "community", "seeker", "supporter", "status", "seeker_answer", "supporter_answer",
                    "origin", "expires_at"]
    list_filter = ["status", "origin", "community"]
    raw_id_fields = ["request", "seeker", "supporter", "matching_round"]


admin.site.register(ProposalQuestion)
admin.site.register(MatchingRound)
admin.site.register(SupportSettings)
