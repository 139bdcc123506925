"""Listens to the relationships app: a conversation when a relationship starts, read-only when
it closes. Connected in MessagingConfig.ready() when the relationships signals exist."""

import importlib
import logging

logger = logging.getLogger("ayni.messaging")

_connected = False


def on_relationship_started(sender, relationship=None, **kwargs):
    from ayni.messaging.services import conversation_for_relationship

    if relationship is not None:
        conversation_for_relationship(relationship)


def on_relationship_status_changed(sender, relationship=None, old=None, new=None, **kwargs):
    from ayni.messaging.services import (
        READ_ONLY_STATUSES,
        conversation_for_relationship,
        conversation_set_read_only,
    )

    if relationship is None:
        return
    conversation = conversation_for_relationship(relationship)
    if new in READ_ONLY_STATUSES:
        conversation_set_read_only(conversation=conversation, read_only=True)
    elif old in READ_ONLY_STATUSES and conversation.is_read_only:
        conversation_set_read_only(conversation=conversation, read_only=False)


def connect() -> bool:
    global _connected
    if _connected:
        return True
    try:
        signals = importlib.import_module("ayni.relationships.signals")
    except ImportError:
        return False
    started = getattr(signals, "relationship_started", None)
    changed = getattr(signals, "relationship_status_changed", None)
    if started is not None:
        started.connect(on_relationship_started, dispatch_uid="messaging.relationship_started")
    if changed is not None:
        changed.connect(on_relationship_status_changed, dispatch_uid="messaging.relationship_status_changed")
    _connected = started is not None or changed is not None
    return _connected
