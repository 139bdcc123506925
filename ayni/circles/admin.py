from django.contrib import admin

from ayni.circles.models import Circle, CircleMeeting, CircleMembership


class CircleMembershipInline(admin.TabularInline):
    model = CircleMembership
    extra = 0
    raw_id_fields = ["membership", "decided_by"]


@admin.register(Circle)
class CircleAdmin(admin.ModelAdmin):
    list_display = ["name", "community", "topic", "language", "status", "next_meeting_at"]
    list_filter = ["status", "language", "community"]
    search_fields = ["name"]
    inlines = [CircleMembershipInline]
    raw_id_fields = ["created_by"]


@admin.register(CircleMeeting)
class CircleMeetingAdmin(admin.ModelAdmin):
    list_display = ["circle", "starts_at", "place"]
    raw_id_fields = ["circle", "created_by"]
