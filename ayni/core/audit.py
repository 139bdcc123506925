"""Writing the audit trail. Every service calls `audit_log` inside its transaction."""

from typing import Any

from django.db import models

from ayni.core.middleware import current_request_id
from ayni.core.models import AuditEvent


def audit_log(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    community: Any = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Record that `actor` did `action` on `target` (within `community`)."""
    community_id = getattr(community, "pk", community)
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        community_id=community_id,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        details=details or {},
        request_id=current_request_id() or "",
    )
