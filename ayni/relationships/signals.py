"""Signals other apps listen to (messaging opens and closes the conversation).

Both are sent inside the service's transaction, so a receiver's writes commit or roll back with it.

- `relationship_started(sender=Relationship, relationship=...)`: a relationship was created
  (status "proposed"; it becomes "active" once both acknowledge the agreement).
- `relationship_status_changed(sender=Relationship, relationship=..., old="...", new="...")`.
"""

from django.dispatch import Signal

relationship_started = Signal()
relationship_status_changed = Signal()
