from django.contrib import admin

from ayni.resources.models import Resource


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ["title_es", "title_en", "community", "topic", "is_archived"]
    list_filter = ["is_archived", "community"]
    search_fields = ["title_es", "title_en"]
    raw_id_fields = ["created_by"]
