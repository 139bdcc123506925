"""Staff see conversations' shape (who, when, how many, reports), not their text: reading a
conversation goes through the app, where coordinators' readings are audited."""

from django.contrib import admin

from ayni.messaging.models import Conversation


@admin.register(Conversation)
class ConversationAdmin(admin.ModelAdmin):
    list_display = ["id", "kind", "community", "is_read_only", "involves_minor", "last_message_at"]
    list_filter = ["kind", "is_read_only", "involves_minor"]
    readonly_fields = ["community", "kind", "circle", "created_at", "last_message_at", "read_only_since"]
