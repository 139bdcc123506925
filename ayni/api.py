"""The HTTP API at /api/v1/ (OpenAPI at /api/v1/openapi.json, interactive docs at /api/v1/docs)."""

from ninja import NinjaAPI

from ayni.core.api import SessionAuth, TokenAuth, install_error_handlers

api = NinjaAPI(
    title="Ayni API",
    version="1",
    description=(
        "Community mentoring and peer support. Authenticate with a personal API token "
        "(`Authorization: Bearer ayni_…`, created on your account page) or the browser session. "
        "Send `Accept-Language: es` or `en` for messages in that language."
    ),
    auth=[TokenAuth(), SessionAuth()],
    urls_namespace="api",
)
install_error_handlers(api)

api.add_router("/", "ayni.accounts.api.router")
api.add_router("/communities", "ayni.communities.api.router")
api.add_router("/", "ayni.people.api.router")
api.add_router("/training", "ayni.training.api.router")
api.add_router("/safety", "ayni.safety.api.router")
api.add_router("/support", "ayni.support.api.router")
api.add_router("/relationships", "ayni.relationships.api.router")
api.add_router("/messages", "ayni.messaging.api.router")
api.add_router("/notifications", "ayni.notifications.api.router")
api.add_router("/circles", "ayni.circles.api.router")
api.add_router("/resources", "ayni.resources.api.router")
api.add_router("/insights", "ayni.insights.api.router")
