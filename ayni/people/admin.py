from django.contrib import admin

from ayni.people.models import Experience, Need, Profile


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "city", "meeting_mode", "age_band", "date_of_birth")
    search_fields = ("user__email", "user__display_name", "city")
    raw_id_fields = ("user",)


@admin.register(Experience)
class ExperienceAdmin(admin.ModelAdmin):
    list_display = ("membership", "topic", "visibility", "is_sensitive", "consent_at")
    list_filter = ("visibility", "is_sensitive")
    raw_id_fields = ("membership", "topic")


@admin.register(Need)
class NeedAdmin(admin.ModelAdmin):
    list_display = ("membership", "topic", "is_sensitive")
    raw_id_fields = ("membership", "topic")
