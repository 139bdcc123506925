import json
import logging

from ayni.core.middleware import current_request_id


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id() or "-"
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: easy to ship to any log store."""

    def format(self, record: logging.LogRecord) -> str:
        payload = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or current_request_id(),
        }
        if record.exc_info:
            payload["exception"] = self.formatException(record.exc_info)
        return json.dumps(payload, ensure_ascii=False)


class ErrorCountHandler(logging.Handler):
    """Counts server errors per day in the database, for the staff operations page."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            from django.db.models import F
            from django.utils import timezone

            from ayni.core.models import ErrorCount

            day = timezone.localdate()
            if not ErrorCount.objects.filter(day=day).update(count=F("count") + 1):
                ErrorCount.objects.get_or_create(day=day, defaults={"count": 1})
        except Exception:  # noqa: S110 - logging must never raise
            pass
