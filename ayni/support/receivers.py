"""Listens to the relationships app: when a relationship ends, the request it answered closes.

Connected in SupportConfig.ready(); the work itself is the service `requests_close_for_relationship`.
"""

import importlib


def on_relationship_status_changed(sender, relationship=None, old=None, new=None, **kwargs):
    from ayni.support.services import requests_close_for_relationship

    if relationship is not None and new == "closed":
        requests_close_for_relationship(relationship=relationship)


def connect() -> bool:
    try:
        signals = importlib.import_module("ayni.relationships.signals")
    except ImportError:
        return False
    signals.relationship_status_changed.connect(on_relationship_status_changed,
                                                dispatch_uid="support.relationship_status_changed")
    return True
