from django.contrib import admin

from ayni.communities.models import Community, Invitation, MemberImport, Membership, Topic


class TopicInline(admin.TabularInline):
    model = Topic
    extra = 0
    fields = ("key", "name_es", "name_en", "is_sensitive", "is_archived", "position")


@admin.register(Community)
class CommunityAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "kind", "visibility", "join_policy", "created_at")
    list_filter = ("kind", "visibility", "join_policy")
    search_fields = ("name", "slug")
    inlines = [TopicInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "community", "status", "is_seeker", "is_supporter", "is_coordinator", "joined_at")
    list_filter = ("status", "is_coordinator", "is_supporter", "is_seeker", "community")
    search_fields = ("user__email", "user__display_name", "community__name")
    list_select_related = ("user", "community")
    raw_id_fields = ("user", "reports_to")


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("email", "community", "created_at", "expires_at", "accepted_at", "revoked_at")
    exclude = ("token_hash",)


@admin.register(MemberImport)
class MemberImportAdmin(admin.ModelAdmin):
    list_display = ("filename", "community", "status", "total", "processed", "created_at")
    readonly_fields = ("rows",)
