"""Reads for the navigation badge, the most frequent request of all (every page asks for it)."""

from django.db import connection

# The same counts as notifications.services.unread_count and messaging.selectors.unread_total
# (unread, not hidden by a moderator, not my own, in conversations I have not left), in one
# statement; both parts use an index: (recipient, read_at) and (conversation, id).
BADGE_SQL = """
SELECT
  (SELECT COUNT(*) FROM notifications_notification n WHERE n.recipient_id = %s AND n.read_at IS NULL),
  (SELECT COUNT(*) FROM messaging_participant p
     INNER JOIN messaging_message m ON m.conversation_id = p.conversation_id
     WHERE p.user_id = %s AND p.left_at IS NULL AND m.id > p.last_read_message_id
       AND NOT m.hidden_by_moderation AND (m.author_id IS NULL OR m.author_id <> %s))
"""


def badge_counts(user) -> dict[str, int]:
    """Unread notifications and unread messages of a signed-in person, in one query.

    Hand-written SQL because this runs on every page: building the two ORM querysets cost more
    CPU than the database needs to answer them (tests compare it with the ORM counts)."""
    with connection.cursor() as cursor:
        cursor.execute(BADGE_SQL, [user.pk, user.pk, user.pk])
        notifications, messages = cursor.fetchone()
    return {"unread_notifications": notifications or 0, "unread_messages": messages or 0}
