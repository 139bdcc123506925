from django.contrib import admin

from ayni.safety.models import (
    Alert,
    AlertEvent,
    Block,
    CrisisResource,
    DutyRota,
    ParentalConsent,
    Report,
    SafetySettings,
)


class AlertEventInline(admin.TabularInline):
    model = AlertEvent
    extra = 0
    readonly_fields = ("kind", "actor", "recipient", "text", "created_at")


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    list_display = ("id", "community", "kind", "level", "status", "assigned_to", "created_at")
    list_filter = ("status", "level", "kind")
    raw_id_fields = ("person", "raised_by", "assigned_to", "acknowledged_by", "closed_by")
    inlines = [AlertEventInline]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("id", "community", "source_kind", "reason", "status", "action", "created_at")
    list_filter = ("status", "reason", "source_kind")
    raw_id_fields = ("reporter", "person", "resolved_by", "alert")


@admin.register(CrisisResource)
class CrisisResourceAdmin(admin.ModelAdmin):
    list_display = ("name_en", "community", "country", "phone", "verified_at", "is_active")
    list_filter = ("country", "is_active")


admin.site.register(SafetySettings)
admin.site.register(DutyRota)
admin.site.register(Block)
admin.site.register(ParentalConsent)
